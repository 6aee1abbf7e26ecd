package mummy.sched.fj;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;

/**
 * A {@link ForkJoinPool} in async mode whose tasks run as {@link ForkJoinPool.ManagedBlocker}s,
 * so that blocking tasks get compensating workers (see {@link ForkJoinSchedulerProvider}).
 *
 * <p>Threading: {@link #execute} from any thread; from a worker it pushes to that worker's own
 * queue, from elsewhere to a shared submission queue. The pool decides atomically between
 * accepting and rejecting, so a task racing {@code close} is run or rejected.
 */
final class ForkJoinScheduler implements Scheduler {

    /** Spare threads allowed beyond the parallelism while tasks block. */
    static final int MAX_SPARES = 256;

    private final ForkJoinPool pool;
    private final Thread.UncaughtExceptionHandler exceptionHandler;

    ForkJoinScheduler(int parallelism, SchedulerConfig config) {
        this.exceptionHandler = config.exceptionHandler();
        AtomicInteger next = new AtomicInteger(1);
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread thread = new ForkJoinWorkerThread(null, pool, true) { };
            thread.setName(config.threadNamePrefix() + next.getAndIncrement());
            return thread;
        };
        this.pool = new ForkJoinPool(parallelism, factory, config.exceptionHandler(), true,
                0, parallelism + MAX_SPARES, 1,
                // When every spare is in use, carry on without compensation rather than fail the task.
                saturated -> true,
                60, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return ForkJoinSchedulerProvider.NAME;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        try {
            pool.execute(() -> runBlocking(task));
        } catch (RejectedExecutionException e) {
            throw new RejectedExecutionException("scheduler \"forkjoin\" is closed: task rejected", e);
        }
    }

    private void runBlocking(Runnable task) {
        try {
            ForkJoinPool.managedBlock(new TaskBlocker(task));
        } catch (Throwable error) {
            exceptionHandler.uncaughtException(Thread.currentThread(), error);
        }
    }

    @Override
    public boolean close(Duration timeout) {
        pool.shutdown();
        try {
            if (pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        return false;
    }

    @Override
    public boolean isClosed() {
        return pool.isShutdown();
    }

    /** Runs the task once as a blocker: {@code block} runs it, then it is releasable. */
    private static final class TaskBlocker implements ForkJoinPool.ManagedBlocker {
        private Runnable task;

        TaskBlocker(Runnable task) {
            this.task = task;
        }

        @Override
        public boolean block() {
            Runnable toRun = task;
            task = null;
            toRun.run();
            return true;
        }

        @Override
        public boolean isReleasable() {
            return task == null;
        }
    }
}
