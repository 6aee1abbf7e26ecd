package mummy.api.spi;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * One {@link Scheduler#execute} racing {@link Scheduler#close(Duration)}, for the per-provider
 * jcstress tests (jcstress finds actors only in the test class itself, so each test delegates its
 * actors here). The contract: the task is either run (before {@code close} returns) or rejected
 * with {@link RejectedExecutionException}, never silently dropped, and never both.
 *
 * <p>Threading: {@link #execute} on one actor thread (the IO thread dispatching a request),
 * {@link #close} on the other (the server shutting down), {@link #report} in the arbiter.
 */
public final class SchedulerCloseExecuteRace {

    /** Long enough for one trivial task; a close that times out is reported, not waited out. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Scheduler scheduler;
    private final AtomicInteger runs = new AtomicInteger();
    private int rejected;
    private int closedInTime;

    /**
     * Creates a one-thread scheduler of the provider.
     *
     * @param provider the provider under test
     */
    public SchedulerCloseExecuteRace(SchedulerProvider provider) {
        this.scheduler = provider.create(SchedulerConfig.defaults()
                .withParallelism(1)
                .withThreadNamePrefix("jcstress-" + provider.name() + "-"));
    }

    /** Hands one task over; records a rejection. */
    public void execute() {
        try {
            scheduler.execute(runs::incrementAndGet);
        } catch (RejectedExecutionException closed) {
            rejected = 1;
        }
    }

    /** Closes the scheduler, waiting for accepted tasks. */
    public void close() {
        closedInTime = scheduler.close(CLOSE_TIMEOUT) ? 1 : 0;
    }

    /**
     * Reports r1 times the task ran, r2 1 if it was rejected, r3 1 if {@code close} returned in time.
     *
     * @param r the result
     */
    public void report(III_Result r) {
        r.r1 = runs.get();
        r.r2 = rejected;
        r.r3 = closedInTime;
    }
}
