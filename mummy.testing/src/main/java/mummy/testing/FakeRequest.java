package mummy.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Parameters;
import mummy.api.Request;
import mummy.api.RequestHandler;
import mummy.api.ResponseInfo;
import mummy.api.ResponseStream;
import mummy.api.ServerSentEvent;
import mummy.api.WebSocket;
import mummy.api.WebSocketHandler;
import mummy.api.WebSocketOptions;

/**
 * A test fake of {@link Request}, for unit-testing a {@link RequestHandler} (a route's handler, or
 * a whole {@link mummy.api.Router}) without sockets: build the request, hand it to the handler,
 * then look at what the handler answered.
 *
 * <pre>{@code
 * FakeRequest request = FakeRequest.builder("POST", "/users").header("Content-Type", "text/plain").body("ann").build();
 * handler.handle(request);
 * assertEquals(201, request.status());
 * assertEquals("/users/1", request.responseHeader("Location"));
 * }</pre>
 *
 * <p>What is recorded: the final status ({@code 101} after a WebSocket upgrade) with its fields and
 * body; the interim (1xx) statuses; the file of {@link #respondFile(Path, HttpHeaders) respondFile}
 * (recorded as 200 with the extra fields: the fake neither reads the file nor evaluates
 * conditions and ranges); for {@link #respondStream respondStream} the bytes written so far and
 * the trailers; for {@link #respondEventStream()} the events and comments sent; for an upgrade its
 * options and the {@link FakeWebSocket} handed out. {@link #disconnect()} plays the client going
 * away, so a handler's {@code onClose} callbacks can be tested.
 *
 * <p>It checks what the server checks of the handler's calls: one final response (a second one
 * throws {@link IllegalStateException}), final statuses 200 to 999, interim ones 102 to 199. It
 * does not add what the server adds ({@code Date}, {@code Content-Length}, HEAD handling, the
 * 500 for a handler that never answers), and it does not check a WebSocket handshake.
 *
 * <p>Threading: any thread; a handler may answer from another thread, and
 * {@link #awaitResponse(Duration)} waits for that.
 *
 * <p>One file past the usual size because it is the whole of {@link Request} twice over (the side
 * the handler reads and the side the test reads), plus its {@link Builder}; the streams it hands
 * out are package-private classes of their own.
 */
public final class FakeRequest implements Request {

    /** The client address of a request that names none: {@code 127.0.0.1:40000}. */
    public static final InetSocketAddress DEFAULT_REMOTE_ADDRESS = new InetSocketAddress("127.0.0.1", 40000);

    private final String method;
    private final String target;
    private final String version;
    private final HttpHeaders headers;
    /** The buffered body, or null when the body is streamed. */
    private final byte[] body;
    private final InputStream bodyStream;
    private final boolean streamed;
    private final Parameters pathParams;
    private final InetSocketAddress remoteAddress;
    private final CountDownLatch answered = new CountDownLatch(1);
    private final List<Integer> informational = new ArrayList<>();
    private Runnable onRespond = () -> { };
    private int status;
    private HttpHeaders responseHeaders;
    private byte[] responseBody;
    private Path file;
    private RecordedStream stream;
    private RecordedEventStream eventStream;
    private WebSocketOptions upgradeOptions;
    private FakeWebSocket webSocket;
    private WebSocketHandler webSocketHandler;
    private ResponseInfo.Kind kind = ResponseInfo.Kind.NONE;
    private HttpHeaders.Builder addedHeaders;

    private FakeRequest(Builder builder) {
        this.method = builder.method;
        this.target = builder.target();
        this.version = builder.version;
        this.headers = builder.headers.build();
        this.streamed = builder.streamedBody != null;
        this.body = streamed ? null : builder.body;
        this.bodyStream = streamed ? builder.streamedBody : new ByteArrayInputStream(builder.body);
        this.pathParams = Parameters.of(builder.pathParams);
        this.remoteAddress = builder.remoteAddress;
    }

    /**
     * A request without fields or body, such as {@code FakeRequest.of("GET", "/users?page=2")}.
     *
     * @param method the method token, such as {@code GET}
     * @param target the request-target, path and query, as sent
     * @return the request
     */
    public static FakeRequest of(String method, String target) {
        return builder(method, target).build();
    }

    /**
     * A builder of a request; without further settings it has no fields, an empty buffered body,
     * no path parameters, version {@code HTTP/1.1} and {@link #DEFAULT_REMOTE_ADDRESS}.
     *
     * @param method the method token, such as {@code POST}
     * @param target the request-target, path and query, as sent (percent-encoded)
     * @return the builder
     */
    public static Builder builder(String method, String target) {
        return new Builder(method, target);
    }

