package mummy.io.internal.loop;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import mummy.api.HttpHeaders;
import mummy.api.MalformedJsonException;
import mummy.api.Parameters;
import mummy.api.Request;
import mummy.api.ErrorResponder;
import mummy.api.EventStream;
import mummy.api.RequestBodyException;
import mummy.api.RequestHandler;
import mummy.api.ResponseInfo;
import mummy.api.ResponseStream;
import mummy.api.WebSocket;
import mummy.api.WebSocketHandler;
import mummy.api.WebSocketOptions;
import mummy.api.internal.ErrorBodies;
import mummy.api.spi.JsonCodec;
import mummy.io.internal.ffi.SocketAddresses;
import mummy.io.internal.http.ParsedRequest;
import mummy.io.internal.http.ResponseEncoder;
import mummy.io.internal.jfr.HttpRequestEvent;
import mummy.io.internal.jfr.Jfr;
import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.ws.PerMessageDeflate;
import mummy.io.internal.ws.WsHandshake;

/**
 * One request and its answer: the {@link Request} a handler sees, and the task that runs the
 * handler on a worker.
 *
 * <p>One unit, past the usual size: every answer a handler can give ({@code respond},
 * {@code respondFile}, streams, 1xx, the upgrade) claims the same final slot of one request.
 *
 * <p>Threading: created by the IO thread, run by a worker. It never touches the connection; all
 * it has of the loop is a {@link WorkerPort}. {@code respond} encodes the response on the calling
 * thread and offers the bytes, tagged with the request's {@link ResponseSlot}, to the IO thread's
 * queue. {@code respond} may be called from any thread; every final answer (a response, a file, a
 * stream, an upgrade) is claimed by {@link #claimFinal()}, a CAS, so exactly one wins.
 * {@code respondFile} opens the file here and hands its descriptor to the IO thread with the head
 * ({@link FileResponder}). A task that starts after the loop stopped (the grace period ended
 * with it still queued) does not run the handler: its connection is gone.
 */
final class HttpExchange implements Request, Runnable, LoopRequestBody.ExchangeChannel {

    private static final System.Logger LOG = System.getLogger("mummy.io");

    private final WorkerPort port;
    private final WakeupQueue<IoCommand> queue;
    private final RequestHandler handler;
    private final ResponseSlot slot;
    private final ParsedRequest request;
    private final byte[] remoteSockaddr;
    private final AtomicBoolean responded = new AtomicBoolean();
    /** The streamed body, or null when the body is buffered in {@code request}. */
    private final LoopRequestBody streamedBody;
    /** When the head was parsed: the loop's clock at the start of that turn ({@link System#nanoTime()}). */
    private final long startNanos;
    // Written by the thread that claimed the final answer, before offering it; read by the IO thread
    // after taking it from the queue (the queue orders the two: see ResponseSlot).
    private int answeredStatus;
    private long answeredBytes;
    private ResponseInfo.Kind answeredKind = ResponseInfo.Kind.NONE;
    /**
     * Fields filters add to whatever final answer goes out ({@link #addResponseHeader}); null until
     * one is added. Filled and read by the thread that answers, before the answer is claimed.
     */
    private HttpHeaders.Builder addedHeaders;
    /** The request's {@code mummy.HttpRequest} event, begun on the IO thread; null when disabled. */
    private final HttpRequestEvent jfr;
    /** The template of the route that matched, told by the router ({@link #routeMatched}); null for none. */
    private volatile String route;
    // NOTE: written by the IO thread only (a volatile per piece of body, not per byte); read at the answer.
    private volatile long streamedBytes;
    // NOTE: benign races: computed at most a few times, each result equal and immutable.
    private Parameters queryParams;
    private InputStream bufferedBodyStream;

    /**
     * An exchange for a parsed request.
     *
     * @param port what the exchange may use of its loop
     * @param fd the connection's file descriptor
     * @param generation the connection's generation
     * @param sequence the request's number on its connection
     * @param request the parsed request
     * @param remoteSockaddr the client's address, as the kernel gave it
     * @param streamed whether the parser streams this request's body: it then goes to
     *                 {@link #streamedBody()}, which the IO thread feeds
     * @param startNanos the loop's clock when the head was parsed (its turn's start), for the metrics
     */
    HttpExchange(WorkerPort port, int fd, long generation, int sequence, ParsedRequest request, byte[] remoteSockaddr,
                 boolean streamed, long startNanos) {
        this.port = port;
        this.queue = port.queue();
        this.handler = port.config().handler();
        this.slot = new ResponseSlot(fd, generation, sequence, this);
        this.request = request;
        this.remoteSockaddr = remoteSockaddr;
        this.streamedBody = streamed ? new LoopRequestBody(this, request.expectContinue()) : null;
        this.startNanos = startNanos;
        this.jfr = Jfr.beginHttpRequest();
    }

