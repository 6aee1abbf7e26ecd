package mummy.topics.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mummy.topics.Replay;
import mummy.topics.Subscription;
import mummy.topics.TopicMessage;
import mummy.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Two brokers, as two instances of an application would have, on one real redis-server: messages
 * cross between them in both modes, the history replays, and an outage (redis-server killed, then
 * started again) is reported and ends by itself.
 */
class RedisBrokerTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();
    private final List<RedisBroker> brokers = new ArrayList<>();

    @AfterEach
    void closeBrokers() {
        brokers.forEach(RedisBroker::close);
    }

    private RedisBroker broker(RedisBroker.Builder builder) {
        RedisBroker broker = builder.backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        brokers.add(broker);
        return broker;
    }

    private RedisBroker.Builder at() {
        return RedisBroker.builder(redis.uri()).keyPrefix("test:" + System.nanoTime() + ":");
    }

    @Test
    void pubSubCarriesTextAndBinaryFromOneInstanceToTheOther() throws Exception {
        String prefix = "ps:" + System.nanoTime() + ":";
        RedisBroker a = broker(RedisBroker.builder(redis.uri()).keyPrefix(prefix));
        RedisBroker b = broker(RedisBroker.builder(redis.uri()).keyPrefix(prefix));
        BlockingQueue<TopicMessage> received = new LinkedBlockingQueue<>();
        b.subscribe("chat", received::add);
        awaitFlowing(a, "chat", received);

        for (int i = 0; i < 100; i++) {
            assertTrue(a.publish("chat", "line " + i + " ünïcødé"));
        }
        assertTrue(a.publish("chat", new byte[] {0, 1, 2, (byte) 0xFF}));
        for (int i = 0; i < 100; i++) {
            TopicMessage message = take(received);
            assertTrue(message.isText());
            assertEquals("line " + i + " ünïcødé", message.text(), "in the order published");
            assertNull(message.id(), "pub/sub has no ids");
        }
        TopicMessage binary = take(received);
        assertFalse(binary.isText());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xFF}, binary.data());
        assertFalse(a.keepsHistory());
        assertEquals(Replay.none(), a.replay("chat", "1-0"));
        assertEquals(1, b.stats().topics());
        assertTrue(b.stats().connected());
    }

    @Test
    void aCancelledSubscriptionGetsNothingMoreAndTheOtherTopicsGoOn() throws Exception {
        RedisBroker.Builder builder = at();
        RedisBroker a = broker(builder);
        RedisBroker b = broker(builder);
        BlockingQueue<TopicMessage> one = new LinkedBlockingQueue<>();
        BlockingQueue<TopicMessage> two = new LinkedBlockingQueue<>();
        Subscription first = b.subscribe("one", one::add);
        b.subscribe("two", two::add);
        awaitFlowing(a, "one", one);
        awaitFlowing(a, "two", two);
        first.cancel();
        assertFalse(first.isActive());
        a.publish("one", "lost");
        a.publish("two", "kept");
        assertEquals("kept", take(two).text());
        assertNull(one.poll(200, TimeUnit.MILLISECONDS), "nothing after cancel");
        assertEquals(1, b.stats().topics());
    }

    @Test
    void streamsGiveIdsAndReplayWhatASubscriberMissedOnAnyInstance() throws Exception {
        RedisBroker.Builder builder = at().streams(100).blockTime(Duration.ofMillis(100));
        RedisBroker a = broker(builder);
        RedisBroker b = broker(builder);
        assertTrue(a.keepsHistory());
        BlockingQueue<TopicMessage> received = new LinkedBlockingQueue<>();
        b.subscribe("news", received::add);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assertTrue(a.publish("news", "n" + i));
        }
        for (int i = 0; i < 10; i++) {
            TopicMessage message = take(received);
            assertEquals("n" + i, message.text());
            assertNotNull(message.id());
            ids.add(message.id());
        }
        Replay replay = a.replay("news", ids.get(3));
        assertFalse(replay.gap());
        assertEquals(List.of("n4", "n5", "n6", "n7", "n8", "n9"), replay.messages().stream().map(TopicMessage::text).toList());
        assertEquals(ids.subList(4, 10), replay.messages().stream().map(TopicMessage::id).toList(),
                "the ids the other instance delivered");
        assertTrue(b.replay("news", ids.get(9)).messages().isEmpty());
        assertTrue(b.replay("news", "not-an-id").gap(), "an id Redis never gave");
    }

    @Test
    void aNewTopicIsReadAtOnceThoughTheReceiverIsBlockedReadingAnother() throws Exception {
        RedisBroker.Builder builder = at().streams(100).blockTime(Duration.ofSeconds(30));
        RedisBroker a = broker(builder);
        RedisBroker b = broker(builder);
        BlockingQueue<TopicMessage> first = new LinkedBlockingQueue<>();
        b.subscribe("first", first::add);
        a.publish("first", "1");
        assertEquals("1", take(first).text());
        Thread.sleep(100); // the receiver is back in its 30 s XREAD over "first" alone
        BlockingQueue<TopicMessage> second = new LinkedBlockingQueue<>();
        b.subscribe("second", second::add);
        a.publish("second", "2");
        TopicMessage message = second.poll(5, TimeUnit.SECONDS);
        assertNotNull(message, "the blocked read was ended for the new topic, not waited out");
        assertEquals("2", message.text());
    }

    @Test
    void aReplayWhoseIdWasTrimmedAwayReportsAGap() throws Exception {
        RedisBroker a = broker(at().streams(10).blockTime(Duration.ofMillis(100)));
        BlockingQueue<TopicMessage> received = new LinkedBlockingQueue<>();
        a.subscribe("t", received::add);
        a.publish("t", "first");
        String firstId = take(received).id();
        for (int i = 0; i < 500; i++) {
            a.publish("t", "m" + i);
        }
        Replay replay = a.replay("t", firstId);
        assertTrue(replay.gap(), "the history no longer reaches back to the first message");
        assertFalse(replay.messages().isEmpty());
        assertEquals("m499", replay.messages().getLast().text());
        assertTrue(replay.messages().size() < 500, "bounded by MAXLEN ~ 10: " + replay.messages().size());
    }

    @Test
    void anOutageIsReportedAndDeliveryResumesByItselfInBothModes() throws Exception {
        RedisBroker.Builder pubSub = at().timeout(Duration.ofMillis(500));
        RedisBroker.Builder streams = at().streams(1000).blockTime(Duration.ofMillis(100)).timeout(Duration.ofMillis(500));
        RedisBroker a = broker(pubSub);
        RedisBroker b = broker(pubSub);
        RedisBroker c = broker(streams);
        RedisBroker d = broker(streams);
        BlockingQueue<TopicMessage> viaPubSub = new LinkedBlockingQueue<>();
        BlockingQueue<TopicMessage> viaStreams = new LinkedBlockingQueue<>();
        b.subscribe("room", viaPubSub::add);
        d.subscribe("room", viaStreams::add);
        awaitFlowing(a, "room", viaPubSub);
        awaitFlowing(c, "room", viaStreams);

        redis.kill();
        Await.until("both receivers see the outage", Duration.ofSeconds(15), () -> !b.stats().connected() && !d.stats().connected());
        assertEquals(1, b.stats().outages());
        assertEquals(1, d.stats().outages());
        assertFalse(a.publish("room", "into the void"), "a publish during the outage is refused");
        assertTrue(a.stats().publishFailures() >= 1);

        redis.restart();
        Await.until("both receivers reconnect", Duration.ofSeconds(15), () -> b.stats().connected() && d.stats().connected());
        awaitFlowing(a, "room", viaPubSub);
        awaitFlowing(c, "room", viaStreams);
        assertTrue(a.publish("room", "after"));
        assertTrue(c.publish("room", "after"));
        assertEquals("after", take(viaPubSub).text());
        assertEquals("after", take(viaStreams).text());
        assertEquals(1, b.stats().outages(), "one outage, however many reconnection attempts");
    }

    @Test
    void subscribingWhileThePubSubReceiverReconnectsNeverDeadlocks() throws Exception {
        // Not closed by closeBrokers: a deadlocked broker could not close, and the test must fail, not hang.
        RedisBroker broker = at().backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();
        boolean deadlock = false;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread killer = Thread.ofPlatform().daemon().start(() -> {
            try (Jedis admin = new Jedis("127.0.0.1", redis.port())) {
                while (!stop.get()) {
                    admin.clientKill(ClientKillParams.clientKillParams().type(ClientType.PUBSUB));
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        try {
            for (int i = 0; System.nanoTime() < until; i++) {
                Thread subscriber = Thread.ofPlatform().daemon().start(() -> {
                    for (int j = 0; j < 50; j++) {
                        broker.subscribe("t" + j, message -> { }).cancel();
                    }
                });
                subscriber.join(5_000);
                deadlock = threads.findMonitorDeadlockedThreads() != null || subscriber.isAlive();
                assertFalse(deadlock, "the subscriber and the receiver deadlocked after " + i + " rounds");
            }
        } finally {
            stop.set(true);
            killer.join(5_000);
            if (!deadlock) {
                broker.close();
            }
        }
    }

    @Test
    void misuseIsAClearException() {
        assertEquals("expected redis://host[:port], got http://127.0.0.1:6379",
                assertThrows(IllegalArgumentException.class,
                        () -> RedisBroker.builder(URI.create("http://127.0.0.1:6379"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> at().streams(0));
        assertThrows(IllegalArgumentException.class, () -> at().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        RedisBroker broker = broker(at());
        assertThrows(IllegalArgumentException.class, () -> broker.subscribe("", message -> { }));
        broker.close();
        assertEquals("the broker is closed",
                assertThrows(IllegalStateException.class, () -> broker.publish("t", "x")).getMessage());
    }

    /**
     * Publishes probes until the listener gets one (pub/sub delivers only once Redis confirmed the
     * SUBSCRIBE), then drains the probes.
     */
    private static void awaitFlowing(RedisBroker publisher, String topic, BlockingQueue<TopicMessage> received)
            throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            publisher.publish(topic, "probe");
            TopicMessage message = received.poll(50, TimeUnit.MILLISECONDS);
            if (message != null && message.isText() && message.text().equals("probe")) {
                break;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no message on " + topic + " came through");
            }
        }
        Thread.sleep(200);
        received.removeIf(message -> message.isText() && message.text().equals("probe"));
    }

    private static TopicMessage take(BlockingQueue<TopicMessage> queue) throws InterruptedException {
        TopicMessage message = queue.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 10 s");
        }
        return message;
    }

}
