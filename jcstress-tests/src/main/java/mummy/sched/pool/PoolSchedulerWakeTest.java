package mummy.sched.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mummy.api.spi.SchedulerConfig;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Scheduler "pool"'s wake protocol: two tasks handed over while its one worker, which parks as
 * soon as it finds the queue empty (no spinning), is going to sleep or waking. A lost wakeup
 * leaves a task in the queue with its worker parked; the arbiter waits up to 5 s for both to run.
 *
 * <p>Result: r1 tasks run within the wait, r2 1 if {@code close} returned in time.
 */
@JCStressTest
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "both tasks ran")
@Outcome(expect = FORBIDDEN, desc = "LOST WAKEUP: a task stayed queued with its worker parked")
@State
public class PoolSchedulerWakeTest {

    private final PoolScheduler scheduler = new PoolScheduler(1,
            SchedulerConfig.defaults().withThreadNamePrefix("jcstress-pool-wake-"), 0, 1);
    private final CountDownLatch ran = new CountDownLatch(2);

    /** An IO thread dispatches a request. */
    @Actor
    public void first() {
        scheduler.execute(ran::countDown);
    }

    /** Another IO thread (or a handler handing work on) does too. */
    @Actor
    public void second() {
        scheduler.execute(ran::countDown);
    }

    /** Both ran, in time. */
    @Arbiter
    public void check(II_Result r) {
        try {
            ran.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        r.r1 = (int) (2 - ran.getCount());
        r.r2 = scheduler.close(Duration.ofSeconds(5)) ? 1 : 0;
    }
}
