package mummy.io.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WakeupQueueTest {

    private final AtomicInteger wakeups = new AtomicInteger();
    private final WakeupQueue<Integer> queue = new WakeupQueue<>(wakeups::incrementAndGet);

    @Test
    void firstOfferWakesAndLaterOnesDoNotUntilTheNextDrain() {
        queue.offer(1);
        queue.offer(2);
        assertEquals(1, wakeups.get(), "one wakeup covers everything offered before the drain");
        List<Integer> seen = new ArrayList<>();
        assertEquals(2, queue.drain(seen::add, 100));
        assertEquals(List.of(1, 2), seen);
        queue.offer(3);
        assertEquals(2, wakeups.get(), "an offer after the drain began wakes again");
    }

    @Test
    void awakeConsumerIsNotWoken() {
        queue.awake();
        queue.offer(1);
        assertEquals(0, wakeups.get());
        queue.drain(x -> { }, 10);
        queue.offer(2);
        assertEquals(1, wakeups.get());
    }

    @Test
    void consumerThreadOwnOffersNeverWake() {
        queue.consumer(Thread.currentThread());
        queue.offer(1);
        assertEquals(0, wakeups.get());
        assertTrue(!queue.isEmpty());
    }

    @Test
    void drainTakesAtMostTheLimitAndKeepsOrder() {
        for (int i = 0; i < 10; i++) {
            queue.offer(i);
        }
        List<Integer> seen = new ArrayList<>();
        assertEquals(4, queue.drain(seen::add, 4));
        assertEquals(6, queue.drain(seen::add, 100));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen);
        assertTrue(queue.isEmpty());
    }

    @Test
    void manyProducersLoseNothing() throws Exception {
        int producers = 4;
        int each = 50_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    queue.offer(i);
                }
            }));
        }
        int taken = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (taken < producers * each && System.nanoTime() < deadline) {
            taken += queue.drain(x -> { }, 4096);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(producers * each, taken);
    }
}
