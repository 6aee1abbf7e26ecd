package mummy.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of a fake stream (response stream, event stream): open until the handler closes it or
 * the test plays the client going away; then every {@code onClose} callback runs once, on the
 * thread that ended it, and a callback registered later runs at once.
 *
 * <p>Threading: any thread; the callbacks run outside the lock.
 */
final class StreamEnd {

    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean open = true;

    /**
     * Whether the stream is still open.
     *
     * @return true until {@link #end}
     */
    synchronized boolean isOpen() {
        return open;
    }

    /**
     * Registers a callback for the end.
     *
     * @param callback what to run
     */
    void onClose(Runnable callback) {
        synchronized (this) {
            if (open) {
                callbacks.add(callback);
                return;
            }
        }
        callback.run();
    }

    /**
     * Ends the stream and runs the callbacks, the first time only.
     *
     * @return whether this call ended it
     */
    boolean end() {
        List<Runnable> toRun;
        synchronized (this) {
            if (!open) {
                return false;
            }
            open = false;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(Runnable::run);
        return true;
    }
}
