package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The lost-wakeup race of {@link WakeupQueue} with two producers: two workers offer at once while
 * the IO thread sleeps, so both race for the one wakeup claim. The one that loses the claim skips
 * the wakeup and relies on the winner's; the IO thread's next turn must then see both messages.
 *
 * <p>Why the IO thread is not a third actor: jcstress runs an actor per CPU and this project's
 * machines have two, so it would never schedule a three-actor test here. The three-party race is
 * covered pairwise: a producer against the IO thread's turn is {@link WakeupQueueLostWakeupTest};
 * producer against producer is this test, whose arbiter is the IO thread's next turn (it runs only
 * if it was woken).
 *
 * <p>Result: r1 wakeups delivered, r2 messages the next turn drained, r3 1 if that turn would
 * block again in {@code epoll_wait}.
 */
@JCStressTest
@Outcome(id = "1, 2, 1", expect = ACCEPTABLE, desc = "one producer claimed and woke; the woken turn drained both messages")
@Outcome(id = "0, 0, 1", expect = FORBIDDEN, desc = "LOST WAKEUP: both producers skipped the wakeup, two messages sleep in the queue")
@Outcome(id = "2, 2, 1", expect = FORBIDDEN, desc = "both producers won the claim (the CAS admits one)")
@Outcome(expect = FORBIDDEN, desc = "a message missing from the woken turn")
@State
public class WakeupQueueTwoProducersLostWakeupTest {

    private final CountingWaker waker = new CountingWaker();
    private final WakeupQueue<Integer> queue = new WakeupQueue<>(waker);

    /** The IO thread's last turn found nothing to do: flag clear, queue empty, it blocks. */
    public WakeupQueueTwoProducersLostWakeupTest() {
        queue.awake();
        queue.drain(message -> { }, Integer.MAX_VALUE);
    }

    /** The first worker hands a response back. */
    @Actor
    public void worker1() {
        queue.offer(1);
    }

    /** The second worker hands a response back. */
    @Actor
    public void worker2() {
        queue.offer(2);
    }

    /** The IO thread: with no wakeup it stays blocked; woken, it runs one turn. */
    @Arbiter
    public void ioThread(III_Result r) {
        r.r1 = waker.count();
        if (r.r1 == 0) {
            r.r3 = 1;
            return;
        }
        queue.awake();
        r.r2 = queue.drain(message -> { }, Integer.MAX_VALUE);
        r.r3 = queue.isEmpty() ? 1 : 0;
    }
}
