package mummy.io.internal.loop;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WakeupQueue.Waker} whose signal (an eventfd write) can be switched off for good: once
 * {@link #release} returns, no signal is running and none will start, so the caller may close the
 * descriptor. Without it a producer could see "not released", lose the CPU while the loop closes
 * its eventfd and the process opens another file under the same number, and then write 8 bytes
 * into that file.
 *
 * <p>One {@code int} holds the protocol: its sign bit says released, the rest counts the wakers
 * inside {@link #wake}. A waker counts itself in, and signals only if the count it incremented had
 * the sign bit clear; it counts itself out when the signal returned. {@link #release} sets the bit,
 * then waits until the count is zero. A waker that counted itself in before the bit was set is
 * waited for; one that counted itself in after it sees the bit and does not signal.
 *
 * <p>Threading: {@link #wake} from any thread (only producers that won the wakeup flag get here,
 * so the two atomic steps cost nothing beside the system call); {@link #release} once, by the
 * thread that then closes the descriptor. It spins: a signal in progress is one {@code write}.
 */
final class ReleasableWaker implements WakeupQueue.Waker {

    private static final int RELEASED = Integer.MIN_VALUE;

    private final Runnable signal;
    private final AtomicInteger state = new AtomicInteger();

    /**
     * A waker over a signal.
     *
     * @param signal what wakes the consumer, such as an eventfd write
     */
    ReleasableWaker(Runnable signal) {
        this.signal = Objects.requireNonNull(signal, "signal");
    }

    @Override
    public void wake() {
        if (state.getAndIncrement() < 0) {
            state.decrementAndGet(); // released: the descriptor may be closed already
            return;
        }
        try {
            signal.run();
        } finally {
            state.decrementAndGet();
        }
    }

    /** Switches the signal off and waits for every signal in progress to return. */
    void release() {
        int current;
        do {
            current = state.get();
        } while (current >= 0 && !state.compareAndSet(current, current | RELEASED));
        for (int spins = 0; (state.get() & ~RELEASED) != 0; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** {@return whether {@link #release} was called} */
    boolean isReleased() {
        return state.get() < 0;
    }
}
