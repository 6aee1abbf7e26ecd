package mummy.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.api.ServerSentEvent;
import mummy.testing.TestServer;
import mummy.testing.TestStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An event stream that reconnects with {@code Last-Event-ID}, through a real server: it gets what
 * it missed from the broker's history and then the live messages, once each; or, when the history
 * no longer reaches back, a {@code gap} event first.
 */
class EventStreamResumeTest {

    private InMemoryBroker broker;
    private EventStreamFanOut feed;
    private TestServer server;

    private void start(int history) {
        broker = InMemoryBroker.withHistory(history);
        feed = EventStreamFanOut.create(broker, "news", FanOutOptions.DEFAULTS);
        server = TestServer.start(request -> feed.add(request.respondEventStream()));
    }

    @AfterEach
    void stop() {
        server.close();
        feed.close();
        broker.close();
    }

    @Test
    void aReconnectingStreamGetsWhatItMissedThenTheLiveMessagesOnceEach() throws Exception {
        start(100);
        List<String> ids = new ArrayList<>();
        try (TestStream first = connect(null)) {
            for (int i = 0; i < 5; i++) {
                broker.publish("news", "m" + i);
                ServerSentEvent event = first.readEvent();
                assertEquals("m" + i, event.data());
                assertNotNull(event.id(), "every event carries the message's id");
                ids.add(event.id());
            }
        }
        awaitSubscribers(0);
        for (int i = 5; i < 10; i++) {
            broker.publish("news", "m" + i);
        }
        try (TestStream again = connect(ids.get(2))) {
            for (int i = 3; i < 10; i++) {
                ServerSentEvent event = again.readEvent();
                assertNull(event.event());
                assertEquals("m" + i, event.data(), "the missed messages, oldest first");
                assertEquals(null, event.event());
            }
            broker.publish("news", "m10");
            assertEquals("m10", again.readEvent().data(), "then the live ones");
        }
    }

    @Test
    void aStreamWhoseLastIdFellOutOfTheHistoryGetsAGapEventThenTheOldestKept() throws Exception {
        start(5);
        String firstId;
        try (TestStream first = connect(null)) {
            broker.publish("news", "m0");
            firstId = first.readEvent().id();
        }
        awaitSubscribers(0);
        for (int i = 1; i < 20; i++) {
            broker.publish("news", "m" + i);
        }
        try (TestStream again = connect(firstId)) {
            ServerSentEvent gap = again.readEvent();
            assertEquals(EventStreamFanOut.GAP_EVENT, gap.event());
            assertEquals(firstId, gap.data(), "the gap names the id the client sent");
            for (int i = 15; i < 20; i++) {
                assertEquals("m" + i, again.readEvent().data());
            }
        }
    }

    @Test
    void anIdTheBrokerNeverGaveIsAGap() throws Exception {
        start(5);
        broker.publish("news", "m0");
        try (TestStream stream = connect("not-an-id")) {
            ServerSentEvent gap = stream.readEvent();
            assertEquals(EventStreamFanOut.GAP_EVENT, gap.event());
            assertEquals("m0", stream.readEvent().data());
        }
    }

    private TestStream connect(String lastEventId) throws InterruptedException {
        int before = feed.stats().subscribers();
        TestStream stream = server.client().stream("GET", "/news",
                lastEventId == null ? HttpHeaders.empty() : HttpHeaders.of("Last-Event-ID", lastEventId), null);
        assertEquals(200, stream.status());
        awaitSubscribers(before + 1);
        return stream;
    }

    private void awaitSubscribers(int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (feed.stats().subscribers() != count) {
            if (System.nanoTime() > until) {
                throw new AssertionError("subscribers " + feed.stats().subscribers() + ", expected " + count);
            }
            Thread.sleep(5);
        }
    }
}
