package mummy.io.internal.loop;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import mummy.io.ServerMetrics;
import mummy.io.internal.http.HttpParseException;
import mummy.io.internal.http.HttpRequestParser;
import mummy.io.internal.http.ParsedRequest;
import mummy.io.internal.http.ResponseEncoder;

/**
 * A connection speaking HTTP/1.1 (RFC 9112): parses every request already buffered, dispatches
 * each to the scheduler (several per read when pipelined), releases the answers in request order,
 * feeds a streamed body to its reader, and hands the connection to a {@link WebSocketMode} once
 * a 101 is queued.
 *
 * <p>Parsing goes on while the connection is {@link Connection.State#OPEN}, no upgrade is
 * pending, fewer than {@code maxPipelinedRequests} answers are in flight, and the memory budget
 * allows it: the connection's answers in flight and queued output stay within
 * {@link BufferLimits#perConnection()} (else it resumes once writes drain them), and the loop's
 * total is not exhausted (else it waits on the {@link Budget}'s list). A streamed body goes on
 * arriving whatever the rest says, as long as its reader keeps up ({@link BodyIntake}).
 *
 * <p>Buffers: the parser's body of the request being received, admitted against the budget when
 * its head is parsed (a {@code Content-Length} or each chunk's size; 503 when it does not fit);
 * {@code wsEarly}, frames a worker sent on the WebSocket this connection is becoming before its
 * 101 was queued (bounded by the sender's cut-off, counted here); and the {@link ResponseOrder}.
 *
 * <p>Threading: IO thread only.
 */
final class Http1Mode implements Mode, ResponseOrder.Release {

    private static final System.Logger LOG = System.getLogger("mummy.io");

    private final Connection connection;
    private final ConnectionIo io;
    private final HttpRequestParser parser;
    private final ResponseOrder order = new ResponseOrder();
    private final BodyIntake intake = new BodyIntake();
    private final int maxPipelinedRequests;
    private final int maxCarry;
    /** Body bytes admitted for the request being parsed (counted in the budget until it is answered). */
    private long admittedBody;
    /** 100 Continue was sent for the request being received. */
    private boolean continueSent;
    /** The sequence of a request asking to upgrade, in flight: nothing after it is parsed; -1 when none. */
    private int upgradeSequence = -1;
    /** The WebSocket whose 101 was released just now: the connection switches once the release is over. */
    private LoopWebSocket upgradedTo;
    /** Frames sent before the 101 was queued; they follow it. Null when none. */
    private ArrayDeque<IoCommand.WsFrame> wsEarly;
    private long wsEarlyBytes;
    /** The streamed response being written (its head is queued, its last piece not yet), else null. */
    private LoopResponseStream activeStream;

    Http1Mode(Connection connection, ConnectionIo io) {
        this.connection = connection;
        this.io = io;
        LoopConfig config = io.config();
        this.parser = new HttpRequestParser(config.limits(), io.streamsBody(), config.maxStreamedBodyLength(),
                this::admitBody);
        this.maxPipelinedRequests = config.maxPipelinedRequests();
        var limits = config.limits();
        // The parser bounds what it leaves unconsumed; this is only a backstop against a parser fault.
        this.maxCarry = limits.maxRequestLineLength() + limits.maxHeadersLength() + limits.maxChunkLineLength()
                + ConnectionIo.READ_BUFFER_SIZE;
    }

    // ------------------------------------------------------------------ reading and parsing

    @Override
    public boolean canRead() {
        if (intake.active()) {
            return !intake.paused();
        }
        return !connection.draining() && upgradeSequence < 0 && order.inFlight() < maxPipelinedRequests
                && budgetAllows();
    }

    /**
     * Whether memory allows parsing more: the connection's own answers and output within its
     * limit, and the loop's total not exhausted (or this connection adding nothing that waits: a
     * fresh request read from the shared buffer, or an admitted body arriving).
     */
    private boolean budgetAllows() {
        Budget budget = io.budget();
        if (budget.full(order.heldBytes() + connection.out.heldBytes())) {
            return false; // resumed when writes drain the output (ConnectionIo.afterOutput)
        }
        if (!budget.exhausted() || admittedBody > 0
                || (connection.carry == null && order.inFlight() == 0 && connection.out.isEmpty())) {
            return true;
        }
        budget.defer(connection);
        return false;
    }

    /** The parser's admission of buffered body bytes: whether they fit in the budget. */
    private boolean admitBody(long bytes) {
        if (!io.budget().fits(connection, bytes)) {
            return false;
        }
        admittedBody += bytes;
        return true;
    }

