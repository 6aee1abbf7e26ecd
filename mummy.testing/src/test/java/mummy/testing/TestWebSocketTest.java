package mummy.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.api.WebSocketEvent;
import mummy.api.WebSocketHandler;
import mummy.api.WebSocketOptions;
import org.junit.jupiter.api.Test;

/** TestWebSocket against a real server: messages both ways, closes both ways. */
class TestWebSocketTest {

    private final BlockingQueue<WebSocketEvent.Close> serverSawClose = new LinkedBlockingQueue<>();

    /** Echoes each message; "bye" makes the server close with 4000. */
    private final WebSocketHandler echo = (socket, event) -> {
        switch (event) {
            case WebSocketEvent.Open open -> socket.send("welcome " + socket.subprotocol());
            case WebSocketEvent.Message message when message.isText() && message.asText().equals("bye") ->
                    socket.close(4000, "as asked");
            case WebSocketEvent.Message message when message.isText() -> socket.send(message.asText());
            case WebSocketEvent.Message message -> socket.send(message.data());
            case WebSocketEvent.Close close -> serverSawClose.add(close);
            case WebSocketEvent.Error error -> { }
        }
    };

    private final Router router = Router.builder()
            .get("/echo", request -> request.upgradeToWebSocket(WebSocketOptions.subprotocols("chat")))
            .build();

    @Test
    void textAndBinaryMessagesMakeTheRoundTrip() {
        try (TestServer server = TestServer.start(router, echo);
             TestWebSocket socket = server.webSocket("/echo")) {
            assertEquals("welcome null", socket.receiveText());
            socket.sendText("h\u00e9llo");
            assertEquals("h\u00e9llo", socket.receiveText());
            socket.sendBinary(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, socket.receiveBinary());
            String large = "x".repeat(50_000);
            socket.sendText(large);
            assertEquals(large, socket.receive().asText(), "fragments are joined");
            assertNull(socket.subprotocol());
        }
    }

    @Test
    void theClientsCloseCodeReachesTheServerAndTheServerRepliesWithIt() throws Exception {
        try (TestServer server = TestServer.start(router, echo);
             TestWebSocket socket = server.webSocket("/echo")) {
            socket.receiveText();
            socket.close(4001, "done");
            assertEquals(new WebSocketEvent.Close(4001, "done"), serverSawClose.poll(10, TimeUnit.SECONDS));
            assertEquals(4001, socket.awaitClose().code());
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void theServersCloseCodeAndReasonArrive() {
        try (TestServer server = TestServer.start(router, echo);
             TestWebSocket socket = server.webSocket("/echo")) {
            socket.receiveText();
            socket.sendText("bye");
            assertEquals(new WebSocketEvent.Close(4000, "as asked"), socket.awaitClose());
            IllegalStateException closed = assertThrows(IllegalStateException.class, socket::receive);
            assertTrue(closed.getMessage().contains("4000"), closed.getMessage());
        }
    }

    @Test
    void closingTheServerClosesItsWebSocketsWith1001() {
        TestServer server = TestServer.start(router, echo);
        TestWebSocket socket = server.webSocket("/echo");
        socket.receiveText();
        server.server().close();
        assertEquals(1001, socket.awaitClose().code());
        server.close();
    }

    @Test
    void theSubprotocolOfferedAndChosenIsReported() {
        try (TestServer server = TestServer.start(router, echo);
             TestWebSocket socket = server.client().webSocket("/echo", HttpHeaders.of("X-Client", "test"), "other", "chat")) {
            assertEquals("chat", socket.subprotocol());
            assertEquals("welcome chat", socket.receiveText());
        }
    }

    @Test
    void aReceiveWithNothingToReceiveTimesOut() {
        try (TestServer server = TestServer.start(router, echo);
             TestWebSocket socket = server.webSocket("/echo")) {
            socket.receiveText();
            UncheckedIOException timeout = assertThrows(UncheckedIOException.class, () -> socket.receive(Duration.ofMillis(50)));
            assertTrue(timeout.getCause() instanceof SocketTimeoutException, timeout.toString());
        }
    }

    @Test
    void aRefusedHandshakeNamesTheStatus() {
        try (TestServer server = TestServer.start(router, echo)) {
            UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> server.webSocket("/nowhere"));
            assertTrue(refused.getMessage().contains("404"), refused.getMessage());
        }
    }
}
