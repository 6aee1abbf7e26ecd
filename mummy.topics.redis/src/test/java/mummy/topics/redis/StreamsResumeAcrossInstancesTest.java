package mummy.topics.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.api.ServerSentEvent;
import mummy.topics.EventStreamFanOut;
import mummy.topics.FanOutOptions;
import mummy.topics.SlowSubscriberPolicy;
import mummy.testing.Await;
import mummy.testing.TestServer;
import mummy.testing.TestStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances of an event-stream service, each with its own Mummy server and its own
 * RedisBroker in streams mode on one redis-server: a client reads from the first, goes away, the
 * second publishes, and the client reconnects to the second with {@code Last-Event-ID}: it gets
 * exactly what it missed, then the live events, whoever publishes them.
 */
class StreamsResumeAcrossInstancesTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();
    private final List<AutoCloseable> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() throws Exception {
        for (AutoCloseable instance : instances.reversed()) {
            instance.close();
        }
    }

    /** One instance: a broker, a fan-out of topic "news" and a server answering every GET with the stream. */
    private record Instance(RedisBroker broker, EventStreamFanOut news, TestServer server) {
    }

    private Instance instance(String prefix) {
        RedisBroker broker = RedisBroker.builder(redis.uri()).keyPrefix(prefix).streams(1000)
                .blockTime(Duration.ofMillis(100)).build();
        instances.add(broker);
        EventStreamFanOut news = EventStreamFanOut.create(broker, "news", FanOutOptions.of(SlowSubscriberPolicy.CLOSE));
        instances.add(news);
        TestServer server = TestServer.start(request -> news.add(request.respondEventStream()));
        instances.add(server);
        return new Instance(broker, news, server);
    }

    @Test
    void aClientResumesOnTheOtherInstanceAndMissesNothing() throws Exception {
        String prefix = "resume:" + System.nanoTime() + ":";
        Instance first = instance(prefix);
        Instance second = instance(prefix);
        assertNotEquals(first.server().port(), second.server().port());

        String lastSeen;
        try (TestStream stream = connect(first, null)) {
            for (int i = 0; i < 5; i++) {
                first.broker().publish("news", "n" + i);
            }
            ServerSentEvent event = null;
            for (int i = 0; i < 5; i++) {
                event = stream.readEvent();
                assertEquals("n" + i, event.data());
            }
            lastSeen = event.id();
        }
        for (int i = 5; i < 12; i++) {
            second.broker().publish("news", "n" + i);
        }
        try (TestStream stream = connect(second, lastSeen)) {
            for (int i = 5; i < 12; i++) {
                ServerSentEvent event = stream.readEvent();
                assertEquals(null, event.event(), "no gap: the history reaches back");
                assertEquals("n" + i, event.data(), "what it missed, in order, once");
            }
            first.broker().publish("news", "live from the first");
            second.broker().publish("news", "live from the second");
            assertEquals("live from the first", stream.readEvent().data());
            assertEquals("live from the second", stream.readEvent().data());
        }
    }

    private static TestStream connect(Instance instance, String lastEventId) {
        int before = instance.news().stats().subscribers();
        TestStream stream = instance.server().client().stream("GET", "/news",
                lastEventId == null ? HttpHeaders.empty() : HttpHeaders.of("Last-Event-ID", lastEventId), null);
        assertEquals(200, stream.status());
        Await.until("the stream joined", Duration.ofSeconds(10), () -> instance.news().stats().subscribers() > before);
        return stream;
    }
}
