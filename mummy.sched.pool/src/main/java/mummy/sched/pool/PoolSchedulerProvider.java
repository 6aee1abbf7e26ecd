package mummy.sched.pool;

import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import mummy.api.spi.SchedulerProvider;

/**
 * "pool": a fixed pool of named platform threads, as Nim's Mummy has; by default
 * {@code max(10 × cores, 1)} threads, so that that many handlers may block at once.
 */
public final class PoolSchedulerProvider implements SchedulerProvider {

    /** The name users select this provider by. */
    public static final String NAME = "pool";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public PoolSchedulerProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Scheduler create(SchedulerConfig config) {
        int threads = config.parallelismOr(10 * Runtime.getRuntime().availableProcessors());
        return new PoolScheduler(threads, config);
    }
}
