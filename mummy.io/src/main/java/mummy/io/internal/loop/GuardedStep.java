package mummy.io.internal.loop;

/**
 * A named step of per-connection work that {@link ConnectionIo} runs through its guard: what it
 * is (for the log line of a failure, and for fault injection in tests) and its body.
 *
 * @param name the step's name
 * @param body what it does
 */
record GuardedStep(String name, Body body) {

    /** The body of a step: the connection, one object argument and one int, either unused by some steps. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs the step.
         *
         * @param connection the live connection
         * @param argument the step's object argument, or null
         * @param value the step's int argument, or 0
         */
        void run(Connection connection, Object argument, int value);
    }

    /**
     * Test seam: told of every guarded step before it runs, and may throw to simulate a fault in
     * it. Null outside tests; set it before the server starts (the IO thread's start publishes it).
     */
    interface Faults {
        /**
         * A step is about to run.
         *
         * @param step "event", "send", "frame", "ws-resume", "body-resume", "abort", "expire",
         *             "flush", "resume", "shutdown", "accept"; or "turn" for the loop's own work
         * @param remotePort the connection's remote port; -1 for "turn"
         */
        void before(String step, int remotePort);
    }

    /** See {@link Faults}. */
    static Faults faults;
}
