package mummy.io.internal.loop;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import mummy.api.HttpHeaders;
import mummy.api.Parameters;
import mummy.api.Request;
import mummy.api.EventStream;
import mummy.api.RequestBodyException;
import mummy.api.RequestHandler;
import mummy.api.ResponseStream;
import mummy.api.WebSocket;
import mummy.api.WebSocketOptions;
import mummy.io.internal.ffi.SocketAddresses;
import mummy.io.internal.http.ParsedRequest;
import mummy.io.internal.http.ResponseEncoder;
import mummy.io.internal.ws.PerMessageDeflate;
import mummy.io.internal.ws.WsHandshake;

/**
 * One request and its answer: the {@link Request} a handler sees, and the task that runs the
 * handler on a worker.
 *
 * <p>Threading: created by the IO thread, run by a worker. It never touches the connection:
 * {@code respond} encodes the response on the calling thread and offers the bytes, tagged with
 * the connection's fd, generation and the request's sequence number, to the IO thread's queue.
 * {@code respond} may be called from any thread; the final response is claimed with a CAS, so
 * exactly one wins. {@code respondFile} opens the file here and hands its descriptor to the IO
 * thread with the head ({@link FileResponder}).
 */
final class HttpExchange implements Request, Runnable, LoopRequestBody.ExchangeChannel {

    private static final System.Logger LOG = System.getLogger("mummy.io");

    private final IoLoop loop;
    private final WakeupQueue<IoCommand> queue;
    private final RequestHandler handler;
    private final int fd;
    private final long generation;
    private final int sequence;
    private final ParsedRequest request;
    private final byte[] remoteSockaddr;
    private final AtomicBoolean responded = new AtomicBoolean();
    /** The streamed body, or null when the body is buffered in {@code request}. */
    private final LoopRequestBody streamedBody;
    // NOTE: benign races: computed at most a few times, each result equal and immutable.
    private Parameters queryParams;
    private InputStream bufferedBodyStream;

    /**
     * An exchange for a parsed request.
     *
     * @param streamed whether the parser streams this request's body: it then goes to
     *                 {@link #streamedBody()}, which the IO thread feeds
     */
    HttpExchange(IoLoop loop, int fd, long generation, int sequence, ParsedRequest request, byte[] remoteSockaddr,
                 boolean streamed) {
        this.loop = loop;
        this.queue = loop.queue;
        this.handler = loop.config.handler();
        this.fd = fd;
        this.generation = generation;
        this.sequence = sequence;
        this.request = request;
        this.remoteSockaddr = remoteSockaddr;
        this.streamedBody = streamed ? new LoopRequestBody(this, request.expectContinue()) : null;
    }

    /** The streamed body the IO thread feeds, or null when the body is buffered. */
    LoopRequestBody streamedBody() {
        return streamedBody;
    }

    @Override
    public void sendContinue() {
        if (!isResponded()) {
            // RFC 9110 10.1.1: the interim 100 goes out in its request's turn, before the final answer
            queue.offer(new IoCommand.Send(fd, generation, sequence, ConnectionIo.CONTINUE, false, false, null, null));
        }
    }

    @Override
    public void resume(LoopRequestBody body) {
        queue.offer(new IoCommand.BodyResume(fd, generation, body));
    }

    /** Runs the handler; answers 500 when it throws or returns without responding. */
    @Override
    public void run() {
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
            respond(status, message);
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
        return request.method() + " " + request.target() + " (fd " + fd + ", request " + sequence + ")";
    }

    @Override
    public void respond(int status, HttpHeaders headers, byte[] body) {
        ResponseEncoder.Encoded encoded = ResponseEncoder.encodeFinal(status, headers, body, requestInfo());
        if (!responded.compareAndSet(false, true)) {
            throw new IllegalStateException("a final response was already sent for " + describe());
        }
        queue.offer(new IoCommand.Send(fd, generation, sequence, encoded.bytes(), true, encoded.close(), null, null));
    }

