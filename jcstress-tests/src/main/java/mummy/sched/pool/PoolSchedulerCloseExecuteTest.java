package mummy.sched.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import mummy.api.spi.SchedulerCloseExecuteRace;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Scheduler "pool": {@code execute} racing {@code close} runs or rejects the task, never drops
 * it (see {@link SchedulerCloseExecuteRace}).
 *
 * <p>Result: r1 times the task ran, r2 1 if {@code execute} threw
 * {@link java.util.concurrent.RejectedExecutionException}, r3 1 if {@code close} returned in time.
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "accepted before the close began, run before close returned")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "rejected: the close began first")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "DROPPED: accepted but never run")
@Outcome(expect = FORBIDDEN, desc = "run and rejected, run twice, or close timed out")
@State
public class PoolSchedulerCloseExecuteTest {

    private final SchedulerCloseExecuteRace race = new SchedulerCloseExecuteRace(new PoolSchedulerProvider());

    /** The IO thread dispatches a request. */
    @Actor
    public void execute() {
        race.execute();
    }

    /** The server shuts down. */
    @Actor
    public void close() {
        race.close();
    }

    /** What became of the task. */
    @Arbiter
    public void check(III_Result r) {
        race.report(r);
    }
}
