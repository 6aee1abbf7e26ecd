package mummy.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mummy.api.EventStream;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.testing.Await;
import mummy.testing.TestServer;
import mummy.testing.TestStream;
import mummy.testing.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The worst subscriber, through real sockets: a client that never reads its WebSocket or its
 * event stream while a topic publishes far more than every buffer between the two can hold. The
 * readers get every message in order; the one that never reads is skipped (DROP) or cut off
 * (CLOSE), and what the server holds for it stays under the fan-out's bound plus one message.
 */
class SlowSubscriberFanOutTest {

    private static final int MESSAGE = 8 * 1024;
    /** 16 MiB per subscriber: more than the kernel's socket buffers on loopback hold. */
    private static final int MESSAGES = 2048;
    private static final long BOUND = 64 * 1024;
    private static final int READERS = 3;

    private final InMemoryBroker broker = InMemoryBroker.create();
    /** Each server-side socket or stream by the path it was opened on. */
    private final Map<String, WebSocket> sockets = new ConcurrentHashMap<>();
    private final Map<String, EventStream> streams = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeLast.reversed()) {
            closeable.close();
        }
        broker.close();
    }

    @ParameterizedTest
    @EnumSource(SlowSubscriberPolicy.class)
    void aWebSocketThatNeverReadsIsSkippedOrCutOffAndHoldsNoMoreThanTheBound(SlowSubscriberPolicy policy) throws Exception {
        WebSocketFanOut room = WebSocketFanOut.create(broker, "room", FanOutOptions.of(policy).withMaxBufferedBytes(BOUND));
        closeLast.add(room);
        TestServer server = TestServer.start(request -> request.upgradeToWebSocket(), (socket, event) -> {
            switch (event) {
                case WebSocketEvent.Open open -> {
                    sockets.put(socket.path(), socket);
                    room.add(socket);
                }
                case WebSocketEvent.Close close -> room.remove(socket);
                default -> { }
            }
        });
        closeLast.add(server);
        List<TestWebSocket> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            TestWebSocket reader = server.webSocket("/ws/reader" + i);
            closeLast.add(reader);
            readers.add(reader);
        }
        Socket slow = neverReading(server.port(), "GET /ws/slow HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        closeLast.add(slow);
        Await.until("every socket joined", Duration.ofSeconds(10), () -> room.stats().subscribers() == READERS + 1);
        WebSocket slowSide = sockets.get("/ws/slow");

        long mostHeld = publishPaced("room", () -> slowSide.bufferedBytes(),
                () -> sockets.entrySet().stream().filter(e -> e.getKey().startsWith("/ws/reader"))
                        .mapToLong(e -> e.getValue().bufferedBytes()).max().orElse(0));

        for (TestWebSocket reader : readers) {
            for (int i = 0; i < MESSAGES; i++) {
                String text = reader.receiveText();
                assertEquals(i, sequence(text), "a reader gets every message, in order");
            }
        }
        FanOutStats stats = room.stats();
        assertTrue(mostHeld <= BOUND + MESSAGE + 14, "held for the slow socket: " + mostHeld);
        if (policy == SlowSubscriberPolicy.DROP) {
            assertTrue(stats.dropped() > 0, "messages skipped for the slow socket: " + stats);
            assertEquals(0, stats.cutOff());
            assertTrue(room.contains(slowSide) && slowSide.isOpen(), "a skipped socket stays");
            assertEquals(READERS + 1, stats.subscribers());
        } else {
            assertEquals(1, stats.cutOff(), stats.toString());
            assertEquals(0, stats.dropped());
            assertFalse(room.contains(slowSide));
            assertEquals(READERS, stats.subscribers());
        }
        if (policy == SlowSubscriberPolicy.DROP) {
            assertEquals((long) (READERS + 1) * MESSAGES, stats.delivered() + stats.dropped(),
                    "each message reached each socket or was skipped for it: " + stats);
        } else {
            assertTrue(stats.delivered() >= (long) READERS * MESSAGES, stats.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(SlowSubscriberPolicy.class)
    void anEventStreamThatNeverReadsIsSkippedOrEndedAndHoldsNoMoreThanTheBound(SlowSubscriberPolicy policy) throws Exception {
        EventStreamFanOut feed = EventStreamFanOut.create(broker, "feed", FanOutOptions.of(policy).withMaxBufferedBytes(BOUND));
        closeLast.add(feed);
        TestServer server = TestServer.start(request -> {
            EventStream stream = request.respondEventStream();
            streams.put(request.path(), stream);
            feed.add(stream);
        });
        closeLast.add(server);
        List<TestStream> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            TestStream reader = server.client().stream("GET", "/events/reader" + i, mummy.api.HttpHeaders.empty(), null);
            closeLast.add(reader);
            assertEquals(200, reader.status());
            readers.add(reader);
        }
        Socket slow = neverReading(server.port(), "GET /events/slow HTTP/1.1\r\nHost: h\r\n\r\n");
        closeLast.add(slow);
        Await.until("every stream joined", Duration.ofSeconds(10), () -> feed.stats().subscribers() == READERS + 1);
        EventStream slowSide = streams.get("/events/slow");

        // The client reads the streams as they come (its buffer for a response body is small).
        List<java.util.concurrent.Future<List<Integer>>> received = new ArrayList<>();
        try (var readerThreads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (TestStream reader : readers) {
                received.add(readerThreads.submit(() -> {
                    List<Integer> sequence = new ArrayList<>();
                    for (int i = 0; i < MESSAGES; i++) {
                        sequence.add(sequence(reader.readEvent().data()));
                    }
                    return sequence;
                }));
            }
            long mostHeld = publishPaced("feed", () -> slowSide.bufferedBytes(),
                    () -> streams.entrySet().stream().filter(e -> e.getKey().startsWith("/events/reader"))
                            .mapToLong(e -> e.getValue().bufferedBytes()).max().orElse(0));
            assertTrue(mostHeld <= BOUND + MESSAGE + 64, "held for the slow stream: " + mostHeld);
        }
        List<Integer> expected = java.util.stream.IntStream.range(0, MESSAGES).boxed().toList();
        for (var sequence : received) {
            assertEquals(expected, sequence.get(), "a reader gets every event, in order");
        }
        FanOutStats stats = feed.stats();
        if (policy == SlowSubscriberPolicy.DROP) {
            assertTrue(stats.dropped() > 0, stats.toString());
            assertEquals((long) (READERS + 1) * MESSAGES, stats.delivered() + stats.dropped(), stats.toString());
            assertTrue(feed.remove(slowSide), "a skipped stream stays");
        } else {
            assertEquals(1, stats.cutOff(), stats.toString());
            Await.until("the cut-off stream ends", Duration.ofSeconds(10), () -> !slowSide.isOpen());
            assertFalse(feed.remove(slowSide));
        }
    }

    @Test
    void aStreamThatClosesLeavesTheFanOut() throws Exception {
        EventStreamFanOut feed = EventStreamFanOut.create(broker, "feed", FanOutOptions.DEFAULTS);
        closeLast.add(feed);
        TestServer server = TestServer.start(request -> feed.add(request.respondEventStream()));
        closeLast.add(server);
        TestStream reader = server.client().stream("GET", "/events", mummy.api.HttpHeaders.empty(), null);
        Await.until("the stream joined", Duration.ofSeconds(10), () -> feed.stats().subscribers() == 1);
        broker.publish("feed", "0:hello");
        assertEquals("0:hello", reader.readEvent().data());
        reader.close();
        Await.until("the closed stream left", Duration.ofSeconds(10), () -> {
            broker.publish("feed", "1:anyone?");
            return feed.stats().subscribers() == 0;
        });
    }

    /**
     * Publishes the messages, each after the readers' server-side backlog is small (so that only
     * the slow subscriber is ever behind); returns the most the server held for the slow one.
     */
    private long publishPaced(String topic, java.util.function.LongSupplier slowHeld, java.util.function.LongSupplier readersHeld)
            throws InterruptedException {
        long most = 0;
        String padding = "x".repeat(MESSAGE - 8);
        for (int i = 0; i < MESSAGES; i++) {
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (readersHeld.getAsLong() > 4 * MESSAGE) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("the readers stopped reading at message " + i);
                }
                Thread.sleep(1);
            }
            broker.publish(topic, String.format("%07d:", i) + padding);
            most = Math.max(most, slowHeld.getAsLong());
        }
        return most;
    }

    private static int sequence(String text) {
        return Integer.parseInt(text.substring(0, text.indexOf(':')));
    }

    /** A connection with a tiny receive buffer that sends a request, reads its first line, and then nothing. */
    private static Socket neverReading(int port, String request) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        int first = in.read();
        if (first < 0) {
            throw new IOException("closed before answering");
        }
        return socket;
    }

}
