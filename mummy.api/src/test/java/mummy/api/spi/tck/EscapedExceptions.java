package mummy.api.spi.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The exception handler given to every scheduler under test: records each call.
 *
 * <p>Threading: MPSC; any worker reports, the test thread takes.
 */
final class EscapedExceptions implements Thread.UncaughtExceptionHandler {

    /**
     * One call of the handler.
     *
     * @param reported the thread the scheduler says the exception escaped on
     * @param calledOn the thread that called the handler
     * @param error the exception
     */
    record Escape(Thread reported, Thread calledOn, Throwable error) {
    }

    private final BlockingQueue<Escape> escapes = new LinkedBlockingQueue<>();

    /**
     * Loads and initializes {@link Escape} on the test thread: several virtual threads that report
     * at once would otherwise race to load it, and the losers are pinned while they wait (JDK 25).
     */
    EscapedExceptions() {
        Thread self = Thread.currentThread();
        Objects.requireNonNull(new Escape(self, self, new Throwable("loads the class")));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        escapes.add(new Escape(thread, Thread.currentThread(), error));
    }

    /**
     * Waits for {@code count} calls.
     *
     * @return the calls, in order
     * @throws AssertionError if fewer arrive within {@code timeout}
     */
    List<Escape> take(int count, Duration timeout) throws InterruptedException {
        List<Escape> taken = new ArrayList<>(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (taken.size() < count) {
            Escape next = escapes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("expected " + count + " exceptions to reach the handler within "
                        + timeout + ", got " + taken.size() + ": " + taken);
            }
            taken.add(next);
        }
        return taken;
    }

    /**
     * The calls not taken yet.
     *
     * @return the calls, in order; empty if there were none
     */
    List<Escape> drain() {
        List<Escape> rest = new ArrayList<>();
        escapes.drainTo(rest);
        return rest;
    }
}
