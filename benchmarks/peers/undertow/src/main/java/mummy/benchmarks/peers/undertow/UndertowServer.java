package mummy.benchmarks.peers.undertow;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import mummy.benchmarks.dbcommon.DbSettings;
import mummy.benchmarks.dbcommon.Fortune;
import mummy.benchmarks.dbcommon.JdbcDatabase;
import mummy.benchmarks.dbcommon.World;
import org.xnio.Pooled;

/**
 * EchoServer's endpoints on Undertow 2.3's core API, as its documentation shows: handlers run on
 * the IO threads, and the one that blocks ({@code GET /sleep}) is {@code dispatch}ed to the XNIO
 * worker pool (Undertow's defaults: two IO threads per core, at least two, and eight workers per IO
 * thread). {@code POST /echo} reads its body with the non-blocking receiver; {@code /ws} is the
 * {@code websocket} handler echoing whole messages.
 *
 * <p>With {@code --db-url URL} ({@link DbSettings}) it also serves {@code GET /db} and
 * {@code GET /fortunes}: plain JDBC ({@link JdbcDatabase}), {@code dispatch}ed to the worker pool
 * like {@code /sleep}, the blocking call Undertow's documentation has there.
 *
 * <p>Arguments: {@code --port N} (0 = ephemeral), {@code --host H} (default 127.0.0.1),
 * {@code --db-url URL}, {@code --db-pool N}. Prints
 * {@code listening on HOST:PORT} when ready; stops on SIGTERM.
 */
public final class UndertowServer {

    private static final ByteBuffer HELLO = ByteBuffer.wrap("Hello, World!".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    private static final ByteBuffer OK = ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    /** The database, or null when the server has none; set once before the server starts. */
    private static JdbcDatabase database;

    private UndertowServer() {
    }

    /**
     * Starts the server.
     *
     * @param args {@code [--port N] [--host H]}
     */
    public static void main(String[] args) {
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "8080"));
        DbSettings settings = DbSettings.parse(args);
        database = settings.enabled() ? JdbcDatabase.open(settings) : null;
        HttpHandler routes = Handlers.path(UndertowServer::handle)
                .addExactPath("/ws", Handlers.websocket(UndertowServer::onConnect));
        Undertow server = Undertow.builder()
                .addHttpListener(port, host)
                .setHandler(routes)
                .build();
        server.start();
        int bound = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.stop();
            if (database != null) {
                database.close();
            }
        }));
        System.out.println("listening on " + host + ":" + bound);
        System.out.flush();
    }

    private static void handle(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        boolean get = exchange.getRequestMethod().equals(Methods.GET);
        if (path.equals("/") && get) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
            exchange.getResponseSender().send(HELLO.duplicate());
        } else if (path.equals("/sleep") && get) {
            exchange.dispatch(() -> {
                sleepTenMillis();
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                exchange.getResponseSender().send(OK.duplicate());
            });
        } else if (database != null && path.equals("/db") && get) {
            exchange.dispatch(() -> queried(exchange, World.CONTENT_TYPE, () -> database.randomWorld().json()));
        } else if (database != null && path.equals("/fortunes") && get) {
            exchange.dispatch(() -> queried(exchange, Fortune.CONTENT_TYPE, database::fortunesPage));
        } else if (path.equals("/echo") && exchange.getRequestMethod().equals(Methods.POST)) {
            exchange.getRequestReceiver().receiveFullBytes((done, body) -> {
                done.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
                done.getResponseSender().send(ByteBuffer.wrap(body));
            });
        } else {
            exchange.setStatusCode(404).endExchange();
        }
    }

    private interface Query {
        byte[] run() throws Exception;
    }

    /** On a worker thread: runs {@code query} and sends its body, or a 500 if it failed. */
    private static void queried(HttpServerExchange exchange, String type, Query query) {
        byte[] body;
        try {
            body = query.run();
        } catch (Exception e) {
            System.err.println("query failed: " + e);
            exchange.setStatusCode(500).endExchange();
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        channel.getReceiveSetter().set(new AbstractReceiveListener() {
            @Override
            protected void onFullTextMessage(WebSocketChannel socket, BufferedTextMessage message) {
                WebSockets.sendText(message.getData(), socket, null);
            }

            @Override
            @SuppressWarnings("deprecation") // BufferedBinaryMessage hands out XNIO's deprecated Pooled
            protected void onFullBinaryMessage(WebSocketChannel socket, BufferedBinaryMessage message) {
                // The pooled buffers go back once the echo is written.
                Pooled<ByteBuffer[]> data = message.getData();
                WebSockets.sendBinary(data.getResource(), socket, new WebSocketCallback<Void>() {
                    @Override
                    public void complete(WebSocketChannel sent, Void context) {
                        data.free();
                    }

                    @Override
                    public void onError(WebSocketChannel failed, Void context, Throwable error) {
                        data.free();
                    }
                });
            }
        });
        channel.resumeReceives();
    }

    private static void sleepTenMillis() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
