package mummy.io.internal.loop;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * MPSC: any worker may {@link #offer}, only the IO thread {@link #drain}s. Messages go through a
 * JCTools unbounded MPSC array queue (the {@code atomic} family: no {@code sun.misc.Unsafe}); a
 * sleeping IO thread is woken through a {@link Waker} (an eventfd write).
 *
 * <p>The wakeup protocol: a producer offers, then wakes the IO thread only if it wins a CAS of
 * {@code wakeupPending} from false to true; the IO thread sets the flag (it is awake, nobody needs
 * to wake it) when {@code epoll_wait} returns, and clears it <em>before</em> draining. So every
 * message offered after a drain began either is seen by that drain or finds the flag clear and
 * wakes the thread; no message is left unseen while the IO thread sleeps. The producer's offer
 * (a CAS on the producer index, then an ordered element store) happens before its read of the
 * flag; the IO thread's clear happens before its {@code poll}, which spins until a claimed slot's
 * element is visible. This race is proven by the jcstress test of this class.
 *
 * <p>Threading: {@link #offer} from any thread; {@link #awake}, {@link #drain} and
 * {@link #isEmpty} from the IO thread only.
 *
 * @param <T> the message type
 */
public final class WakeupQueue<T> {

    /** Wakes the consumer; must be safe to call from any thread. */
    @FunctionalInterface
    public interface Waker {
        /** Makes the consumer's next (or current) wait return. */
        void wake();
    }

    private final MpscUnboundedAtomicArrayQueue<T> queue = new MpscUnboundedAtomicArrayQueue<>(1024);
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Waker waker;
    private volatile Thread consumer;

    /**
     * Creates the queue.
     *
     * @param waker how to wake the consumer
     */
    public WakeupQueue(Waker waker) {
        this.waker = waker;
    }

    /**
     * Names the consumer thread: its own offers never wake anybody, since it drains before waiting.
     *
     * @param thread the IO thread
     */
    public void consumer(Thread thread) {
        this.consumer = thread;
    }

    /**
     * Offers a message and wakes the consumer if it may be sleeping.
     *
     * @param message the message
     */
    public void offer(T message) {
        queue.offer(message);
        if (Thread.currentThread() == consumer) {
            return;
        }
        if (!wakeupPending.get() && wakeupPending.compareAndSet(false, true)) {
            waker.wake();
        }
    }

    /** IO thread: it is running, so producers may skip the wakeup until the next {@link #drain}. */
    public void awake() {
        wakeupPending.set(true);
    }

    /**
     * IO thread: clears the wakeup flag, then polls up to {@code limit} messages.
     *
     * @param handler receives each message, on the IO thread
     * @param limit the most messages to take in this turn
     * @return the number of messages taken
     */
    public int drain(Consumer<? super T> handler, int limit) {
        wakeupPending.set(false);
        int count = 0;
        T message;
        while (count < limit && (message = queue.poll()) != null) {
            handler.accept(message);
            count++;
        }
        return count;
    }

    /**
     * IO thread: whether nothing is queued (so that it may block in {@code epoll_wait}).
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /**
     * Any thread: how many messages wait (an estimate while producers offer), for monitoring.
     *
     * @return the count
     */
    public int size() {
        return queue.size();
    }
}
