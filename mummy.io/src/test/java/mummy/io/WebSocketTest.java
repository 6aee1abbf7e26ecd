package mummy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket over real sockets (RFC 6455), raw frames and the JDK's client; once per scheduler. */
class WebSocketTest extends EveryScheduler {

    private String nextEvent() throws InterruptedException {
        String event = app.webSocketEvents.poll(10, TimeUnit.SECONDS);
        assertTrue(event != null, "an event arrived");
        return event;
    }

    @Test
    void handshakeEchoPingAndCloseOverRawFrames() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws", "Sec-WebSocket-Protocol: superchat, chat\r\n")) {
            assertEquals("open superchat", nextEvent(), "the server's first choice the client offers");
            ws.text("hello");
            WsClient.Frame echo = ws.read();
            assertEquals(1, echo.opcode());
            assertEquals("hello", echo.text());
            ws.frame(9, true, "are you there".getBytes(StandardCharsets.US_ASCII), true);
            WsClient.Frame pong = ws.read();
            assertEquals(10, pong.opcode());
            assertEquals("are you there", pong.text());
            ws.close(1000);
            WsClient.Frame close = ws.read();
            assertEquals(8, close.opcode());
            assertEquals(1000, close.closeCode());
            assertTrue(ws.http.closedByServer(), "the server closes TCP after the closing handshake");
            assertEquals("message hello", nextEvent());
            assertEquals("close 1000 ", nextEvent());
        }
    }

    @Test
    void fragmentedMessageWithPingBetweenFragmentsIsReassembled() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            ws.frame(1, false, "frag".getBytes(StandardCharsets.UTF_8), true);
            ws.frame(9, true, new byte[] {7}, true);
            ws.frame(0, false, "men".getBytes(StandardCharsets.UTF_8), true);
            ws.frame(0, true, "ted ✓".getBytes(StandardCharsets.UTF_8), true);
            assertEquals(10, ws.read().opcode(), "the pong comes at once");
            assertEquals("fragmented ✓", ws.read().text());
        }
    }

    @Test
    void framesSentBeforeThe101FollowIt() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws-hello", "")) {
            assertEquals("sent before the 101 was written", ws.read().text());
        }
    }

    @Test
    void binaryMessagesOfEveryLengthEncodingEchoExactly() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            for (int length : new int[] {0, 125, 126, 65535, 65536}) {
                byte[] data = new byte[length];
                new java.util.Random(length).nextBytes(data);
                ws.frame(2, true, data, true);
                WsClient.Frame echo = ws.read();
                assertEquals(2, echo.opcode());
                assertArrayEquals(data, echo.payload(), "length " + length);
            }
        }
    }

    @Test
    void serverInitiatedCloseCompletesTheHandshake() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            ws.text("close");
            WsClient.Frame close = ws.read();
            assertEquals(8, close.opcode());
            assertEquals(4000, close.closeCode());
            assertEquals("asked to", new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8));
            ws.close(4000);
            assertTrue(ws.http.closedByServer());
        }
    }

    @Test
    void protocolViolationsCloseWithTheirCodes() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            ws.frame(1, true, "unmasked".getBytes(StandardCharsets.US_ASCII), false);
            assertEquals(1002, ws.read().closeCode());
            assertTrue(ws.http.closedByServer());
        }
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            ws.frame(1, true, new byte[] {(byte) 0xC0, (byte) 0xAF}, true); // overlong encoding
            assertEquals(1007, ws.read().closeCode());
        }
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            ws.frame(2, true, new byte[64 * 1024 + 1], true);
            assertEquals(1009, ws.read().closeCode());
        }
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            ws.frame(0, true, new byte[] {1}, true); // continuation without a message
            assertEquals(1002, ws.read().closeCode());
        }
    }

    @Test
    void badHandshakesAreAnsweredAndTheConnectionStaysHttp() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n");
            assertEquals(400, client.read().status(), "no key");
            client.send("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + WsClient.KEY + "\r\nSec-WebSocket-Version: 8\r\n\r\n");
            RawClient.Response wrongVersion = client.read();
            assertEquals(426, wrongVersion.status());
            assertEquals("13", wrongVersion.header("Sec-WebSocket-Version"));
            client.send("GET /n?i=5 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("5", client.read().text());
        }
    }

    @Test
    void abruptDisconnectIsReportedAs1006() throws Exception {
        WsClient ws = WsClient.open(app.port, "/ws", "");
        assertEquals("open null", nextEvent());
        ws.close();
        assertEquals("close 1006 ", nextEvent());
    }

    @Test
    void handlerExceptionBecomesAnErrorEventAndTheConnectionLives() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            assertEquals("open null", nextEvent());
            ws.text("throw");
            assertEquals("message throw", nextEvent());
            assertTrue(nextEvent().startsWith("error the handler threw"));
            ws.text("still here");
            assertEquals("still here", ws.read().text());
        }
    }

    @Test
    void aSenderIgnoringBackpressureIsCutOffAtFourHighWaterMarks() throws Exception {
        try (ServerFailureLog log = ServerFailureLog.attach()) {
            RawClient http = new RawClient(app.port);
            http.socket().setReceiveBufferSize(64 * 1024);
            http.send("GET /ws-flood HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + WsClient.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertEquals(101, http.read(true).status());
            // read nothing more: the handler sends 64 KiB messages as fast as it can, ignoring BACKPRESSURED
            String outcome = app.wsFlood.get(20, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("CLOSED after (\\d+) sends, max buffered (\\d+), open false").matcher(outcome);
            assertTrue(m.matches(), outcome);
            long highWaterMark = 1 << 20; // the server's default outbound high-water mark
            long frame = 64 * 1024 + 10;
            assertTrue(Long.parseLong(m.group(2)) <= 4 * highWaterMark + frame, "the backlog stayed bounded: " + outcome);
            // what the kernel's socket buffers took is not backlog: allow for a few MiB of them
            assertTrue(Integer.parseInt(m.group(1)) <= 4 * highWaterMark / (64 * 1024) + 100, outcome);
            assertEquals("open null", nextEvent());
            assertEquals("close 1006 ", nextEvent(), "the handler hears that the connection ended");
            java.io.IOException reset = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> http.input().transferTo(java.io.OutputStream.nullOutputStream()));
            assertTrue(String.valueOf(reset.getMessage()).contains("reset"), "a reset, not a clean close: " + reset);
            http.close();
            assertEquals(1, log.failures().size(), log.failures().toString());
            assertTrue(log.failures().getFirst().startsWith("websocket.cut_off: fd "), log.failures().toString());
        }
    }

    @Test
    void javaHttpClientWebSocketEchoesAndCloses() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    received.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(java.net.http.WebSocket webSocket, ByteBuffer data, boolean last) {
                received.add("binary " + data.remaining());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        };
        try (HttpClient client = HttpClient.newHttpClient()) {
            java.net.http.WebSocket webSocket = client.newWebSocketBuilder().subprotocols("chat")
                    .buildAsync(URI.create("ws://127.0.0.1:" + app.port + "/ws"), listener).get(10, TimeUnit.SECONDS);
            assertEquals("chat", webSocket.getSubprotocol());
            webSocket.sendText("x".repeat(10_000), true).get(10, TimeUnit.SECONDS);
            assertEquals("x".repeat(10_000), received.poll(10, TimeUnit.SECONDS));
            webSocket.sendBinary(ByteBuffer.wrap(new byte[300]), true).get(10, TimeUnit.SECONDS);
            assertEquals("binary 300", received.poll(10, TimeUnit.SECONDS));
            webSocket.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
            assertEquals(1000, closed.get(10, TimeUnit.SECONDS));
        }
    }
}
