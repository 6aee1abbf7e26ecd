package mummy.api.spi.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Helpers that start test threads together and wait for state without sleeping. */
final class Concurrently {

    /** A body run by one of several threads. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs on thread {@code index}.
         *
         * @param index 0 to threads - 1
         * @throws Exception anything; it fails the test
         */
        void run(int index) throws Exception;
    }

    private Concurrently() {
    }

    /**
     * Runs {@code body} on {@code threads} new platform threads released at the same moment and
     * waits for all of them; the first failure of any thread is rethrown.
     */
    static void run(int threads, Duration timeout, Body body) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    body.run(index);
                    return null;
                }));
            }
            go.countDown();
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<?> future : futures) {
                getOrFail(future, deadline - System.nanoTime());
            }
        }
    }

    private static void getOrFail(Future<?> future, long nanos) throws Exception {
        try {
            future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("a test thread did not finish in time", e);
        }
    }

    /**
     * Spins (yielding, never sleeping) until {@code condition} holds, for states that have no
     * latch to wait on, such as "close has begun".
     *
     * @throws AssertionError if it does not hold within {@code timeout}
     */
    static void awaitUntil(BooleanSupplier condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.yield();
        }
    }
}
