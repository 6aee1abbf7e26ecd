package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import mummy.api.EventStream;
import mummy.api.Router;
import mummy.api.WebSocketEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WebSocket, event-stream and upload figures of Server.metrics() after real sessions. */
class SessionMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final CountDownLatch streamReleased = new CountDownLatch(1);
    private Server server;
    private int port;

    @BeforeEach
    void start() {
        Router router = Router.builder()
                .get("/ws", request -> request.upgradeToWebSocket())
                .get("/events", request -> {
                    EventStream events = request.respondEventStream();
                    events.send("first");
                    streamReleased.await();
                    events.send("after the client left");
                })
                .post("/upload", request -> {
                    long count = 0;
                    InputStream body = request.bodyStream();
                    for (byte[] buffer = new byte[8192]; body.read(buffer) >= 0; ) {
                        count++;
                    }
                    request.respond(200, "read in " + count + " reads");
                }).streaming()
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
        streamReleased.countDown();
        server.close();
    }

    @Test
    void webSocketMessagesBytesAndCloseCodesAreCounted() throws IOException {
        try (WsClient ws = WsClient.open(port, "/ws", "")) {
            Await.until("the WebSocket counted open", WAIT, () -> server.metrics().webSockets().open() == 1);
            for (String text : new String[] {"one", "two", "three"}) {
                ws.text(text);
                assertEquals(text, new String(ws.read().payload(), StandardCharsets.UTF_8));
            }
            ws.close(1000);
            assertEquals(8, ws.read().opcode());
        }
        Await.until("the session ended", WAIT, () -> server.metrics().webSockets().open() == 0
                && !server.metrics().webSockets().closeCodes().isEmpty());
        ServerMetrics.WebSockets ws = server.metrics().webSockets();
        assertEquals(3, ws.messagesIn());
        assertEquals(3, ws.messagesOut());
        assertEquals(11, ws.bytesIn());
        assertEquals(11 + 3 * 2, ws.bytesOut()); // a two-byte header per unmasked short frame
        assertEquals(Map.of(1000, 1L), ws.closeCodes());
        assertTrue(PrometheusText.write(server.metrics())
                .contains("mummy_websocket_closed_total{websocket_close_code=\"1000\"} 1\n"));
        assertEquals(1, server.metrics().http().requests().stream().filter(s -> s.status() == 101).count());
    }

    @Test
    void anEventStreamWhoseClientLeavesIsCountedCutOff() throws IOException {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, client.read(true).status());
            Await.until("the stream counted open", WAIT, () -> server.metrics().streams().open() == 1);
        }
        Await.until("the stream counted cut off", WAIT, () -> server.metrics().streams().cutOff() == 1);
        assertEquals(0, server.metrics().streams().open());
    }

    @Test
    void streamedUploadBytesAreCounted() throws IOException {
        byte[] body = new byte[100_000];
        try (RawClient client = new RawClient(port)) {
            client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n");
            client.send(body);
            assertEquals(200, client.read().status());
        }
        assertEquals(body.length, server.metrics().streams().uploadedBytes());
        ServerMetrics.RequestSeries upload = server.metrics().http().requests().stream()
                .filter(s -> s.route().equals("/upload")).findFirst().orElseThrow();
        assertEquals(body.length, upload.requestBodySize().sum());
    }
}