    @Override
    public void routeMatched(String template) {
        this.route = template;
    }

    @Override
    public void bodyArrived(int bytes) {
        streamedBytes += bytes; // NOTE: one writer, the IO thread
        port.metrics().uploaded(bytes);
    }

    /**
     * IO thread: counts the request as its final answer arrives (the whole response, a file's head,
     * a stream's end, a 101), in the loop's series, with the duration from its head's turn to this
     * one's. The duration is as fine as a turn of the loop (microseconds under load), enough for
     * buckets that start at 5 ms, and costs no clock read per request.
     *
     * @param http the loop's series
     * @param nowNanos the loop's clock at the start of this turn
     */
    void meter(HttpMetrics http, long nowNanos) {
        long requestBytes = streamedBody != null ? streamedBytes : request.body().length;
        http.record(request.method(), request.minorVersion(), route, answeredStatus,
                Math.max(0, nowNanos - startNanos), requestBytes, answeredBytes);
    }

    /**
     * Notes the final answer for the metrics ({@link #meter}, on the IO thread) and ends the JFR
     * event. Called once, by the thread that claimed the answer, after the claim and before the
     * answer is offered to the IO thread.
     *
     * @param kind how it was answered, for {@link #response()}
     * @param status the final status
     * @param responseBytes the body's length (0 for streams and 101s)
     */
    private void answered(ResponseInfo.Kind kind, int status, long responseBytes) {
        answeredKind = kind;
        answeredStatus = status;
        answeredBytes = responseBytes;
        if (jfr != null) {
            long requestBytes = streamedBody != null ? streamedBytes : request.body().length;
            String template = route;
            jfr.end();
            if (jfr.shouldCommit()) {
                jfr.method = request.method();
                jfr.route = template == null ? "" : template;
                jfr.status = status;
                jfr.requestBytes = requestBytes;
                jfr.responseBytes = responseBytes;
                jfr.commit();
            }
        }
    }

    /**
     * A streamed response ended with {@code bodyBytes} written: the size its metrics report when
     * its end reaches the IO thread. Called once, by the thread that closes the stream, before
     * the end is offered (the queue orders the two, as for {@link #answered}).
     *
     * @param bodyBytes the body bytes the handler wrote, before chunk framing
     */
    void streamEnded(long bodyBytes) {
        answeredBytes = bodyBytes;
    }

    /** {@return the streamed body the IO thread feeds, or null when the body is buffered} */
    LoopRequestBody streamedBody() {
        return streamedBody;
    }

    @Override
    public void sendContinue() {
        if (!isResponded()) {
            // RFC 9110 10.1.1: the interim 100 goes out in its request's turn, before the final answer
            queue.offer(IoCommand.Send.interim(slot, ConnectionIo.CONTINUE));
        }
    }

    @Override
    public void resume(LoopRequestBody body) {
        queue.offer(new IoCommand.BodyResume(slot.fd(), slot.generation(), body));
    }

    /**
     * Runs the handler; answers 500 when it throws or returns without responding. Once the loop
     * has stopped, the connection is closed: the handler does not run, and nothing is answered.
     */
    @Override
    public void run() {
        if (port.stopped()) {
            LOG.log(System.Logger.Level.DEBUG, "handler.skipped: {0}: the server stopped before it ran", describe());
            return;
        }
        try {
            handler.handle(this);
        } catch (Throwable error) {
            RequestBodyException bodyError = bodyError(error);
            if (bodyError != null) {
                // The client's fault (or departure), not the handler's: answer with the status it deserves.
                LOG.log(System.Logger.Level.DEBUG, "handler.body_failed: {0}: {1}", describe(), bodyError.getMessage());
                if (!isResponded()) {
                    respondQuietly(bodyError.status() == 0 ? 400 : bodyError.status(), bodyError.getMessage());
                }
                return;
            }
            if (error instanceof MalformedJsonException json) {
                // The client's fault too: bodyAs read a body that is not the JSON asked for.
                LOG.log(System.Logger.Level.DEBUG, "handler.json_malformed: {0}: {1}", describe(), json.getMessage());
                if (!isResponded()) {
                    respondQuietly(json.status(), json.getMessage());
                }
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "handler.failed: " + describe() + " threw", error);
            if (!isResponded()) {
                respondInternalError();
            }
            return;
        }
        if (!isResponded()) {
            LOG.log(System.Logger.Level.WARNING, "handler.no_response: " + describe()
                    + " returned without responding; sent 500");
            respondInternalError();
        }
    }

