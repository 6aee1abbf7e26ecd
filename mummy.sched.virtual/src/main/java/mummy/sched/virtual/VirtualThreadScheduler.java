package mummy.sched.virtual;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;

/**
 * Starts one virtual thread per task through {@link Executors#newThreadPerTaskExecutor}, which
 * tracks the threads it started so that {@link #close(Duration)} can wait for them.
 *
 * <p>Threading: {@link #execute} from any thread; it only starts a thread. The executor decides
 * atomically between starting and rejecting, so a task racing {@link #close(Duration)} is run or
 * rejected.
 */
final class VirtualThreadScheduler implements Scheduler {

    private final ExecutorService executor;
    private final Thread.UncaughtExceptionHandler exceptionHandler;

    VirtualThreadScheduler(SchedulerConfig config) {
        this.exceptionHandler = config.exceptionHandler();
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
                .name(config.threadNamePrefix(), 1)
                .uncaughtExceptionHandler(config.exceptionHandler())
                .factory());
    }

    @Override
    public String name() {
        return VirtualThreadSchedulerProvider.NAME;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (Throwable error) {
                    exceptionHandler.uncaughtException(Thread.currentThread(), error);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new RejectedExecutionException("scheduler \"virtual\" is closed: task rejected", e);
        }
    }

    @Override
    public boolean close(Duration timeout) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        return false;
    }

    @Override
    public boolean isClosed() {
        return executor.isShutdown();
    }
}
