package mummy.api.spi;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks (request handlers, WebSocket events) on worker threads.
 *
 * <p>Threading: {@link #execute} may be called from any thread, concurrently, including the
 * server's IO thread, which it must never block for long: it only hands the task over and never
 * runs it on the caller's thread. Tasks may block (sleep, do IO); each provider documents how it
 * keeps blocking tasks from starving the others.
 *
 * <p>Failures: an exception that escapes a task goes to the configuration's
 * {@link SchedulerConfig#exceptionHandler()}; it neither kills the scheduler nor stops other tasks.
 *
 * <p>Rejection: once {@link #close(Duration)} has begun, {@link #execute} throws
 * {@link RejectedExecutionException} naming the scheduler; a task handed over before that is
 * either run or, if {@link #execute} threw, never run: no task is silently dropped. Tasks accepted
 * before the close still run, also those not yet started.
 */
public interface Scheduler extends AutoCloseable {

    /** How long {@link #close()} waits for tasks to finish. */
    Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The name of the provider that made this scheduler.
     *
     * @return the provider's name, such as {@code "pool"}
     */
    String name();

    /**
     * Hands a task over to run later on a worker thread, never on the calling thread.
     *
     * @param task the task to run
     * @throws RejectedExecutionException if this scheduler is closing or closed
     * @throws NullPointerException if {@code task} is null
     */
    void execute(Runnable task);

    /**
     * Stops taking tasks and waits for the accepted ones to finish, at most {@code timeout}.
     * Tasks still running when the time is up are interrupted and left to end on their own.
     * Calling it again is harmless and waits again.
     *
     * @param timeout how long to wait for accepted tasks
     * @return whether every accepted task finished within the timeout
     */
    boolean close(Duration timeout);

    /**
     * {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}.
     */
    @Override
    default void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Whether {@link #close(Duration)} has begun.
     *
     * @return true once the scheduler rejects new tasks
     */
    boolean isClosed();

    /**
     * Tasks handed over and not started yet, for monitoring; a provider that cannot tell cheaply
     * keeps the default. May be an estimate while tasks come and go; never blocks.
     *
     * @return the count, or -1 if unknown
     */
    default long queuedTasks() {
        return -1;
    }

    /**
     * Tasks running now, for monitoring; a provider that cannot tell cheaply keeps the default.
     * May be an estimate while tasks come and go; never blocks.
     *
     * @return the count, or -1 if unknown
     */
    default long runningTasks() {
        return -1;
    }
}
