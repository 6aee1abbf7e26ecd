package mummy.api.spi;

import java.util.Objects;

/**
 * What a {@link SchedulerProvider} needs to create a {@link Scheduler}.
 *
 * @param parallelism a hint for the number of tasks run at once; {@code 0} lets the provider
 *                    choose its default (for example {@code max(10 × cores, 1)} for "pool")
 * @param threadNamePrefix the prefix of worker thread names, such as {@code "mummy-worker-"};
 *                         workers are named {@code prefix + number}
 * @param exceptionHandler receives every exception that escapes a task, on the worker thread
 */
public record SchedulerConfig(int parallelism, String threadNamePrefix,
                              Thread.UncaughtExceptionHandler exceptionHandler) {

    /** Validates the components. */
    public SchedulerConfig {
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must be 0 (provider default) or positive: " + parallelism);
        }
        Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
        Objects.requireNonNull(exceptionHandler, "exceptionHandler");
    }

    /**
     * The default configuration: provider-chosen parallelism, threads named {@code mummy-worker-N},
     * escaped exceptions logged through {@link System.Logger} as {@code mummy.scheduler}.
     *
     * @return the default configuration
     */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(0, "mummy-worker-", SchedulerConfig::logEscaped);
    }

    /**
     * This configuration with another parallelism hint.
     *
     * @param parallelism the hint, 0 for the provider's default
     * @return a new configuration
     */
    public SchedulerConfig withParallelism(int parallelism) {
        return new SchedulerConfig(parallelism, threadNamePrefix, exceptionHandler);
    }

    /**
     * This configuration with another thread-name prefix.
     *
     * @param prefix the prefix
     * @return a new configuration
     */
    public SchedulerConfig withThreadNamePrefix(String prefix) {
        return new SchedulerConfig(parallelism, prefix, exceptionHandler);
    }

    /**
     * This configuration with another handler for escaped exceptions.
     *
     * @param handler the handler
     * @return a new configuration
     */
    public SchedulerConfig withExceptionHandler(Thread.UncaughtExceptionHandler handler) {
        return new SchedulerConfig(parallelism, threadNamePrefix, handler);
    }

    /**
     * The parallelism to use: the hint when set, else {@code fallback}.
     *
     * @param fallback the provider's default
     * @return the parallelism, at least 1
     */
    public int parallelismOr(int fallback) {
        return Math.max(1, parallelism == 0 ? fallback : parallelism);
    }

    private static void logEscaped(Thread thread, Throwable error) {
        System.getLogger("mummy.scheduler").log(System.Logger.Level.ERROR,
                "task.failed: an exception escaped a task on " + thread.getName(), error);
    }
}