    /**
     * Runs {@code action} on the answering thread right after the final response (or the upgrade)
     * is recorded, as a test's probe of what the handler does next.
     *
     * @param action what to run
     * @return this request
     */
    public FakeRequest onRespond(Runnable action) {
        synchronized (this) {
            this.onRespond = Objects.requireNonNull(action, "action");
        }
        return this;
    }

    // ---- what the handler answered

    /**
     * Waits until the handler answered (a final response or an upgrade), for a handler that
     * answers from another thread.
     *
     * @param timeout how long to wait at most
     * @return true if it answered in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitResponse(Duration timeout) throws InterruptedException {
        return answered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The final status sent: 101 after an upgrade, 0 before any answer.
     *
     * @return the status
     */
    public synchronized int status() {
        return status;
    }

    /**
     * The fields of the final response (the event stream's own {@code Content-Type} and
     * {@code Cache-Control} for {@link #respondEventStream()}; those of the options for an upgrade).
     *
     * @return the fields, or null before any answer
     */
    public synchronized HttpHeaders responseHeaders() {
        return responseHeaders;
    }

    /**
     * A field of the final response.
     *
     * @param name the field name, any case
     * @return its first value, or null if absent or before any answer
     */
    public synchronized String responseHeader(String name) {
        return responseHeaders == null ? null : responseHeaders.get(name);
    }

    /**
     * The body of the final response: the bytes given to {@code respond}, or all bytes written to
     * the response stream so far; empty for files, event streams and upgrades.
     *
     * @return a copy of the bytes, or null before any answer
     */
    public synchronized byte[] responseBody() {
        if (stream != null) {
            return stream.written();
        }
        return responseBody == null ? null : responseBody.clone();
    }

