package mummy.io;

/**
 * Whether the JVM has begun to shut down, through the public API alone.
 *
 * <p>{@link Runtime#addShutdownHook} refuses a hook with an {@link IllegalStateException} once the
 * JVM has started running its shutdown hooks (it stops taking hooks before it starts the first
 * one), so asking is reliable from a shutdown hook and from any thread afterwards. The probe is
 * an unstarted thread that is removed again at once; should shutdown begin in between, the JVM
 * starts it and it does nothing.
 *
 * <p>Threading: stateless; any thread. Costs a thread object per call: for rare events only.
 */
final class Shutdown {

    private Shutdown() {
    }

    /**
     * Whether shutdown hooks are running (or have run).
     *
     * @return true once the JVM is shutting down
     */
    static boolean inProgress() {
        Thread probe = Thread.ofPlatform().unstarted(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }
}
