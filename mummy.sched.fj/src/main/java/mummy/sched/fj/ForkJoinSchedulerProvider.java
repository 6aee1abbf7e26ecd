package mummy.sched.fj;

import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import mummy.api.spi.SchedulerProvider;

/**
 * "forkjoin": a work-stealing {@link java.util.concurrent.ForkJoinPool} in async (FIFO) mode with
 * {@code parallelism} workers (default: the number of cores).
 *
 * <p>Blocking: every task runs inside {@link java.util.concurrent.ForkJoinPool#managedBlock}, so
 * the pool treats a worker that runs a handler as possibly blocked and activates or creates a
 * spare worker while it runs (up to {@code parallelism + 256} threads). A handler that sleeps or
 * does blocking IO therefore does not starve the others; a pool full of blocked handlers grows,
 * and its spare threads retire after 60 s idle. Handlers that never block pay for this on every
 * call: it is the slowest of the three schedulers on short handlers (plaintext {@code GET /} on one
 * CPU: 0.72× of "pool" and 0.66× of "virtual", benchmarks/TARGETS.md). Choose it for handlers that
 * block often and briefly on a work-stealing pool; "virtual" for mostly-blocking handlers, "pool"
 * for a fixed thread count.
 */
public final class ForkJoinSchedulerProvider implements SchedulerProvider {

    /** The name users select this provider by. */
    public static final String NAME = "forkjoin";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public ForkJoinSchedulerProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Scheduler create(SchedulerConfig config) {
        return new ForkJoinScheduler(config.parallelismOr(Runtime.getRuntime().availableProcessors()), config);
    }
}
