package mummy.io;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a state another thread reaches, without sleeping: yields until it holds or time is up. */
final class Await {

    private Await() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} if it does not within {@code timeout}
     */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.yield();
        }
    }
}