    @Override
    public void process(byte[] buffer, int end) {
        int position = 0;
        while (position < end && canRead()) {
            ParsedRequest request;
            try {
                request = parser.parse(buffer, position, end);
            } catch (HttpParseException e) {
                parseFailed(e);
                position = end;
                break;
            }
            position += parser.consumed();
            intake.check();
            if (request == null) {
                offerContinue();
                break;
            }
            continueSent = false;
            dispatch(request);
        }
        if (connection.draining() && !intake.active() && position < end) {
            connection.lingerOnClose = true; // the client sent more than we will read
            position = end;
        }
        connection.keep(buffer, position, end);
        if (connection.carryLength > maxCarry) {
            refuse(431, "Request Header Fields Too Large");
            connection.dropCarry();
        }
    }

    /**
     * The parser refused the bytes: a streamed body still arriving fails (its handler answers);
     * anything else, also a request that follows a streamed body that ended in the same bytes,
     * is answered with the parser's status, after the answers in flight.
     */
    private void parseFailed(HttpParseException e) {
        admittedBody = 0;
        if (!intake.finished()) {
            failBody(e.status(), e.getMessage());
        } else {
            intake.check();
            refuse(e.status(), e.getMessage());
        }
    }

    private void offerContinue() {
        if (parser.awaitingContinue() && !continueSent) {
            continueSent = true;
            // RFC 9110 10.1.1: the interim 100 goes out in its request's turn, after earlier responses.
            accept(IoCommand.Send.interim(new ResponseSlot(connection.fd, connection.generation, order.peekNext()),
                    ConnectionIo.CONTINUE));
        }
    }

    private void dispatch(ParsedRequest request) {
        int sequence = order.next(admittedBody);
        admittedBody = 0;
        if (!request.keepAlive()) {
            io.drain(connection);
        }
        if (request.headers().contains("Upgrade")) {
            // RFC 9110 7.8: if the handler switches protocols, the bytes after this request are
            // not HTTP. Parse nothing more until its answer is known.
            upgradeSequence = sequence;
        }
        boolean streamed = parser.streamingBody();
        HttpExchange exchange = io.exchange(connection, sequence, request, streamed);
        if (streamed) {
            parser.bodySink(exchange.streamedBody());
            intake.start(exchange.streamedBody(), sequence);
        }
        // NOTE: handed over at once, not batched per turn like WebSocket events (IoLoop.submit):
        // measured, batching cost pipelined requests 13-26 % while plaintext stayed the same.
        io.metrics().dispatched(); // before the handler can run and answer: the active gauge never dips below 0
        try {
            io.execute(exchange);
        } catch (RejectedExecutionException e) {
            io.metrics().answered(); // never runs: the 503 below is its answer
            if (streamed) {
                failBody(503, "the server is shutting down");
            }
            io.drain(connection);
            respondNow(sequence, 503, "Service Unavailable: the server is shutting down");
        }
    }

    /** Answers a request the parser refused; the connection closes after the answer (framing is lost). */
    private void refuse(int status, String message) {
        LOG.log(System.Logger.Level.DEBUG, "request.refused: fd {0}: {1} {2}", connection.fd, status, message);
        connection.because(status == 413 || status == 414 || status == 431 || status == 503
                ? ServerMetrics.CloseReason.LIMIT : ServerMetrics.CloseReason.PROTOCOL_ERROR); // 408: set by expired
        connection.lingerOnClose = true;
        io.drain(connection);
        respondNow(order.next(0), status, message);
    }

    private void respondNow(int sequence, int status, String message) {
        byte[] bytes = ResponseEncoder.encodeError(status, message, true, io.config().errorResponder());
        if (io.metrics().on) { // refused by the server itself: no method it trusts, no route, no handler time
            io.http().record("", 1, "", status, 0, 0, message.length() + 1L);
        }
        accept(IoCommand.Send.finalResponse(new ResponseSlot(connection.fd, connection.generation, sequence), bytes, true));
    }

    /**
     * A streamed body cannot complete ({@code status} 0: nobody to answer): its reader gets a
     * {@link mummy.api.RequestBodyException}, the handler answers, and the connection closes
     * (lingering) after that; nothing after the body is parsed.
     */
    private void failBody(int status, String message) {
        intake.fail(status, message);
        stopAfterBody();
    }

    private void stopAfterBody() {
        connection.lingerOnClose = true;
        io.drain(connection);
    }

    /** The reader of a streamed body caught up: whether reading resumes. */
    boolean onBodyResume(LoopRequestBody body) {
        return intake.resume(body);
    }

    // ------------------------------------------------------------------ answers

    /** A worker's answer (or a piece of it) for one of this connection's requests. */
    void onSend(IoCommand.Send send) {
        if (send.last() && intake.activeFor(send.sequence())) {
            // Answered before its streamed body arrived whole: drop the rest and close after the answer.
            intake.abandon();
            stopAfterBody();
        }
        accept(send);
    }

