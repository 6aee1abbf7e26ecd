package mummy.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What every soak client shares: the server, the end of the run and the tally; and the loop that
 * runs one client's rounds until the end.
 *
 * <p>Threading: immutable apart from the tally; each client loop runs on its own virtual thread.
 *
 * @param server the server's address
 * @param deadlineNanos when the run ends ({@link System#nanoTime})
 * @param tally where work and failures are counted
 */
record SoakContext(InetSocketAddress server, long deadlineNanos, SoakTally tally) {

    /** How long a client waits for an answer the server should give at once, under load. */
    static final int ANSWER_TIMEOUT_MILLIS = 20_000;

    /** One round of a soak client: a request, an upload, a WebSocket message, a slow client's life. */
    interface Round {
        /**
         * Does one round, counting it and reporting what was wrong to the tally.
         *
         * @throws IOException when the connection fails unexpectedly (a failure, unless the run is over)
         */
        void run(SoakContext context) throws IOException;

        /** Drops the client's connection, if it keeps one between rounds. */
        default void reset() {
        }
    }

    boolean over() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    long millisLeft() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    ThreadLocalRandom random() {
        return ThreadLocalRandom.current();
    }

    Client connect() throws IOException {
        return Client.connect(server, ANSWER_TIMEOUT_MILLIS);
    }

    /** Sleeps up to {@code millis}, never past the end of the run. */
    void pause(long millis) {
        try {
            Thread.sleep(Math.min(millis, millisLeft()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code round} until the end of the run. An exception is a failure unless the run ended
     * meanwhile (the client was cut short); after one, the client starts again on a new connection.
     */
    void loop(String who, Round round) {
        while (!over() && !Thread.currentThread().isInterrupted()) {
            try {
                round.run(this);
            } catch (IOException | RuntimeException e) {
                if (!over()) {
                    tally.fail(who, e.toString());
                    pause(100); // a broken server fails every round; do not spin on it
                }
                round.reset();
            }
        }
        round.reset();
    }
}
