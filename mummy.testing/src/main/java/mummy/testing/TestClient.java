package mummy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import mummy.api.HttpHeaders;

/**
 * An HTTP and WebSocket client for tests, bound to one server's base URI, such as
 * {@code http://127.0.0.1:8080}; {@link TestServer#client()} gives one for a server the test
 * started, {@link #create(URI)} one for any other (a child process, for instance), and
 * {@link #create(URI, SSLContext)} one for a server behind TLS, such as a reverse proxy in front of
 * Mummy.
 *
 * <pre>{@code
 * TestResponse response = client.request("PUT", "/notes/1", HttpHeaders.of("Content-Type", "text/plain"), bytes);
 * assertEquals(204, response.status());
 * }</pre>
 *
 * <p>It is built on the JDK's {@link HttpClient}, but its methods take and return the kit's own
 * types and mummy.api's {@link HttpHeaders}, so a test that uses them needs no access to module
 * {@code java.net.http}. Only {@link #httpClient()} hands out a {@code java.net.http} type: a test
 * inside a named module that uses it must read that module (see the package notes).
 *
 * <p>Every request and every WebSocket wait is bounded by {@link #TIMEOUT}. Failures are
 * unchecked: an {@link UncheckedIOException} (a timeout is one around an
 * {@link java.net.http.HttpTimeoutException}; an interrupt one around an
 * {@link InterruptedIOException}, with the thread's interrupt status set again). The JDK's
 * client refuses to set {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Host}
 * and {@code Upgrade} ({@link IllegalArgumentException}): it frames requests itself. Paths are
 * sent as given, so they must be percent-encoded already.
 *
 * <p>Threading: any thread, also several at once.
 */
public final class TestClient implements AutoCloseable {

    /** The longest any request, connect, send or receive of the kit waits: 10 s. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUri;
    private final HttpClient client;

    private TestClient(URI baseUri, SSLContext sslContext) {
        String base = baseUri.toString();
        this.baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        this.client = sslContext == null
                ? builder.version(HttpClient.Version.HTTP_1_1).build()
                : builder.version(HttpClient.Version.HTTP_2).sslContext(sslContext).build();
    }

    /**
     * A client of the server at {@code baseUri}.
     *
     * @param baseUri {@code http://host:port}, without a path
     * @return the client; close it when done
     */
    public static TestClient create(URI baseUri) {
        checkBase(baseUri, "http");
        return new TestClient(baseUri, null);
    }

    /**
     * A client of the server at {@code baseUri} over TLS, trusting what {@code sslContext} trusts
     * (such as a test's self-signed certificate). Requests go over HTTP/2 when the server offers
     * it by ALPN (RFC 9113 3.2), else over HTTP/1.1; WebSockets always upgrade over HTTP/1.1
     * (RFC 6455 4.1), as the JDK's client does.
     *
     * @param baseUri {@code https://host:port}, without a path; the certificate must name the host
     * @param sslContext the TLS context whose trust managers check the server's certificate
     * @return the client; close it when done
     */
    public static TestClient create(URI baseUri, SSLContext sslContext) {
        checkBase(baseUri, "https");
        return new TestClient(baseUri, Objects.requireNonNull(sslContext, "sslContext"));
    }

    private static void checkBase(URI baseUri, String scheme) {
        if (!scheme.equals(baseUri.getScheme()) || baseUri.getRawPath() != null && !baseUri.getRawPath().isEmpty()
                && !baseUri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("a base URI is " + scheme + "://host:port, not " + baseUri);
        }
    }

    /**
     * A client of the server listening on 127.0.0.1 at {@code port}.
     *
     * @param port the server's port
     * @return the client; close it when done
     */
    public static TestClient create(int port) {
        return create(URI.create("http://127.0.0.1:" + port));
    }

