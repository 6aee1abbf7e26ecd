package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The connection cap of two IO loops: loop 1 holds the only place and closes its connection while
 * loop 0 tries to accept. Loop 0 must end up either with the place or with a way to get it: it
 * saw the room itself ({@link ConnectionCap#waitForRoom} answered true), or loop 1 saw it waiting
 * and woke it. Left paused with a free place and no wake, its listener would stay off until one
 * of its own connections closed, which may be never.
 *
 * <p>What runs for real: {@link ConnectionCap}; the wake is the loop's message offer, counted.
 *
 * <p>Result: r1 1 if loop 0 took the place at once, r2 1 if it found room after raising its flag,
 * r3 the wakes loop 1 sent it.
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "the place was free already: taken at once")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "the cap was full; the look after raising the flag found room")
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "the cap was full; the releaser saw the flag and woke loop 0")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "both saw each other: an extra wake, harmless")
@Outcome(id = "0, 0, 0", expect = FORBIDDEN, desc = "lost wake: loop 0 paused with a free place and nobody wakes it")
@Outcome(expect = FORBIDDEN, desc = "impossible")
@State
public class ConnectionCapWakeTest {

    private final AtomicInteger wakes = new AtomicInteger();
    private final ConnectionCap cap = new ConnectionCap(1, 2);
    private int took;
    private int sawRoom;

    /** Two loops registered; loop 1 holds the only place. */
    public ConnectionCapWakeTest() {
        cap.register(wakes::incrementAndGet);
        cap.register(() -> { });
        cap.tryTake();
    }

    /** Loop 0: {@code Acceptor.onAcceptable} at the cap. */
    @Actor
    public void acceptingLoop() {
        if (cap.tryTake()) {
            took = 1;
        } else if (cap.waitForRoom(0)) {
            sawRoom = 1;
        }
    }

    /** Loop 1: {@code Acceptor.connectionClosed}. */
    @Actor
    public void closingLoop() {
        cap.release(1);
    }

    /** What loop 0 ended with. */
    @Arbiter
    public void check(III_Result r) {
        r.r1 = took;
        r.r2 = sawRoom;
        r.r3 = wakes.get();
    }
}