    private void accept(IoCommand.Send send) {
        if (order.accept(send, this)) {
            io.markDirty(connection);
        }
        LoopWebSocket webSocket = upgradedTo;
        if (webSocket != null) {
            upgradedTo = null;
            ArrayDeque<IoCommand.WsFrame> early = wsEarly;
            wsEarly = null;
            wsEarlyBytes = 0;
            io.switchToWebSocket(connection, webSocket, early);
        }
    }

    @Override
    public void release(IoCommand.Send send) {
        connection.out.add(send.bytes());
        if (send.file() != null) {
            connection.out.addFile(send.file());
        }
        if (send.stream() != null) {
            activeStream = send.stream();
            io.metrics().streamOpened();
        }
        if (!send.last()) {
            return;
        }
        if (activeStream != null) {
            activeStream = null;
            io.metrics().streamEnded(false);
        }
        if (send.upgrade() != null) {
            upgradedTo = send.upgrade();
        } else if (send.sequence() == upgradeSequence) {
            upgradeSequence = -1; // answered without upgrading: parse on as HTTP
        }
        if (send.close()) {
            io.drain(connection);
        }
    }

    /** A frame for the WebSocket this connection may become: kept until its 101 is queued, else dropped. */
    void onFrame(IoCommand.WsFrame frame) {
        if (upgradeSequence < 0) {
            frame.webSocket().written(frame.bytes().length);
            return;
        }
        if (wsEarly == null) {
            wsEarly = new ArrayDeque<>();
        }
        wsEarly.add(frame);
        wsEarlyBytes += frame.bytes().length;
    }

    @Override
    public void written(long count) {
        if (activeStream != null) {
            activeStream.written(count);
        }
    }

    /** Whether a hang-up ends the connection at once: a stream's client left (prompt disconnect detection). */
    boolean streaming() {
        return activeStream != null;
    }

    // ------------------------------------------------------------------ life

    @Override
    public void endOfInput() {
        if (intake.active()) {
            failBody(400, "the client closed its side before the end of the request body");
        }
    }

    /**
     * WRITE aside (the connection's): HEARTBEAT on an event stream, none while the handler is
     * behind a streamed body or answers are in flight, IDLE between requests, BODY while a body
     * arrives (renewed by reads), HEADER while a head arrives (never renewed, so a client sending
     * one byte a second is still cut off).
     */
    @Override
    public Deadlines.Kind timer() {
        if (activeStream != null) {
            return activeStream.heartbeat && io.heartbeats() ? Deadlines.Kind.HEARTBEAT : null;
        }
        if (intake.active()) {
            return intake.paused() ? null : Deadlines.Kind.BODY; // paused: the handler is behind, not the client
        }
        if (order.inFlight() > 0 || connection.draining()) {
            return null;
        }
        if (parser.idle()) {
            return Deadlines.Kind.IDLE;
        }
        return parser.readingBody() ? Deadlines.Kind.BODY : Deadlines.Kind.HEADER;
    }

    @Override
    public void expired(Deadlines.Kind kind, long now) {
        switch (kind) {
            case HEADER, BODY -> {
                LOG.log(System.Logger.Level.DEBUG, "connection.timeout: fd {0}: {1}", connection.fd, kind);
                connection.because(kind == Deadlines.Kind.HEADER ? ServerMetrics.CloseReason.HEADER_TIMEOUT
                        : ServerMetrics.CloseReason.BODY_TIMEOUT);
                if (intake.active()) {
                    failBody(408, "Request Timeout: the request body stopped arriving");
                } else {
                    admittedBody = 0;
                    refuse(408, "Request Timeout");
                }
            }
            case IDLE -> io.close(connection, ServerMetrics.CloseReason.IDLE_TIMEOUT, "timeout IDLE");
            case HEARTBEAT -> heartbeat();
            default -> throw new IllegalStateException("an HTTP connection does not wait under " + kind);
        }
    }

    private void heartbeat() {
        LoopResponseStream stream = activeStream;
        if (stream != null && stream.isOpen()) {
            byte[] piece = stream.heartbeatPiece();
            stream.outstanding.addAndGet(piece.length);
            connection.out.add(piece);
            io.markDirty(connection);
        }
    }

    @Override
    public boolean quiet() {
        return order.inFlight() == 0;
    }

    @Override
    public long heldBytes() {
        return order.heldBytes() + admittedBody + wsEarlyBytes;
    }

    @Override
    public void shutdown() {
        io.drain(connection);
    }

    @Override
    public void closed() {
        if (intake.active()) {
            intake.fail(0, "the client closed the connection before the end of the request body");
        }
        if (activeStream != null) {
            activeStream.clientGone();
            activeStream = null;
            io.metrics().streamEnded(true);
        }
        order.discardWaiting();
        if (wsEarly != null) {
            wsEarly.forEach(frame -> frame.webSocket().written(frame.bytes().length));
            wsEarly = null;
        }
        admittedBody = 0;
        wsEarlyBytes = 0;
    }
}