    /**
     * The server's base URI.
     *
     * @return such as {@code http://127.0.0.1:8080} or {@code https://127.0.0.1:8443}
     */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * The URI of a path on the server.
     *
     * @param path an origin-form target starting with {@code /}, percent-encoded, with any query
     * @return the URI
     */
    public URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /: " + path);
        }
        return URI.create(baseUri + path);
    }

    /**
     * {@code GET path}.
     *
     * @param path the target, such as {@code /users?page=2}
     * @return the response
     */
    public TestResponse get(String path) {
        return request("GET", path, HttpHeaders.empty(), null);
    }

    /**
     * {@code GET path} with request fields.
     *
     * @param path the target
     * @param headers the request fields
     * @return the response
     */
    public TestResponse get(String path, HttpHeaders headers) {
        return request("GET", path, headers, null);
    }

    /**
     * {@code POST path} with a {@code text/plain; charset=utf-8} body.
     *
     * @param path the target
     * @param body the body text
     * @return the response
     */
    public TestResponse post(String path, String body) {
        return request("POST", path, HttpHeaders.of("Content-Type", "text/plain; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code POST path} with request fields and a body.
     *
     * @param path the target
     * @param headers the request fields, such as {@code Content-Type}
     * @param body the body bytes
     * @return the response
     */
    public TestResponse post(String path, HttpHeaders headers, byte[] body) {
        return request("POST", path, headers, Objects.requireNonNull(body, "body"));
    }

    /**
     * Any request, its whole response body read.
     *
     * @param method the method token, such as {@code PATCH} or {@code HEAD}
     * @param path the target
     * @param headers the request fields
     * @param body the body, sent with {@code Content-Length}; null for none (then GET, HEAD and
     *             the like have no {@code Content-Length}, and POST and PUT {@code Content-Length: 0})
     * @return the response
     */
    public TestResponse request(String method, String path, HttpHeaders headers, byte[] body) {
        HttpResponse<byte[]> response = send(build(method, path, headers, body), HttpResponse.BodyHandlers.ofByteArray());
        return new TestResponse(response.statusCode(), toHeaders(response.headers()), response.body());
    }

    /**
     * Any request whose response body is read as it arrives, such as an event stream or another
     * response that does not end. Returns once the response's head is in.
     *
     * @param method the method token
     * @param path the target
     * @param headers the request fields, such as {@code Last-Event-ID}
     * @param body the body; null for none
     * @return the open response; close it when done
     */
    public TestStream stream(String method, String path, HttpHeaders headers, byte[] body) {
        HttpResponse<InputStream> response = send(build(method, path, headers, body), HttpResponse.BodyHandlers.ofInputStream());
        return new TestStream(response.statusCode(), toHeaders(response.headers()), response.body());
    }

    /**
     * Opens a WebSocket to {@code path}.
     *
     * @param path the target, such as {@code /chat}
     * @return the open connection; close it when done
     * @throws UncheckedIOException if the handshake fails (its message names the status the
     *                              server answered)
     */
    public TestWebSocket webSocket(String path) {
        return webSocket(path, HttpHeaders.empty());
    }

    /**
     * Opens a WebSocket to {@code path} with extra request fields and the subprotocols offered.
     *
     * @param path the target
     * @param headers extra fields of the upgrade request (not the {@code Sec-WebSocket-*} ones)
     * @param subprotocols the subprotocols offered, most preferred first
     * @return the open connection; close it when done
     * @throws UncheckedIOException if the handshake fails
     */
    public TestWebSocket webSocket(String path, HttpHeaders headers, String... subprotocols) {
        URI uri = URI.create("ws" + uri(path).toString().substring("http".length()));
        return TestWebSocket.connect(client, uri, headers, List.of(subprotocols));
    }

    /**
     * The JDK client underneath (HTTP/1.1, or HTTP/2 over TLS; connect timeout {@link #TIMEOUT}),
     * for what the kit's methods do not offer. Its types belong to module {@code java.net.http}: a test compiled
     * into a named module that uses them needs {@code --add-reads <module>=java.net.http} (and at
     * compile time {@code --add-modules java.net.http}), as the package notes show.
     *
     * @return the client, closed by {@link #close()}
     */
    public HttpClient httpClient() {
        return client;
    }

    /**
     * Stops the client at once: requests, streams and WebSockets still open are aborted. Waits
     * up to {@link #TIMEOUT} for the client's threads to end.
     */
    @Override
    public void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest build(String method, String path, HttpHeaders headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (HttpHeaders.Field field : headers) {
            request.header(field.name(), field.value());
        }
        return request.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            throw interrupted(request.method() + " " + request.uri());
        }
    }

    /**
     * Sets the interrupt status again and says what was interrupted.
     *
     * @param what what was waited for
     * @return the exception to throw
     */
    static UncheckedIOException interrupted(String what) {
        Thread.currentThread().interrupt();
        return new UncheckedIOException(new InterruptedIOException("interrupted while waiting for " + what));
    }

    /**
     * The JDK client's response fields as mummy.api's, without HTTP/2's pseudo-header fields
     * ({@code :status}, RFC 9113 8.3), which the JDK's client lists among them.
     *
     * @param headers the JDK's fields
     * @return the same fields, grouped by name
     */
    static HttpHeaders toHeaders(java.net.http.HttpHeaders headers) {
        HttpHeaders.Builder fields = HttpHeaders.builder();
        headers.map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(value -> fields.add(name, value));
            }
        });
        return fields.build();
    }

    @Override
    public String toString() {
        return "TestClient[" + baseUri + "]";
    }
}