    /**
     * The {@link #responseBody()} decoded as UTF-8.
     *
     * @return the text, or null before any answer
     */
    public String responseText() {
        byte[] bytes = responseBody();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The interim statuses sent, in order.
     *
     * @return a copy of the list
     */
    public synchronized List<Integer> informational() {
        return List.copyOf(informational);
    }

    /**
     * The file of {@link #respondFile(Path, HttpHeaders) respondFile}.
     *
     * @return the file, or null if none was sent
     */
    public synchronized Path file() {
        return file;
    }

    /**
     * The trailers the handler closed its response stream with.
     *
     * @return the trailers, or null if there is no stream, it is still open, or the client went
     *         away first
     */
    public synchronized HttpHeaders trailers() {
        return stream == null ? null : stream.trailers();
    }

    /**
     * Whether a response stream or event stream was started and is still open.
     *
     * @return true while the handler may still write to it
     */
    public synchronized boolean isStreamOpen() {
        return stream != null ? stream.isOpen() : eventStream != null && eventStream.isOpen();
    }

    /**
     * The events sent on the event stream so far.
     *
     * @return a copy, in order; empty if there is no event stream
     */
    public synchronized List<ServerSentEvent> events() {
        return eventStream == null ? List.of() : eventStream.events();
    }

    /**
     * The comments sent on the event stream so far.
     *
     * @return a copy, in order; empty if there is no event stream
     */
    public synchronized List<String> comments() {
        return eventStream == null ? List.of() : eventStream.comments();
    }

    /**
     * The options of the WebSocket upgrade.
     *
     * @return the options, or null if the request was not upgraded
     */
    public synchronized WebSocketOptions upgradeOptions() {
        return upgradeOptions;
    }

    /**
     * The connection {@link #upgradeToWebSocket(WebSocketOptions) upgradeToWebSocket} returned.
     *
     * @return the fake connection, or null if the request was not upgraded
     */
    public synchronized FakeWebSocket webSocket() {
        return webSocket;
    }

    /**
     * Plays the client going away: an open response stream or event stream ends (its writes
     * return {@link mummy.api.SendResult#CLOSED}) and its {@code onClose} callbacks run, on this
     * thread.
     */
    public void disconnect() {
        RecordedStream bytes;
        RecordedEventStream events;
        synchronized (this) {
            bytes = stream;
            events = eventStream;
        }
        if (bytes != null) {
            bytes.disconnect();
        }
        if (events != null) {
            events.disconnect();
        }
    }

    // ---- Request: what the handler reads

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String path() {
        int query = target.indexOf('?');
        return Parameters.decode(target, 0, query < 0 ? target.length() : query, false);
    }

    @Override
    public String rawQuery() {
        int query = target.indexOf('?');
        return query < 0 ? "" : target.substring(query + 1);
    }

    @Override
    public Parameters queryParams() {
        return Parameters.parseUrlEncoded(rawQuery());
    }

    @Override
    public Parameters pathParams() {
        return pathParams;
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public byte[] body() {
        if (streamed) {
            throw new IllegalStateException("the body is streamed: read it with bodyStream()");
        }
        return body;
    }

    @Override
    public InputStream bodyStream() {
        return bodyStream;
    }

    @Override
    public boolean isBodyStreamed() {
        return streamed;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    // ---- Request: how the handler answers

    @Override
    public void respond(int status, HttpHeaders headers, byte[] body) {
        if (status < 200 || status > 999) {
            throw new IllegalArgumentException("a final status is 200 to 999, not " + status);
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        answer(status, headers, body, null, null, null, null);
    }

    @Override
    public void respondFile(Path file, HttpHeaders extraHeaders) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(extraHeaders, "extraHeaders");
        answer(200, extraHeaders, new byte[0], file, null, null, null);
    }

    @Override
    public void sendInformational(int status, HttpHeaders headers) {
        if (status < 102 || status > 199) {
            throw new IllegalArgumentException("an interim status here is 102 to 199, not " + status);
        }
        synchronized (this) {
            requireUnanswered();
            informational.add(status);
        }
    }

    @Override
    public synchronized boolean isResponded() {
        return status != 0;
    }

    @Override
    public ResponseStream respondStream(int status, HttpHeaders headers) {
        if (status < 200 || status > 999 || status == 204 || status == 304) {
            throw new IllegalArgumentException("a streamed response needs a final status that allows a body, not " + status);
        }
        RecordedStream recorded = new RecordedStream();
        answer(status, headers, new byte[0], null, recorded, null, null);
        return recorded;
    }

    @Override
    public EventStream respondEventStream() {
        RecordedEventStream recorded = new RecordedEventStream(headers.get("Last-Event-ID"));
        answer(200, HttpHeaders.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache"),
                new byte[0], null, null, recorded, null);
        return recorded;
    }

    @Override
    public WebSocket upgradeToWebSocket(WebSocketOptions options) {
        Objects.requireNonNull(options, "options");
        FakeWebSocket upgraded = new FakeWebSocket(path(), headers, chosenSubprotocol(options), remoteAddress);
        answer(101, options.responseHeaders(), new byte[0], null, null, null, options);
        synchronized (this) {
            webSocket = upgraded;
        }
        return upgraded;
    }

    /**
     * Records the upgrade as {@link #upgradeToWebSocket(WebSocketOptions)} does, and the handler
     * the connection's events would go to ({@link #webSocketHandler()}): a test delivers events
     * to it itself.
     */
    @Override
    public WebSocket upgradeToWebSocket(WebSocketHandler handler, WebSocketOptions options) {
        Objects.requireNonNull(handler, "handler");
        WebSocket upgraded = upgradeToWebSocket(options);
        synchronized (this) {
            webSocketHandler = handler;
        }
        return upgraded;
    }

    /**
     * The handler given to {@link #upgradeToWebSocket(WebSocketHandler, WebSocketOptions)}, as a
     * {@link mummy.api.Router.Builder#webSocket WebSocket route} gives it (wrapped so that its
     * {@code Open} event carries the path parameters).
     *
     * @return the handler, or null if none was given
     */
    public synchronized WebSocketHandler webSocketHandler() {
        return webSocketHandler;
    }

    /** Added after the fields of whichever answer follows, as the server does. */
    @Override
    public synchronized void addResponseHeader(String name, String value) {
        requireUnanswered();
        if (addedHeaders == null) {
            addedHeaders = HttpHeaders.builder();
        }
        addedHeaders.add(name, value);
    }

    @Override
    public synchronized ResponseInfo response() {
        if (status == 0) {
            return ResponseInfo.NONE;
        }
        long length = kind == ResponseInfo.Kind.BODY ? responseBody.length : -1;
        return new ResponseInfo(kind, status, length);
    }

    /** The first of the server's subprotocols that the request offers, as the server picks it. */
    private String chosenSubprotocol(WebSocketOptions options) {
        for (String offered : options.subprotocols()) {
            for (String value : headers.all("Sec-WebSocket-Protocol")) {
                for (String token : value.split(",")) {
                    if (token.strip().equals(offered)) {
                        return offered;
                    }
                }
            }
        }
        return null;
    }

    private void answer(int status, HttpHeaders headers, byte[] body, Path file, RecordedStream stream,
                        RecordedEventStream events, WebSocketOptions upgrade) {
        Runnable after;
        synchronized (this) {
            requireUnanswered();
            this.status = status;
            this.kind = upgrade != null ? ResponseInfo.Kind.WEBSOCKET : file != null ? ResponseInfo.Kind.FILE
                    : stream != null || events != null ? ResponseInfo.Kind.STREAM : ResponseInfo.Kind.BODY;
            this.responseHeaders = addedHeaders == null ? headers
                    : HttpHeaders.builder().addAll(headers).addAll(addedHeaders.build()).build();
            this.responseBody = body;
            this.file = file;
            this.stream = stream;
            this.eventStream = events;
            this.upgradeOptions = upgrade;
            after = onRespond;
        }
        answered.countDown();
        after.run();
    }

    private void requireUnanswered() {
        if (status != 0) {
            throw new IllegalStateException("already responded with " + status);
        }
    }

    @Override
    public String toString() {
        return method + " " + target;
    }

    /**
     * The settings of a {@link FakeRequest}, from {@link FakeRequest#builder(String, String)}.
     *
     * <p>Threading: not thread-safe; build on one thread.
     */
    public static final class Builder {

        private final String method;
        private final StringBuilder target;
        private final HttpHeaders.Builder headers = HttpHeaders.builder();
        private final java.util.LinkedHashMap<String, String> pathParams = new java.util.LinkedHashMap<>();
        private byte[] body = new byte[0];
        private InputStream streamedBody;
        private String version = "HTTP/1.1";
        private InetSocketAddress remoteAddress = DEFAULT_REMOTE_ADDRESS;

        private Builder(String method, String target) {
            this.method = Objects.requireNonNull(method, "method");
            this.target = new StringBuilder(Objects.requireNonNull(target, "target"));
        }

        /**
         * Adds a query parameter to the target, encoded as {@code application/x-www-form-urlencoded}.
         *
         * @param name the parameter name
         * @param value its value
         * @return this builder
         */
        public Builder query(String name, String value) {
            target.append(target.indexOf("?") < 0 ? '?' : '&')
                    .append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
            return this;
        }

        /**
         * Adds a header field (a name may be added more than once).
         *
         * @param name the field name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * Adds every field of {@code fields}, in order.
         *
         * @param fields the fields
         * @return this builder
         */
        public Builder headers(HttpHeaders fields) {
            headers.addAll(fields);
            return this;
        }

        /**
         * A buffered body; replaces a streamed one.
         *
         * @param bytes the body, not copied
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            this.body = Objects.requireNonNull(bytes, "bytes");
            this.streamedBody = null;
            return this;
        }

        /**
         * A buffered body of text, encoded as UTF-8; replaces a streamed one.
         *
         * @param text the body
         * @return this builder
         */
        public Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A streamed body, as on a streaming route ({@link RequestHandler#streamsBody}): the
         * handler reads it from {@link Request#bodyStream()}, and {@link Request#body()} throws.
         * A stream that throws {@link mummy.api.RequestBodyException} plays a malformed body or
         * a client that went away.
         *
         * @param stream the body
         * @return this builder
         */
        public Builder streamedBody(InputStream stream) {
            this.streamedBody = Objects.requireNonNull(stream, "stream");
            return this;
        }

        /**
         * A path parameter, as a router would give the route's handler ({@code @name} segments).
         * A request that goes through a real {@link mummy.api.Router} gets the router's instead.
         *
         * @param name the parameter name, without {@code @}
         * @param value its decoded value
         * @return this builder
         */
        public Builder pathParam(String name, String value) {
            pathParams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The protocol version. Default {@code HTTP/1.1}.
         *
         * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
         * @return this builder
         */
        public Builder version(String version) {
            if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
                throw new IllegalArgumentException("version is HTTP/1.1 or HTTP/1.0, not " + version);
            }
            this.version = version;
            return this;
        }

        /**
         * The client's address. Default {@link FakeRequest#DEFAULT_REMOTE_ADDRESS}.
         *
         * @param address the address
         * @return this builder
         */
        public Builder remoteAddress(InetSocketAddress address) {
            this.remoteAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Builds the request.
         *
         * @return a request no handler has answered yet
         */
        public FakeRequest build() {
            return new FakeRequest(this);
        }

        private String target() {
            return target.toString();
        }
    }
}
