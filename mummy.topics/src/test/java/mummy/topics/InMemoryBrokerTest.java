package mummy.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import mummy.topics.spi.MessageIds;
import org.junit.jupiter.api.Test;

class InMemoryBrokerTest {

    @Test
    void subscriberReceivesTextAndBinaryUntilCancelled() {
        try (InMemoryBroker broker = InMemoryBroker.create()) {
            List<TopicMessage> got = new CopyOnWriteArrayList<>();
            Subscription subscription = broker.subscribe("news", got::add);
            broker.publish("news", "hello");
            broker.publish("news", new byte[] {1, 2, 3});
            broker.publish("other", "not for us");
            subscription.cancel();
            broker.publish("news", "after cancel");
            assertEquals(2, got.size());
            assertTrue(got.get(0).isText());
            assertEquals("hello", got.get(0).text());
            assertFalse(got.get(1).isText());
            assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(got.get(1).data()[0], got.get(1).data()[1], got.get(1).data()[2]));
            assertFalse(subscription.isActive());
            assertEquals(0, broker.stats().topics());
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        try (InMemoryBroker broker = InMemoryBroker.create()) {
            AtomicInteger second = new AtomicInteger();
            broker.subscribe("t", message -> {
                throw new IllegalStateException("listener bug");
            });
            broker.subscribe("t", message -> second.incrementAndGet());
            broker.publish("t", "a");
            broker.publish("t", "b");
            assertEquals(2, second.get());
            assertEquals(2, broker.stats().listenerFailures());
            assertEquals(2, broker.stats().delivered());
        }
    }

    @Test
    void concurrentPublishersAreAllDeliveredWithIncreasingIds() throws Exception {
        int threads = 4;
        int each = 5_000;
        try (InMemoryBroker broker = InMemoryBroker.withHistory(10);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            AtomicInteger count = new AtomicInteger();
            broker.subscribe("t", message -> count.incrementAndGet());
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < threads; i++) {
                pool.submit(() -> {
                    start.await();
                    for (int j = 0; j < each; j++) {
                        broker.publish("t", "m" + j);
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(threads * each, count.get());
            assertEquals(threads * each, broker.stats().published());
            List<TopicMessage> kept = broker.replay("t", "0-0").messages();
            assertEquals(10, kept.size());
            for (int i = 1; i < kept.size(); i++) {
                assertTrue(MessageIds.compare(kept.get(i - 1).id(), kept.get(i).id()) < 0);
            }
        }
    }

    @Test
    void replayReturnsWhatCameAfterAnIdAndReportsAGapPastTheHistory() {
        try (InMemoryBroker broker = InMemoryBroker.withHistory(3)) {
            List<String> ids = new CopyOnWriteArrayList<>();
            broker.subscribe("t", message -> ids.add(message.id()));
            for (int i = 0; i < 5; i++) {
                broker.publish("t", "m" + i);
            }
            Replay recent = broker.replay("t", ids.get(2));
            assertEquals(List.of("m3", "m4"), recent.messages().stream().map(TopicMessage::text).toList());
            assertFalse(recent.gap());
            Replay old = broker.replay("t", ids.get(0));
            assertTrue(old.gap());
            assertEquals(List.of("m2", "m3", "m4"), old.messages().stream().map(TopicMessage::text).toList());
            assertTrue(broker.replay("t", "not-an-id").gap());
            assertEquals(Replay.none(), InMemoryBroker.create().replay("t", ids.get(0)));
        }
    }

    @Test
    void misuseFailsWithClearMessages() {
        InMemoryBroker broker = InMemoryBroker.create();
        assertThrows(IllegalArgumentException.class, () -> broker.publish("", "x"));
        assertThrows(IllegalArgumentException.class, () -> broker.subscribe("a\nb", message -> { }));
        assertThrows(IllegalArgumentException.class, () -> InMemoryBroker.withHistory(0));
        broker.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> broker.publish("t", "x"));
        assertEquals("the broker is closed", closed.getMessage());
        assertThrows(IllegalStateException.class, () -> broker.subscribe("t", message -> { }));
    }
}
