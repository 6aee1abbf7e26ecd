package mummy.io.internal.loop.broken;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import mummy.io.internal.loop.WakeupQueue;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * DELIBERATELY BROKEN copy of {@link WakeupQueue}, for {@link LateClearWakeupQueueLostWakeupTest}
 * only: it clears the wakeup flag late, after the drain and after the emptiness check, when the IO
 * thread has decided to sleep ("keep the flag set while we are busy, to save wakeups"). A producer
 * that offers between the check and the clear still sees the flag set, skips the wakeup, and its
 * message sleeps in the queue.
 *
 * <p>Clearing the flag after the drain but <em>before</em> {@link #isEmpty} would not be enough to
 * break it: the emptiness check before sleeping sees every message offered before the clear.
 *
 * <p>Threading: as {@link WakeupQueue}.
 *
 * @param <T> the message type
 */
public final class LateClearWakeupQueue<T> {

    private final MpscUnboundedAtomicArrayQueue<T> queue = new MpscUnboundedAtomicArrayQueue<>(1024);
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final WakeupQueue.Waker waker;

    /**
     * Creates the queue.
     *
     * @param waker how to wake the consumer
     */
    public LateClearWakeupQueue(WakeupQueue.Waker waker) {
        this.waker = waker;
    }

    /**
     * As {@link WakeupQueue#offer}.
     *
     * @param message the message
     */
    public void offer(T message) {
        queue.offer(message);
        if (!wakeupPending.get() && wakeupPending.compareAndSet(false, true)) {
            waker.wake();
        }
    }

    /** As {@link WakeupQueue#awake}. */
    public void awake() {
        wakeupPending.set(true);
    }

    /**
     * Polls up to {@code limit} messages; BROKEN: leaves the flag set.
     *
     * @param handler receives each message
     * @param limit the most messages to take
     * @return the number of messages taken
     */
    public int drain(Consumer<? super T> handler, int limit) {
        int count = 0;
        T message;
        while (count < limit && (message = queue.poll()) != null) {
            handler.accept(message);
            count++;
        }
        return count;
    }

    /**
     * Whether nothing is queued; BROKEN: only then clears the flag, after looking.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        boolean empty = queue.isEmpty();
        if (empty) {
            wakeupPending.set(false);
        }
        return empty;
    }
}
