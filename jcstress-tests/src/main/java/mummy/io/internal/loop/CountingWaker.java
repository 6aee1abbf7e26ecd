package mummy.io.internal.loop;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WakeupQueue.Waker} that counts instead of writing an eventfd. A test's state is built
 * right after the IO thread's {@code epoll_wait} returned, so every wakeup counted during the race
 * is an eventfd write the <em>next</em> {@code epoll_wait} would see: with a count above zero the
 * IO thread cannot sleep through a message.
 *
 * <p>Threading: {@link #wake} from any thread; read {@link #count} in the arbiter.
 */
final class CountingWaker implements WakeupQueue.Waker {

    private final AtomicInteger wakeups = new AtomicInteger();

    @Override
    public void wake() {
        wakeups.incrementAndGet();
    }

    /** The wakeups delivered so far. */
    int count() {
        return wakeups.get();
    }
}
