package mummy.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import mummy.api.HttpHeaders;
import mummy.api.RequestHandler;
import mummy.api.WebSocketHandler;
import mummy.io.Server;

/**
 * A real {@link Server} for a test, listening on 127.0.0.1 at a free port, with a
 * {@link TestClient} of its own.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start(router)) {
 *     TestResponse response = server.get("/hello");
 *     assertEquals(200, response.status());
 *     assertEquals("Hello, World!", response.text());
 * }
 * }</pre>
 *
 * <p>{@link #start(RequestHandler) start} returns once the server listens, so the first request
 * can go out at once. The scheduler is the one {@link mummy.io.Schedulers} picks (so a scheduler
 * module must be on the test's module path), unless the customiser of
 * {@link #startWith(Consumer)} names one. {@link #close()} first stops the client (aborting what it
 * still has open), then closes the server gracefully and waits until it has stopped: afterwards
 * the port refuses connections.
 *
 * <p>Threading: any thread; the request methods, also from several threads at once.
 */
public final class TestServer implements AutoCloseable {

    private final Server server;
    private final TestClient client;

    private TestServer(Server server) {
        this.server = server;
        this.client = TestClient.create(server.port());
    }

    /**
     * Starts a server for {@code handler}, with the server's defaults otherwise.
     *
     * @param handler the handler of every request, such as a {@link mummy.api.Router}
     * @return the listening server; close it when done
     */
    public static TestServer start(RequestHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return startWith(builder -> builder.handler(handler));
    }

    /**
     * Starts a server for {@code handler} whose WebSocket events go to {@code webSocketHandler}.
     *
     * @param handler the handler of every request; it upgrades with
     *                {@link mummy.api.Request#upgradeToWebSocket()}
     * @param webSocketHandler the handler of every WebSocket's events
     * @return the listening server; close it when done
     */
    public static TestServer start(RequestHandler handler, WebSocketHandler webSocketHandler) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(webSocketHandler, "webSocketHandler");
        return startWith(builder -> builder.handler(handler).webSocketHandler(webSocketHandler));
    }

    /**
     * Starts a server with any settings, such as
     * {@code TestServer.startWith(b -> b.handler(router).scheduler("virtual").maxBodyLength(1024))}.
     *
     * @param settings sets at least {@link Server.Builder#handler handler} on a fresh builder
     * @return the listening server; close it when done
     * @throws IllegalStateException if the settings set no handler
     * @throws IllegalArgumentException if they name a scheduler that is not present
     */
    public static TestServer startWith(Consumer<Server.Builder> settings) {
        Server.Builder builder = Server.builder();
        settings.accept(builder);
        Server server = builder.build();
        try {
            server.start(new InetSocketAddress("127.0.0.1", 0));
            return new TestServer(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The server itself, for {@link Server#schedulerName()}, {@link Server#openConnections()} and
     * the like.
     *
     * @return the running server
     */
    public Server server() {
        return server;
    }

    /**
     * The port listened on.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return server.port();
    }

    /**
     * The base URI of the server.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI baseUri() {
        return client.baseUri();
    }

    /**
     * The URI of a path on the server.
     *
     * @param path an origin-form target starting with {@code /}
     * @return the URI
     */
    public URI uri(String path) {
        return client.uri(path);
    }

    /**
     * The server's client, closed with the server.
     *
     * @return the client
     */
    public TestClient client() {
        return client;
    }

    /**
     * {@code GET path} through {@link #client()}.
     *
     * @param path the target
     * @return the response
     * @see TestClient#get(String)
     */
    public TestResponse get(String path) {
        return client.get(path);
    }

    /**
     * {@code POST path} with a {@code text/plain; charset=utf-8} body, through {@link #client()}.
     *
     * @param path the target
     * @param body the body text
     * @return the response
     * @see TestClient#post(String, String)
     */
    public TestResponse post(String path, String body) {
        return client.post(path, body);
    }

    /**
     * Any request through {@link #client()}.
     *
     * @param method the method token
     * @param path the target
     * @param headers the request fields
     * @param body the body; null for none
     * @return the response
     * @see TestClient#request(String, String, HttpHeaders, byte[])
     */
    public TestResponse request(String method, String path, HttpHeaders headers, byte[] body) {
        return client.request(method, path, headers, body);
    }

    /**
     * Opens a WebSocket to {@code path} through {@link #client()}.
     *
     * @param path the target
     * @return the open connection
     * @see TestClient#webSocket(String)
     */
    public TestWebSocket webSocket(String path) {
        return client.webSocket(path);
    }

    /**
     * Stops the client, then closes the server and waits until it has stopped (requests in
     * flight get the server's grace period, {@link Server.Builder#shutdownGracePeriod}).
     */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "TestServer[" + baseUri() + "]";
    }
}
