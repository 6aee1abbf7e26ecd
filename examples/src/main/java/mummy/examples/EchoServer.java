package mummy.examples;

import java.net.InetSocketAddress;
import java.time.Duration;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.io.Server;

/**
 * The standard target of integration tests, load tests and outside test suites.
 *
 * <p>Endpoints: {@code GET}/{@code HEAD /} → 200 {@code text/plain} {@code Hello, World!};
 * {@code GET /sleep} → blocks 10 ms, then 200 {@code ok}; {@code POST /echo} → 200
 * {@code application/octet-stream} with the request body; {@code GET /ws} → a WebSocket that
 * echoes every text and binary message as it came; {@code GET /sse} → server-sent events
 * {@code data: 0} … {@code data: 4}, 100 ms apart, then the response ends; anything else → 404.
 *
 * <p>Arguments: {@code --port N} (0 = ephemeral, default 8080), {@code --host H} (default
 * 127.0.0.1), {@code --scheduler NAME}. Prints exactly one line, {@code listening on HOST:PORT},
 * on standard output once it accepts connections; stops on SIGTERM/SIGINT.
 */
public final class EchoServer {

    private static final HttpHeaders TEXT = HttpHeaders.of("Content-Type", "text/plain");
    private static final HttpHeaders OCTETS = HttpHeaders.of("Content-Type", "application/octet-stream");
    private static final byte[] HELLO = "Hello, World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] OK = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private EchoServer() {
    }

    /**
     * The routes of the echo server.
     *
     * @return the router
     */
    public static Router router() {
        return Router.builder()
                .get("/", request -> request.respond(200, TEXT, HELLO))
                .get("/sleep", request -> {
                    Thread.sleep(Duration.ofMillis(10));
                    request.respond(200, TEXT, OK);
                })
                .post("/echo", request -> request.respond(200, OCTETS, request.body()))
                .get("/ws", request -> request.upgradeToWebSocket())
                .get("/sse", request -> {
                    EventStream events = request.respondEventStream();
                    for (int i = 0; i < 5 && events.isOpen(); i++) {
                        if (i > 0) {
                            Thread.sleep(Duration.ofMillis(100));
                        }
                        events.send(Integer.toString(i));
                    }
                    events.close();
                })
                .build();
    }

    /**
     * Echoes every message back as it came: same type, same bytes.
     *
     * @param webSocket the connection
     * @param event what happened
     */
    public static void echo(WebSocket webSocket, WebSocketEvent event) {
        if (event instanceof WebSocketEvent.Message message) {
            if (message.text()) {
                webSocket.send(message.asText());
            } else {
                webSocket.send(message.data());
            }
        }
    }

    /**
     * Starts the server.
     *
     * @param args {@code [--port N] [--host H] [--scheduler NAME]}
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Arguments arguments = Arguments.parse(args, 8080);
        Server.Builder builder = Server.builder().handler(router()).webSocketHandler(EchoServer::echo);
        if (arguments.scheduler() != null) {
            builder.scheduler(arguments.scheduler());
        }
        Server server = builder.build();
        InetSocketAddress bound = server.start(new InetSocketAddress(arguments.host(), arguments.port())).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
        System.out.println("listening on " + arguments.host() + ":" + bound.getPort());
        System.out.flush();
        server.awaitTermination();
    }
}
