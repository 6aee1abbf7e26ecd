package mummy.benchmarks.peers.vertx;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * EchoServer's endpoints on Vert.x 5, as its core manual shows: an event-loop verticle owning an
 * {@code HttpServer}, one instance per core, on Vert.x's default (NIO) transport.
 *
 * <p>{@code GET /sleep} blocks, so it runs through {@code executeBlocking(..., false)} on the
 * worker pool (Vert.x's default of 20 threads); unordered, so that the blocking calls of one
 * verticle do not wait for each other. {@code /ws} echoes each whole message.
 *
 * <p>Arguments: {@code --port N} (0 = ephemeral), {@code --host H} (default 127.0.0.1). Prints
 * {@code listening on HOST:PORT} when ready; stops on SIGTERM.
 */
public final class VertxServer extends VerticleBase {

    private static final Buffer HELLO = Buffer.buffer("Hello, World!");
    private static final Buffer OK = Buffer.buffer("ok");
    private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain");
    private static final CharSequence OCTETS = HttpHeaders.createOptimized("application/octet-stream");

    private final String host;
    private final int port;
    private final AtomicInteger bound;

    private VertxServer(String host, int port, AtomicInteger bound) {
        this.host = host;
        this.port = port;
        this.bound = bound;
    }

    /**
     * Starts the server.
     *
     * @param args {@code [--port N] [--host H]}
     */
    public static void main(String[] args) {
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "8080"));
        Vertx vertx = Vertx.vertx();
        int instances = Runtime.getRuntime().availableProcessors();
        AtomicInteger bound = new AtomicInteger();
        vertx.deployVerticle(() -> new VertxServer(host, port, bound), new DeploymentOptions().setInstances(instances))
                .await();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> vertx.close().await()));
        System.out.println("listening on " + host + ":" + bound.get());
        System.out.flush();
    }

    @Override
    public Future<?> start() {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(this::handle)
                .webSocketHandler(this::echo);
        // Instances share one listening socket (Vert.x server sharing); note the port it got.
        return server.listen(port, host).onSuccess(listening -> bound.compareAndSet(0, listening.actualPort()));
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        if (path.equals("/") && method.equals(HttpMethod.GET)) {
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end(HELLO);
        } else if (path.equals("/sleep") && method.equals(HttpMethod.GET)) {
            vertx.executeBlocking(VertxServer::sleepTenMillis, false)
                    .onComplete(done -> request.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end(OK));
        } else if (path.equals("/echo") && method.equals(HttpMethod.POST)) {
            request.body().onSuccess(body -> request.response().putHeader(HttpHeaders.CONTENT_TYPE, OCTETS).end(body));
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private void echo(ServerWebSocket webSocket) {
        if (!webSocket.path().equals("/ws")) {
            webSocket.close((short) 1008);
            return;
        }
        webSocket.binaryMessageHandler(webSocket::writeBinaryMessage);
        webSocket.textMessageHandler(webSocket::writeTextMessage);
    }

    private static Void sleepTenMillis() throws InterruptedException {
        Thread.sleep(10);
        return null;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
