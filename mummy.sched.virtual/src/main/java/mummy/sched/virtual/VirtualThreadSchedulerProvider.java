package mummy.sched.virtual;

import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import mummy.api.spi.SchedulerProvider;

/**
 * "virtual": one new virtual thread per task, named {@code prefix + n}. Blocking handlers cost a
 * parked virtual thread, not a platform thread, so thousands may block at once. The parallelism
 * hint is ignored: the JDK's virtual-thread scheduler decides how many carriers run them.
 */
public final class VirtualThreadSchedulerProvider implements SchedulerProvider {

    /** The name users select this provider by. */
    public static final String NAME = "virtual";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public VirtualThreadSchedulerProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Scheduler create(SchedulerConfig config) {
        return new VirtualThreadScheduler(config);
    }
}
