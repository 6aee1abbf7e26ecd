package mummy.sched.pool;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;

/**
 * A fixed number of platform threads taking tasks from one unbounded FIFO queue.
 *
 * <p>Threading: {@link #execute} from any thread; the queue is a {@link LinkedBlockingQueue}, so a
 * producer never waits for a worker. All threads start up front and live until {@link #close}.
 * Blocking tasks hold their thread: at most {@code threads} tasks block at once, the rest queue.
 */
final class PoolScheduler implements Scheduler {

    private static final System.Logger LOG = System.getLogger("mummy.scheduler");

    private final ThreadPoolExecutor executor;
    private final Thread.UncaughtExceptionHandler exceptionHandler;

    PoolScheduler(int threads, SchedulerConfig config) {
        this.exceptionHandler = config.exceptionHandler();
        ThreadFactory factory = new NamedThreadFactory(config);
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), factory, (task, pool) -> {
                    throw new RejectedExecutionException("scheduler \"pool\" is closed: task rejected");
                });
        executor.prestartAllCoreThreads();
    }

    @Override
    public String name() {
        return PoolSchedulerProvider.NAME;
    }

    @Override
    public void execute(Runnable task) {
        java.util.Objects.requireNonNull(task, "task");
        // Catch here rather than let the worker die: ThreadPoolExecutor would replace the thread.
        executor.execute(() -> {
            try {
                task.run();
            } catch (Throwable error) {
                exceptionHandler.uncaughtException(Thread.currentThread(), error);
            }
        });
    }

    @Override
    public boolean close(Duration timeout) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
            int discarded = executor.shutdownNow().size();
            LOG.log(System.Logger.Level.WARNING, "scheduler.close.timeout: pool did not finish in {0};"
                    + " running tasks interrupted, {1} queued tasks discarded", timeout, discarded);
            return false;
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean isClosed() {
        return executor.isShutdown();
    }

    /** {@return the tasks waiting in the pool's queue} */
    @Override
    public long queuedTasks() {
        return executor.getQueue().size();
    }

    /** {@return the threads running a task (ThreadPoolExecutor's estimate)} */
    @Override
    public long runningTasks() {
        return executor.getActiveCount();
    }

    /** Names threads {@code prefix + n}, as daemons, with the configured exception handler. */
    private static final class NamedThreadFactory implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);
        private final SchedulerConfig config;

        NamedThreadFactory(SchedulerConfig config) {
            this.config = config;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, config.threadNamePrefix() + next.getAndIncrement());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(config.exceptionHandler());
            return thread;
        }
    }
}
