package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A late wakeup racing {@code IoLoop.release}: a worker's {@code WebSocket.send} wakes the IO
 * thread (an eventfd write) while the server, shutting down, releases the waker and closes the
 * eventfd, whose number the process may then reuse for another file. The signal either runs
 * wholly before the descriptor closes or not at all; a signal that writes after the close (8 bytes
 * into whatever file now has that number) is forbidden.
 *
 * <p>What runs for real: {@link ReleasableWaker}. The signal stands for the eventfd write: it
 * reads a volatile "closed" flag as it starts and as it ends; the releaser sets the flag after
 * {@code release()} returns, as {@code IoLoop.release} closes the eventfd then.
 *
 * <p>Result: r1 signals that ran, r2 signals that saw the descriptor closed.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the wakeup signalled before the descriptor closed")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "released first: the late wakeup did nothing")
@Outcome(expect = FORBIDDEN, desc = "a signal wrote to a closed (possibly reused) descriptor")
@State
public class ReleasableWakerReleaseTest {

    private volatile boolean fdClosed;
    private final AtomicInteger signals = new AtomicInteger();
    private final AtomicInteger intoClosed = new AtomicInteger();
    private final ReleasableWaker waker = new ReleasableWaker(() -> {
        boolean closedBefore = fdClosed;
        signals.incrementAndGet(); // the write
        if (closedBefore || fdClosed) {
            intoClosed.incrementAndGet();
        }
    });

    /** A worker wakes the IO thread after offering a frame. */
    @Actor
    public void worker() {
        waker.wake();
    }

    /** The server releases the loop: the waker first, then the eventfd closes. */
    @Actor
    public void releaser() {
        waker.release();
        fdClosed = true;
    }

    /** What the signals saw. */
    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = signals.get();
        r.r2 = intoClosed.get();
    }
}