    @Override
    public void respondFile(Path file, HttpHeaders extraHeaders) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(extraHeaders, "extraHeaders");
        FileResponder.checkExtraHeaders(extraHeaders);
        if (isResponded()) {
            throw new IllegalStateException("a final response was already sent for " + describe());
        }
        FileResponder.Answer answer = FileResponder.prepare(request.method(), request.headers(), requestInfo(), file,
                extraHeaders);
        if (!responded.compareAndSet(false, true)) {
            answer.discard();
            throw new IllegalStateException("a final response was already sent for " + describe());
        }
        queue.offer(new IoCommand.Send(fd, generation, sequence, answer.head().bytes(), true, answer.head().close(),
                null, null, answer.body()));
        if (answer.body() != null && loop.stopped()) {
            answer.discard(); // the IO thread ended and may not have seen the offer (see IoLoop.discardLateSends)
        }
    }

    @Override
    public void sendInformational(int status, HttpHeaders headers) {
        if (status < 102 || status > 199) {
            throw new IllegalArgumentException("not an interim status the handler may send (102-199): " + status);
        }
        if (isResponded()) {
            throw new IllegalStateException("the final response was already sent for " + describe());
        }
        if (request.minorVersion() == 0) {
            return; // RFC 9110 15.2: no 1xx to an HTTP/1.0 client
        }
        queue.offer(new IoCommand.Send(fd, generation, sequence, ResponseEncoder.encodeInterim(status, headers),
                false, false, null, null));
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

    private LoopResponseStream startStream(int status, HttpHeaders headers, boolean heartbeat) {
        String declared = headers.get("Content-Length");
        ResponseEncoder.StreamFraming framing = declared != null ? ResponseEncoder.StreamFraming.FIXED
                : request.minorVersion() == 0 ? ResponseEncoder.StreamFraming.UNTIL_CLOSE
                : ResponseEncoder.StreamFraming.CHUNKED;
        long length = declared == null ? -1 : parseLength(declared);
        ResponseEncoder.Encoded head = ResponseEncoder.encodeStreamHead(status, headers, framing, requestInfo());
        LoopResponseStream stream = new LoopResponseStream(loop, fd, generation, sequence, framing, length,
                head.close(), heartbeat);
        if (!responded.compareAndSet(false, true)) {
            throw new IllegalStateException("a final response was already sent for " + describe());
        }
        stream.outstanding.addAndGet(head.bytes().length);
        queue.offer(new IoCommand.Send(fd, generation, sequence, head.bytes(), false, false, null, stream));
        if (request.method().equals("HEAD")) {
            stream.close(); // RFC 9110 9.3.2: the head only
        }
        return stream;
    }

    private static long parseLength(String declared) {
        try {
            long length = Long.parseLong(declared);
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Content-Length is not a length: " + declared);
    }

    private ResponseEncoder.RequestInfo requestInfo() {
        // A streamed body that has not arrived whole when the answer is encoded is dropped, and
        // the connection closes after the answer (the rest of the body would be read as requests).
        boolean bodyComplete = streamedBody == null || streamedBody.ended();
        return new ResponseEncoder.RequestInfo(request.method().equals("HEAD"),
                request.keepAlive() && !loop.draining() && bodyComplete,
                request.minorVersion() == 0, request.headers().get("Accept-Encoding"));
    }

    @Override
    public WebSocket upgradeToWebSocket(WebSocketOptions options) {
        WebSocketSettings settings = loop.config.webSockets();
        if (settings.handler() == null) {
            throw new IllegalStateException("upgradeToWebSocket() needs a WebSocket handler: set one with"
                    + " Server.builder().webSocketHandler(...)");
        }
        if (isResponded()) {
            throw new IllegalStateException("a final response was already sent for " + describe());
        }
        WsHandshake.Outcome outcome = WsHandshake.evaluate(request.method(), request.minorVersion(), request.headers(),
                options.subprotocols(), settings.deflate());
        return switch (outcome) {
            case WsHandshake.Outcome.Reject reject -> {
                respond(reject.status(), HttpHeaders.builder().addAll(reject.responseHeaders())
                        .add("Content-Type", "text/plain; charset=utf-8").build(), reject.message());
                yield LoopWebSocket.refused(request.path(), request.headers(), remoteSockaddr);
            }
            case WsHandshake.Outcome.Accept accept -> accept(accept, options);
        };
    }

    private LoopWebSocket accept(WsHandshake.Outcome.Accept accept, WebSocketOptions options) {
        HttpHeaders headers = HttpHeaders.builder().addAll(accept.responseHeaders())
                .addAll(options.responseHeaders()).build();
        byte[] switching = ResponseEncoder.encodeInterim(101, headers);
        PerMessageDeflate deflate = accept.deflate() == null ? null : new PerMessageDeflate(accept.deflate());
        LoopWebSocket webSocket = new LoopWebSocket(loop, fd, generation, request.path(), request.headers(),
                remoteSockaddr, accept.subprotocol(), deflate);
        if (!responded.compareAndSet(false, true)) {
            throw new IllegalStateException("a final response was already sent for " + describe());
        }
        webSocket.outstanding.addAndGet(switching.length);
        queue.offer(new IoCommand.Send(fd, generation, sequence, switching, true, false, webSocket, null));
        return webSocket;
    }

    @Override
    public boolean isResponded() {
        return responded.get();
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