    private void respondInternalError() {
        respondQuietly(500, "Internal Server Error");
    }

    private void respondQuietly(int status, String message) {
        try {
            respondError(status, message);
        } catch (IllegalStateException raced) {
            // NOTE: another thread of the handler's responded meanwhile; its response stands.
        }
    }

    /** The {@link RequestBodyException} that caused {@code error}, if one did (a few levels deep). */
    private static RequestBodyException bodyError(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof RequestBodyException body) {
                return body;
            }
        }
        return null;
    }

    private String describe() {
        return request.method() + " " + request.target() + " (fd " + slot.fd() + ", request " + slot.sequence() + ")";
    }

    @Override
    public void respond(int status, HttpHeaders headers, byte[] body) {
        ResponseEncoder.Encoded encoded = ResponseEncoder.encodeFinal(status, withAdded(headers), body, requestInfo());
        claimFinal();
        answered(ResponseInfo.Kind.BODY, status, body.length); // before the offer: the IO thread reads what it notes
        queue.offer(IoCommand.Send.finalResponse(slot, encoded.bytes(), encoded.close()));
    }

    /** With the body the server's {@link mummy.api.ErrorResponder} builds, plain text without one. */
    @Override
    public void respondError(int status, HttpHeaders headers, String detail) {
        ErrorResponder.Body body = ErrorBodies.render(port.config().errorResponder(), status, detail);
        respond(status, ErrorBodies.headers(status, headers, body.contentType()), body.content());
    }

    @Override
    public void respondFile(Path file, HttpHeaders extraHeaders) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(extraHeaders, "extraHeaders");
        FileResponder.checkExtraHeaders(extraHeaders);
        FileResponder.Answer answer = FileResponder.prepare(request.method(), request.headers(), requestInfo(), file,
                withAdded(extraHeaders));
        try {
            claimFinal();
        } catch (IllegalStateException alreadySent) {
            answer.discard();
            throw alreadySent;
        }
        ResponseEncoder.Encoded head = answer.head();
        answered(ResponseInfo.Kind.FILE, answer.status(), answer.bodyLength());
        queue.offer(answer.body() == null ? IoCommand.Send.finalResponse(slot, head.bytes(), head.close())
                : IoCommand.Send.fileResponse(slot, head.bytes(), head.close(), answer.body()));
        if (answer.body() != null && port.stopped()) {
            answer.discard(); // the IO thread ended and may not have seen the offer (see IoLoop.discardLateSends)
        }
    }

    @Override
    public void sendInformational(int status, HttpHeaders headers) {
        if (status < 102 || status > 199) {
            throw new IllegalArgumentException("not an interim status the handler may send (102-199): " + status);
        }
        if (isResponded()) {
            throw alreadySent(); // an interim response comes before the final one, never after
        }
        if (request.minorVersion() == 0) {
            return; // RFC 9110 15.2: no 1xx to an HTTP/1.0 client
        }
        queue.offer(IoCommand.Send.interim(slot, ResponseEncoder.encodeInterim(status, headers)));
    }

    @Override
    public ResponseStream respondStream(int status, HttpHeaders headers) {
        return startStream(status, headers, false);
    }

    @Override
    public EventStream respondEventStream() {
        HttpHeaders headers = HttpHeaders.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache");
        return new LoopEventStream(startStream(200, headers, true), request.headers().get("Last-Event-ID"));
    }

    /**
     * Starts a streamed response. To HEAD, the head is the whole answer (RFC 9110 9.3.2): it goes
     * out as a final response, and the stream returned is already ended (writes report
     * {@link mummy.api.SendResult#CLOSED}, onClose callbacks run at once).
     */
    private LoopResponseStream startStream(int status, HttpHeaders headers, boolean heartbeat) {
        long length = declaredLength(headers);
        ResponseEncoder.StreamFraming framing = length >= 0 ? ResponseEncoder.StreamFraming.FIXED
                : request.minorVersion() == 0 ? ResponseEncoder.StreamFraming.UNTIL_CLOSE
                : ResponseEncoder.StreamFraming.CHUNKED;
        ResponseEncoder.Encoded head = ResponseEncoder.encodeStreamHead(status, withAdded(headers), framing,
                requestInfo());
        LoopResponseStream stream = new LoopResponseStream(port, slot, framing, length, head.close(), heartbeat);
        claimFinal();
        answered(ResponseInfo.Kind.STREAM, status, 0);
        if (request.method().equals("HEAD")) {
            stream.endAtHead();
            queue.offer(IoCommand.Send.finalResponse(slot, head.bytes(), head.close()));
            return stream;
        }
        stream.outstanding.addAndGet(head.bytes().length);
        queue.offer(IoCommand.Send.streamHead(slot, head.bytes(), stream));
        return stream;
    }

    /**
     * The handler's {@code Content-Length}, or -1 when it declared none. RFC 9110 8.6:
     * {@code Content-Length = 1*DIGIT}, and one field only.
     *
     * @throws IllegalArgumentException if it is given twice or is not a length
     */
    private static long declaredLength(HttpHeaders headers) {
        List<String> declared = headers.all("Content-Length");
        if (declared.isEmpty()) {
            return -1;
        }
        if (declared.size() > 1) {
            throw new IllegalArgumentException("Content-Length given more than once: " + declared);
        }
        String value = declared.getFirst();
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Content-Length is not a length (RFC 9110 8.6: digits only): "
                    + value);
        }
        return Long.parseLong(value);
    }

    /**
     * Claims the request's one final answer.
     *
     * @throws IllegalStateException if a final answer was claimed already
     */
    private void claimFinal() {
        if (!responded.compareAndSet(false, true)) {
            throw alreadySent();
        }
    }

    private IllegalStateException alreadySent() {
        return new IllegalStateException("a final response was already sent for " + describe());
    }

    private ResponseEncoder.RequestInfo requestInfo() {
        // A streamed body that has not arrived whole when the answer is encoded is dropped, and
        // the connection closes after the answer (the rest of the body would be read as requests).
        boolean bodyComplete = streamedBody == null || streamedBody.ended();
        return new ResponseEncoder.RequestInfo(request.method().equals("HEAD"),
                request.keepAlive() && !port.draining() && bodyComplete,
                request.minorVersion() == 0, request.headers().get("Accept-Encoding"));
    }

    @Override
    public WebSocket upgradeToWebSocket(WebSocketOptions options) {
        return upgradeTo(port.webSockets().handler(), options);
    }

    @Override
    public WebSocket upgradeToWebSocket(WebSocketHandler handler, WebSocketOptions options) {
        return upgradeTo(Objects.requireNonNull(handler, "handler"), options);
    }

    @Override
    public void addResponseHeader(String name, String value) {
        if (isResponded()) {
            throw new IllegalStateException("addResponseHeader(" + name + "): the final response of " + describe()
                    + " was already sent");
        }
        HttpHeaders.Builder added = addedHeaders;
        if (added == null) {
            added = HttpHeaders.builder();
            addedHeaders = added;
        }
        added.add(name, value); // the encoder refuses framing fields when the answer is encoded
    }

    /** {@code headers} followed by the fields filters added, if any. */
    private HttpHeaders withAdded(HttpHeaders headers) {
        HttpHeaders.Builder added = addedHeaders;
        return added == null ? headers : HttpHeaders.builder().addAll(headers).addAll(added.build()).build();
    }

    @Override
    public ResponseInfo response() {
        if (!isResponded()) {
            return ResponseInfo.NONE;
        }
        ResponseInfo.Kind kind = answeredKind;
        boolean lengthKnown = kind == ResponseInfo.Kind.BODY || kind == ResponseInfo.Kind.FILE;
        return new ResponseInfo(kind, answeredStatus, lengthKnown ? answeredBytes : -1);
    }

    private WebSocket upgradeTo(WebSocketHandler handler, WebSocketOptions options) {
        Objects.requireNonNull(options, "options");
        WebSocketSettings settings = port.webSockets();
        if (handler == null) {
            // The server's configuration, not the client's fault; but the client gets a clear answer.
            LOG.log(System.Logger.Level.WARNING, "websocket.no_handler: " + describe() + " asked for an upgrade and"
                    + " the server has no WebSocket handler: route it with Router.Builder.webSocket(pattern, handler)"
                    + " or set Server.builder().webSocketHandler(...); answered 404");
            respondError(404, "No WebSocket endpoint at " + request.path());
            return LoopWebSocket.refused(request.path(), request.headers(), remoteSockaddr);
        }
        // The native state of compression is bounded too: past the sessions allowed, decline it.
        boolean compress = settings.deflate() && port.deflateSessions().tryAcquire();
        WsHandshake.Outcome outcome = WsHandshake.evaluate(request.method(), request.minorVersion(), request.headers(),
                options.subprotocols(), compress);
        if (compress && !(outcome instanceof WsHandshake.Outcome.Accept accept && accept.deflate() != null)) {
            port.deflateSessions().release(); // not negotiated after all
        }
        return switch (outcome) {
            case WsHandshake.Outcome.Reject reject -> {
                respondError(reject.status(), reject.responseHeaders(), reject.message());
                yield LoopWebSocket.refused(request.path(), request.headers(), remoteSockaddr);
            }
            case WsHandshake.Outcome.Accept accept -> accept(accept, options, handler);
        };
    }

    private LoopWebSocket accept(WsHandshake.Outcome.Accept accept, WebSocketOptions options,
                                 WebSocketHandler handler) {
        HttpHeaders headers = withAdded(HttpHeaders.builder().addAll(accept.responseHeaders())
                .addAll(options.responseHeaders()).build());
        byte[] switching = ResponseEncoder.encodeInterim(101, headers);
        PerMessageDeflate deflate = accept.deflate() == null ? null
                : new PerMessageDeflate(accept.deflate(), port.deflateSessions()::release);
        LoopWebSocket webSocket = new LoopWebSocket(port, slot.fd(), slot.generation(), request.path(),
                request.headers(), remoteSockaddr, accept.subprotocol(), deflate, handler);
        try {
            claimFinal();
        } catch (IllegalStateException alreadySent) {
            if (deflate != null) {
                deflate.close(); // zlib's native memory: this WebSocket never opens
            }
            throw alreadySent;
        }
        webSocket.outstanding.addAndGet(switching.length);
        answered(ResponseInfo.Kind.WEBSOCKET, 101, 0);
        queue.offer(IoCommand.Send.upgradeTo(slot, switching, webSocket));
        return webSocket;
    }

    @Override
    public boolean isResponded() {
        return responded.get();
    }

    /** The server's codec when it was given one, else the one found on the module path. */
    @Override
    public JsonCodec jsonCodec() {
        JsonCodec codec = port.config().jsonCodec();
        return codec != null ? codec : Request.super.jsonCodec();
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String target() {
        return request.target();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public String rawQuery() {
        return request.rawQuery();
    }

    @Override
    public Parameters queryParams() {
        Parameters params = queryParams;
        if (params == null) {
            params = Parameters.parseUrlEncoded(request.rawQuery());
            queryParams = params;
        }
        return params;
    }

    @Override
    public Parameters pathParams() {
        return Parameters.empty();
    }

    @Override
    public HttpHeaders headers() {
        return request.headers();
    }

    @Override
    public byte[] body() {
        if (streamedBody != null) {
            throw new IllegalStateException("the body of " + describe() + " is streamed: read it with bodyStream()");
        }
        return request.body();
    }

    @Override
    public InputStream bodyStream() {
        if (streamedBody != null) {
            return streamedBody;
        }
        InputStream stream = bufferedBodyStream;
        if (stream == null) {
            stream = new ByteArrayInputStream(request.body());
            bufferedBodyStream = stream;
        }
        return stream;
    }

    @Override
    public boolean isBodyStreamed() {
        return streamedBody != null;
    }

    @Override
    public String version() {
        return request.version();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return SocketAddresses.decode(MemorySegment.ofArray(remoteSockaddr));
    }

    @Override
    public String toString() {
        return "Request[" + describe() + "]";
    }
}
