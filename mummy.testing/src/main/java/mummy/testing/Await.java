package mummy.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits in a test for a state that another thread or process reaches (a subscriber joined, a
 * gauge fell to zero, a broker reconnected), checking every millisecond, and fails with what it
 * waited for when the time is up.
 *
 * <pre>{@code
 * Await.until("the session is open", Duration.ofSeconds(10), () -> room.stats().subscribers() == 1);
 * }</pre>
 *
 * <p>Threading: any thread.
 */
public final class Await {

    private static final long CHECK_EVERY_NANOS = 1_000_000;

    private Await() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @param what the state, for the failure message ("the stream joined")
     * @param timeout how long to wait at most
     * @param condition checked at once, then every millisecond
     * @throws AssertionError naming {@code what} if it does not hold within {@code timeout}
     * @throws IllegalStateException if the thread is interrupted (the interrupt is kept)
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting until " + what);
            }
        }
    }
}
