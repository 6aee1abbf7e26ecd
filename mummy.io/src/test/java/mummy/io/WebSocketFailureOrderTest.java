package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a protocol error ends a connection, found with Autobahn|Testsuite: replies to the messages
 * before the violation still go out, before the Close (cases 3.2, 4.1.3, 4.1.4, 4.2.3, 4.2.4,
 * 5.15); invalid UTF-8 inside a frame fails before the rest of the frame arrives (6.4.3, 6.4.4).
 */
@ParameterizedClass
@ValueSource(strings = {"pool", "forkjoin", "virtual"})
class WebSocketFailureOrderTest {

    @Parameter
    String scheduler;

    private TestApp app;

    @BeforeEach
    void start() {
        app = new TestApp(scheduler);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private String nextEvent() throws InterruptedException {
        String event = app.webSocketEvents.poll(10, TimeUnit.SECONDS);
        assertTrue(event != null, "an event arrived");
        return event;
    }

    /** Autobahn 3.2: a text message, a frame with RSV2 set, a ping, in one write. */
    @Test
    void replyToAMessageBeforeAProtocolErrorGoesOutBeforeTheClose() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(ws.encode(1, true, 0, "wait".getBytes(StandardCharsets.US_ASCII), true));
            wire.writeBytes(ws.encode(1, true, 0x20, "RSV2".getBytes(StandardCharsets.US_ASCII), true));
            wire.writeBytes(ws.encode(9, true, 0, new byte[0], true));
            ws.http.send(wire.toByteArray());
            app.latch.countDown(); // the handler was (or will be) blocked on "wait" while the IO thread failed
            WsClient.Frame echo = ws.read();
            assertEquals(1, echo.opcode(), "the echo comes first, not the Close");
            assertEquals("wait", echo.text());
            WsClient.Frame close = ws.read();
            assertEquals(8, close.opcode(), "then the Close, and no Pong: nothing after the error is read");
            assertEquals(1002, close.closeCode());
            assertTrue(ws.http.closedByServer());
        }
        assertEquals("open null", nextEvent());
        assertEquals("message wait", nextEvent());
        assertTrue(nextEvent().startsWith("error protocol error 1002"));
        assertTrue(nextEvent().startsWith("close 1002"));
    }

    /** The Close waits for the handler, but not longer than the close timeout. */
    @Test
    void handlerSlowerThanTheCloseTimeoutGetsTheConnectionClosedWithoutItsClose() throws Exception {
        app.close();
        app = new TestApp(scheduler, Server.builder().webSocketCloseTimeout(Duration.ofMillis(200)));
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(ws.encode(1, true, 0, "wait".getBytes(StandardCharsets.US_ASCII), true));
            wire.writeBytes(ws.encode(1, true, 0x20, "RSV2".getBytes(StandardCharsets.US_ASCII), true));
            ws.http.send(wire.toByteArray());
            assertTrue(ws.http.closedByServer(), "closed after the close timeout, with nothing sent");
        } finally {
            app.latch.countDown();
        }
        assertEquals("open null", nextEvent());
        assertEquals("message wait", nextEvent());
        assertTrue(nextEvent().startsWith("error protocol error 1002"));
        assertTrue(nextEvent().startsWith("close 1002"));
    }

    /** Autobahn 5.15: two fragments make a message, then a continuation with nothing to continue. */
    @Test
    void messageCompletedBeforeAnOrphanContinuationIsEchoed() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(ws.encode(1, false, 0, "fragment1".getBytes(StandardCharsets.US_ASCII), true));
            wire.writeBytes(ws.encode(0, true, 0, "fragment2".getBytes(StandardCharsets.US_ASCII), true));
            wire.writeBytes(ws.encode(0, false, 0, "fragment3".getBytes(StandardCharsets.US_ASCII), true));
            wire.writeBytes(ws.encode(1, true, 0, "fragment4".getBytes(StandardCharsets.US_ASCII), true));
            ws.http.send(wire.toByteArray());
            assertEquals("fragment1fragment2", ws.read().text());
            assertEquals(1002, ws.read().closeCode());
        }
    }

    /** Autobahn 6.4.3: one text frame sent in chops; the second chop holds a surrogate (ED A0 80). */
    @Test
    void invalidUtf8InsideAPartlyReceivedFrameFailsAtOnce() throws Exception {
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            byte[] valid = "κόσμε".getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[valid.length + 3 + 100];
            System.arraycopy(valid, 0, payload, 0, valid.length);
            payload[valid.length] = (byte) 0xed;
            payload[valid.length + 1] = (byte) 0xa0;
            payload[valid.length + 2] = (byte) 0x80;
            byte[] frame = ws.encode(1, true, 0, payload, true);
            int headerLength = frame.length - payload.length;
            ws.http.send(java.util.Arrays.copyOfRange(frame, 0, headerLength + valid.length + 3));
            WsClient.Frame close = ws.read(); // the rest of the frame is never sent
            assertEquals(8, close.opcode());
            assertEquals(1007, close.closeCode());
        }
    }
}
