package mummy.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mummy.api.HttpHeaders;
import mummy.api.ServerSentEvent;
import mummy.testing.Await;
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

    private Broker broker;
    private EventStreamFanOut feed;
    private TestServer server;

    private void start(int history) {
        start(InMemoryBroker.withHistory(history), FanOutOptions.DEFAULTS);
    }

    private void start(Broker withBroker, FanOutOptions options) {
        broker = withBroker;
        feed = EventStreamFanOut.create(broker, "news", options);
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

    /**
     * The catch-up queue at its bound: while a stream's replay is held up (the broker's history is
     * slow to answer), exactly maxCatchUpMessages live messages wait for it and then reach it once
     * each, after the replay, in order, although the replay itself holds them too.
     */
    @Test
    void liveMessagesDuringASlowReplayUpToTheCatchUpBoundArriveAfterItOnceEach() throws Exception {
        SlowReplayBroker slow = new SlowReplayBroker(InMemoryBroker.withHistory(100));
        start(slow, new FanOutOptions(SlowSubscriberPolicy.DROP, 1 << 20, 8));
        String firstId = publishOneAndDisconnect();
        for (int i = 1; i < 4; i++) {
            broker.publish("news", "m" + i);
        }
        try (TestStream again = connect(firstId)) {
            slow.awaitReplayAsked();
            for (int i = 4; i < 12; i++) {
                broker.publish("news", "m" + i);
            }
            slow.release();
            for (int i = 1; i < 12; i++) {
                assertEquals("m" + i, again.readEvent().data(), "the replay, then the live ones not in it");
            }
            broker.publish("news", "m12");
            assertEquals("m12", again.readEvent().data(), "nothing twice: the next event is the next message");
        }
        assertEquals(0, feed.stats().cutOff());
    }

    /**
     * The worst case for the catch-up queue: a replay outrun by more live messages than its bound.
     * The stream is cut off (its client reconnects and resumes from the history) instead of the
     * queue growing with the topic's rate; the other streams go on getting every message.
     */
    @Test
    void aStreamWhoseReplayIsOutrunByMoreThanTheCatchUpBoundIsCutOff() throws Exception {
        SlowReplayBroker slow = new SlowReplayBroker(InMemoryBroker.withHistory(100));
        start(slow, new FanOutOptions(SlowSubscriberPolicy.DROP, 1 << 20, 8));
        String firstId = publishOneAndDisconnect();
        try (TestStream live = connect(null); TestStream again = connect(firstId)) {
            slow.awaitReplayAsked();
            for (int i = 1; i < 10; i++) {
                broker.publish("news", "m" + i);
            }
            slow.release();
            assertNull(again.readEvent(), "cut off before any event: the body ends");
            for (int i = 1; i < 10; i++) {
                assertEquals("m" + i, live.readEvent().data(), "a stream that is not replaying misses nothing");
            }
        }
        assertEquals(1, feed.stats().cutOff());
    }

    private String publishOneAndDisconnect() throws InterruptedException {
        String id;
        try (TestStream first = connect(null)) {
            broker.publish("news", "m0");
            id = first.readEvent().id();
        }
        awaitSubscribers(0);
        return id;
    }

    /** A broker whose {@link #replay} waits until the test lets it go on, as a slow remote history would. */
    private static final class SlowReplayBroker implements Broker {
        private final Broker delegate;
        private final CountDownLatch asked = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        SlowReplayBroker(Broker delegate) {
            this.delegate = delegate;
        }

        void awaitReplayAsked() throws InterruptedException {
            assertTrue(asked.await(10, TimeUnit.SECONDS), "the fan-out asked for the replay");
        }

        void release() {
            released.countDown();
        }

        @Override
        public Replay replay(String topic, String afterId) {
            asked.countDown();
            try {
                if (!released.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return delegate.replay(topic, afterId);
        }

        @Override
        public boolean publish(String topic, String text) {
            return delegate.publish(topic, text);
        }

        @Override
        public boolean publish(String topic, byte[] data) {
            return delegate.publish(topic, data);
        }

        @Override
        public Subscription subscribe(String topic, TopicListener listener) {
            return delegate.subscribe(topic, listener);
        }

        @Override
        public boolean keepsHistory() {
            return delegate.keepsHistory();
        }

        @Override
        public BrokerStats stats() {
            return delegate.stats();
        }

        @Override
        public void close() {
            delegate.close();
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

    private void awaitSubscribers(int count) {
        Await.until(count + " subscribers (" + feed.stats().subscribers() + " before)", Duration.ofSeconds(10),
                () -> feed.stats().subscribers() == count);
    }
}
