package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The lost-wakeup race of {@link WakeupQueue} with one producer: a worker offers a response while
 * the IO thread runs one turn of {@code IoLoop.run} after {@code epoll_wait} returned:
 * {@code awake()}, {@code drain()}, then {@code isEmpty()} to decide whether it may block.
 *
 * <p>Result: r1 messages the turn drained, r2 messages still queued at the end (arbiter), r3 1 if
 * the IO thread would block in {@code epoll_wait}, r4 wakeups delivered. The invariant: a message
 * still queued while the IO thread blocks must have a wakeup behind it.
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "drained; the producer found the flag set and skipped the wakeup")
@Outcome(id = "1, 0, 1, 1", expect = ACCEPTABLE, desc = "drained; the producer also woke the loop (a spare turn)")
@Outcome(id = "0, 1, 0, 0", expect = ACCEPTABLE, desc = "offered after the drain: isEmpty() saw it, the loop goes round again")
@Outcome(id = "0, 1, 0, 1", expect = ACCEPTABLE, desc = "offered after the drain: isEmpty() saw it, and a wakeup is pending too")
@Outcome(id = "0, 1, 1, 1", expect = ACCEPTABLE, desc = "offered after isEmpty(): its wakeup ends the next epoll_wait")
@Outcome(id = "0, 1, 1, 0", expect = FORBIDDEN, desc = "LOST WAKEUP: the IO thread sleeps with the message queued and no wakeup")
@Outcome(expect = FORBIDDEN, desc = "impossible for one message")
@State
public class WakeupQueueLostWakeupTest {

    private final CountingWaker waker = new CountingWaker();
    private final WakeupQueue<Integer> queue = new WakeupQueue<>(waker);
    private int drained;
    private int sleeps;

    /** A worker hands a response back. */
    @Actor
    public void worker() {
        queue.offer(1);
    }

    /** One turn of the IO thread after {@code epoll_wait} returned. */
    @Actor
    public void ioThread() {
        queue.awake();
        drained = queue.drain(message -> { }, Integer.MAX_VALUE);
        sleeps = queue.isEmpty() ? 1 : 0;
    }

    /** The final state: what is still queued, and whether a wakeup is behind it. */
    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = drained;
        r.r2 = queue.drain(message -> { }, Integer.MAX_VALUE);
        r.r3 = sleeps;
        r.r4 = waker.count();
    }
}
