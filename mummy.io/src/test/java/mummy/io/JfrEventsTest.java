package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import mummy.api.Router;
import mummy.api.WebSocketEvent;
import mummy.io.internal.jfr.Jfr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's JFR events, recorded with a RecordingStream over real traffic. */
class JfrEventsTest {

    private Server server;
    private int port;

    @BeforeEach
    void start() {
        Router router = Router.builder()
                .get("/items/@id", request -> request.respond(200, "item " + request.pathParams().get("id")))
                .get("/ws", request -> request.upgradeToWebSocket())
                .build();
        server = Server.builder().handler(router).scheduler("virtual").webSocketHandler((webSocket, event) -> {
            if (event instanceof WebSocketEvent.Message message) {
                webSocket.send(message.asText());
            }
        }).build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestsSessionsClosesAndLoopTurnsAreRecorded() throws Exception {
        List<RecordedEvent> requests = new CopyOnWriteArrayList<>();
        List<RecordedEvent> sessions = new CopyOnWriteArrayList<>();
        List<RecordedEvent> closes = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3 + 1 + 2 + 1);
        try (RecordingStream recording = new RecordingStream()) {
            recording.enable("mummy.HttpRequest");
            recording.enable("mummy.WebSocketSession");
            recording.enable("mummy.ConnectionClosed");
            recording.enable("mummy.IoLoopStall").withThreshold(Duration.ZERO); // every turn is a "stall"
            recording.onEvent("mummy.HttpRequest", event -> collect(requests, event, all, 3));
            recording.onEvent("mummy.WebSocketSession", event -> collect(sessions, event, all, 1));
            recording.onEvent("mummy.ConnectionClosed", event -> collect(closes, event, all, 2));
            CountDownLatch stall = new CountDownLatch(1);
            recording.onEvent("mummy.IoLoopStall", event -> {
                if (stall.getCount() > 0) {
                    stall.countDown();
                    all.countDown();
                }
            });
            recording.startAsync();
            Jfr.register(); // else the server registers its events on a thread of its own, a moment later
            traffic();
            assertTrue(all.await(30, TimeUnit.SECONDS), "events missing: requests " + requests.size()
                    + ", sessions " + sessions.size() + ", closes " + closes.size() + ", stall " + stall.getCount());
        }
        RecordedEvent item = requests.stream().filter(e -> e.getInt("status") == 200).findFirst().orElseThrow();
        assertEquals("GET", item.getString("method"));
        assertEquals("/items/@id", item.getString("route"));
        assertEquals("item 1".length(), item.getLong("responseBytes"));
        assertTrue(!item.getDuration().isNegative());
        assertEquals(2, requests.stream().filter(e -> e.getInt("status") == 200).count());
        assertEquals(1, requests.stream().filter(e -> e.getInt("status") == 101).count());

        RecordedEvent session = sessions.getFirst();
        assertEquals("/ws", session.getString("path"));
        assertEquals(1000, session.getInt("closeCode"));
        assertEquals(2, session.getLong("messagesIn"));
        assertEquals(2, session.getLong("messagesOut"));

        assertEquals(List.of("CLIENT_CLOSED", "COMPLETED"),
                closes.stream().map(e -> e.getString("reason")).sorted().toList());
    }

    private void traffic() throws IOException {
        try (RawClient client = new RawClient(port)) {
            for (int i = 1; i <= 2; i++) {
                client.send("GET /items/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, client.read().status());
            }
        }
        try (WsClient ws = WsClient.open(port, "/ws", "")) {
            ws.text("a").read();
            ws.text("b").read();
            ws.close(1000);
            assertEquals(8, ws.read().opcode());
        }
    }

    private static void collect(List<RecordedEvent> into, RecordedEvent event, CountDownLatch all, int wanted) {
        if (into.size() < wanted) {
            into.add(event);
            all.countDown();
        }
    }

    @Test
    void aRecordingStartedWhileTheServerRunsGetsItsEvents() throws Exception {
        CountDownLatch request = new CountDownLatch(1);
        try (RecordingStream recording = new RecordingStream()) {
            recording.enable("mummy.HttpRequest");
            recording.onEvent("mummy.HttpRequest", event -> request.countDown());
            recording.startAsync();
            try (RawClient client = new RawClient(port)) {
                // The first requests after the start register the events off the IO thread; ask until one is recorded.
                for (int i = 0; i < 2_000 && request.getCount() > 0; i++) {
                    client.send("GET /items/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertEquals(200, client.read().status());
                    request.await(5, TimeUnit.MILLISECONDS);
                }
            }
            assertTrue(request.await(10, TimeUnit.SECONDS), "a request was recorded");
        }
    }

    @Test
    void nothingIsBuiltForAnEventNoRecordingEnables() {
        assertNull(Jfr.beginHttpRequest());
        assertNull(Jfr.beginWebSocketSession());
        assertNull(Jfr.beginIoLoopStall());
        assertTrue(!Jfr.connectionClosedEnabled());
    }
}
