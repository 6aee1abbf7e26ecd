package mummy.examples;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import mummy.api.Router;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.io.Metrics;
import mummy.io.Server;

/**
 * The standard target of integration tests, load tests and outside test suites.
 *
 * <p>Endpoints: {@code GET}/{@code HEAD /} → 200 {@code text/plain} {@code Hello, World!};
 * {@code GET /sleep} → blocks 10 ms, then 200 {@code ok}; {@code POST /echo} → 200
 * {@code application/octet-stream} with the request body; {@code GET /ws} → a WebSocket that
 * echoes every text and binary message as it came; {@code GET /sse} → server-sent events
 * {@code data: 0} … {@code data: 4}, 100 ms apart, then the response ends; {@code POST /upload} →
 * reads the body as it arrives (any size, {@code Content-Length} or chunked; memory stays bounded)
 * and answers {@code {"bytes": <count>, "sha256": "<hex>"}}; {@code GET /metrics} → the server's
 * metrics in Prometheus' text format ({@link Metrics#prometheus()}); {@code GET /healthz} and
 * {@code GET /readyz} → 200 {@code ready}, 503 {@code draining} once shutdown begins; anything
 * else → 404.
 *
 * <p>Arguments: {@code --port N} (0 = ephemeral, default 8080), {@code --host H} (default
 * 127.0.0.1), {@code --scheduler NAME}, {@code --metrics on|off} (default on), {@code --io-threads N}
 * (default 1), {@code --reuse-port on|off}. Prints exactly one line, {@code listening on HOST:PORT},
 * on standard output once it accepts connections; stops on SIGTERM/SIGINT.
 */
public final class EchoServer {

    private static final HttpHeaders TEXT = HttpHeaders.of("Content-Type", "text/plain");
    private static final HttpHeaders JSON = HttpHeaders.of("Content-Type", "application/json");
    private static final HttpHeaders OCTETS = HttpHeaders.of("Content-Type", "application/octet-stream");
    private static final byte[] HELLO = "Hello, World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] OK = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private EchoServer() {
    }

    /**
     * The routes of the echo server, with {@code /metrics}, {@code /healthz} and {@code /readyz}
     * answered 503 (no server is bound to their view).
     *
     * @return the router
     */
    public static Router router() {
        return router(Metrics.create());
    }

    /**
     * The routes of the echo server, reporting on the server {@code metrics} is bound to.
     *
     * @param metrics the view behind {@code /metrics}, {@code /healthz} and {@code /readyz}
     * @return the router
     */
    public static Router router(Metrics metrics) {
        return Router.builder()
                .get("/metrics", metrics.prometheus())
                .get("/healthz", metrics.readiness())
                .get("/readyz", metrics.readiness())
                .get("/", request -> request.respond(200, TEXT, HELLO))
                .get("/sleep", request -> {
                    Thread.sleep(Duration.ofMillis(10));
                    request.respond(200, TEXT, OK);
                })
                .post("/echo", request -> request.respond(200, OCTETS, request.body()))
                .post("/upload", EchoServer::upload).streaming()
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
     * Reads a streamed body to its end, counting and hashing it on the way.
     *
     * @param request the upload
     * @throws IOException if the body breaks off or is malformed (the server then answers 400/413)
     */
    static void upload(Request request) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        InputStream body = request.bodyStream();
        for (int n; (n = body.read(buffer)) >= 0; ) {
            sha256.update(buffer, 0, n);
            count += n;
        }
        request.respond(200, JSON, "{\"bytes\": " + count + ", \"sha256\": \""
                + HexFormat.of().formatHex(sha256.digest()) + "\"}");
    }

    /**
     * Echoes every message back as it came: same type, same bytes.
     *
     * @param webSocket the connection
     * @param event what happened
     */
    public static void echo(WebSocket webSocket, WebSocketEvent event) {
        if (event instanceof WebSocketEvent.Message message) {
            if (message.isText()) {
                webSocket.send(message.asText());
            } else {
                webSocket.send(message.data());
            }
        }
    }

    /**
     * Starts the server.
     *
     * @param args {@code [--port N] [--host H] [--scheduler NAME] [--metrics on|off] [--io-threads N]}
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Arguments arguments = Arguments.parse(args, 8080);
        Metrics metrics = Metrics.create();
        arguments.serve(Server.builder().handler(router(metrics)).metrics(metrics).webSocketHandler(EchoServer::echo));
    }
}
