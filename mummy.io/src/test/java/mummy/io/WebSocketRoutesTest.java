package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mummy.api.Router;
import mummy.api.WebSocketEvent;
import mummy.api.WebSocketHandler;
import mummy.api.WebSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * WebSocket endpoints routed by path ({@link Router.Builder#webSocket}) through real sockets: each
 * route's handler gets its own connections, with the path parameters and the handshake's fields
 * in the Open event; a plain request to such a route is 426 with a body saying why; a handshake to
 * a path without a WebSocket route, or to a handler that upgrades on a server without a WebSocket
 * handler, is 404 with a body saying so, never a bare 500.
 */
class WebSocketRoutesTest {

    private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    private Server server;
    private int port;

    /** Greets on open with the room and user, then echoes each message prefixed with the room. */
    private static final WebSocketHandler ROOMS = new WebSocketHandler() {
        @Override
        public void onEvent(mummy.api.WebSocket socket, WebSocketEvent event) {
            switch (event) {
                case WebSocketEvent.Open open -> {
                    socket.attach(open.pathParams().get("room"));
                    socket.send("joined " + open.pathParams().get("room") + " as "
                            + open.requestHeaders().get("X-User"));
                }
                case WebSocketEvent.Message message -> socket.send(socket.attachment() + ": " + message.asText());
                default -> { }
            }
        }
    };

    private static final WebSocketHandler LIVE = (socket, event) -> {
        if (event instanceof WebSocketEvent.Open open) {
            socket.send("live, params " + open.pathParams().size());
        }
    };

    private void start(Router router) {
        server = Server.builder().handler(router).scheduler("virtual").shutdownGracePeriod(Duration.ofSeconds(5))
                .build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    private Router router() {
        return Router.builder()
                .filter((request, chain) -> {
                    request.addResponseHeader("X-Filtered", "yes");
                    chain.proceed();
                })
                .after((request, response, elapsed) -> log.add(request.path() + " " + response.status()))
                .webSocket("/rooms/@room", ROOMS)
                .webSocket("/live", WebSocketOptions.subprotocols("v1.live"), LIVE)
                .get("/legacy", request -> request.upgradeToWebSocket())
                .build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void eachRouteHasItsHandlerWithThePathParamsAndHeadersInOpen() throws Exception {
        start(router());
        try (WsClient kitchen = WsClient.open(port, "/rooms/kitchen", "X-User: ann\r\n");
             WsClient live = WsClient.open(port, "/live", "Sec-WebSocket-Protocol: v0, v1.live\r\n")) {
            assertEquals("yes", kitchen.handshake.header("X-Filtered"));
            assertEquals("joined kitchen as ann", kitchen.read().text());
            kitchen.text("hello");
            assertEquals("kitchen: hello", kitchen.read().text());

            assertEquals("v1.live", live.handshake.header("Sec-WebSocket-Protocol"));
            assertEquals("live, params 0", live.read().text());
        }
        assertEquals("/rooms/kitchen 101", log.poll(10, TimeUnit.SECONDS));
        assertEquals("/live 101", log.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void plainRequestToAWebSocketRouteIsUpgradeRequired() throws IOException {
        start(router());
        RawClient.Response response;
        try (RawClient client = new RawClient(port)) {
            response = client.send("GET /rooms/kitchen HTTP/1.1\r\nHost: x\r\n\r\n").read();
        }
        assertEquals(426, response.status());
        assertEquals("websocket", response.header("Upgrade"));
        assertTrue(response.text().startsWith("This is a WebSocket endpoint"), response.text());
    }

    @Test
    void handshakeWithoutAWebSocketRouteOrHandlerIsNotFoundWithAClearBody() throws IOException {
        start(router());
        String handshake = " HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + WsClient.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        try (RawClient client = new RawClient(port)) {
            RawClient.Response unrouted = client.send("GET /nowhere" + handshake).read();
            assertEquals(404, unrouted.status());
        }
        try (RawClient client = new RawClient(port)) {
            RawClient.Response legacy = client.send("GET /legacy" + handshake).read();
            assertEquals(404, legacy.status(), "upgradeToWebSocket() on a server without a WebSocket handler");
            assertEquals("No WebSocket endpoint at /legacy", legacy.text());
        }
    }

    @Test
    void theServerWideHandlerStillServesUpgradesOfPlainRoutes() throws Exception {
        server = Server.builder().handler(router()).scheduler("virtual")
                .webSocketHandler((socket, event) -> {
                    if (event instanceof WebSocketEvent.Open open) {
                        socket.send("server-wide, origin " + open.requestHeaders().get("Origin"));
                    }
                })
                .shutdownGracePeriod(Duration.ofSeconds(5)).build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
        try (WsClient legacy = WsClient.open(port, "/legacy", "Origin: http://a.example\r\n");
             WsClient room = WsClient.open(port, "/rooms/attic", "X-User: bo\r\n")) {
            assertEquals("server-wide, origin http://a.example", legacy.read().text());
            assertEquals("joined attic as bo", room.read().text());
        }
    }
}
