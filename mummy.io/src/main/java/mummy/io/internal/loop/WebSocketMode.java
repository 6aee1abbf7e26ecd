package mummy.io.internal.loop;

import mummy.api.WebSocketEvent;
import mummy.io.ServerMetrics;
import mummy.io.internal.jfr.Jfr;
import mummy.io.internal.jfr.WebSocketSessionEvent;
import mummy.io.internal.ws.CloseCodes;
import mummy.io.internal.ws.Frame;
import mummy.io.internal.ws.Opcode;
import mummy.io.internal.ws.WsFrameEncoder;
import mummy.io.internal.ws.WsFrameReader;
import mummy.io.internal.ws.WsInbound;
import mummy.io.internal.ws.WsMessageAssembler;
import mummy.io.internal.ws.WsProtocolException;

/**
 * A connection speaking WebSocket (RFC 6455) after its 101: reads frames into messages for the
 * mailbox, answers pings, runs the closing handshake, and queues the frames workers send.
 *
 * <pre>
 *            worker's Close                      peer's Close
 *   OPEN -----------------------&gt; CLOSE_SENT -----------------&gt; DONE (close TCP once written)
 *     |  \---peer's Close: echo it--------------------------------^
 *     |                                                           |
 *     +--protocol error--&gt; FAILING --handler reached the error,---+
 *                          (read no more)   its Close is queued
 * </pre>
 *
 * <p>When the peer's Close arrives we echo it (unless ours went first), post {@code Close} and
 * close TCP once our frame is written: the server closes first. When we close first, we wait for
 * the peer's Close up to the close timeout. A protocol error stops reading and sends Close with
 * its code (1002, 1007, 1009) once the handler has handled the messages received before it, then
 * posts {@code Error} and {@code Close}. A connection that ends without a Close frame posts
 * {@code Close(1006)}.
 *
 * <p>Memory: inbound events wait in the mailbox, counted with a fixed cost each; past the inbound
 * limit reading pauses until the handler catches up ({@link IoCommand.WsResume}). Outbound frames
 * wait in the connection's output; past {@link BufferLimits#perConnection()} reading pauses (the
 * peer is not reading what we send, so its pings go unanswered too) until writes drain it, and
 * while more than the high-water mark is queued, pings get no pong (RFC 6455 5.5.3 allows
 * answering only the latest).
 *
 * <p>Threading: IO thread only.
 */
final class WebSocketMode implements Mode {

    /** Where the closing handshake stands. */
    enum Handshake {
        /** Messages flow both ways. */
        OPEN,
        /** Our Close frame is queued; we read until the peer's Close or the close timeout. */
        CLOSE_SENT,
        /** The peer broke the protocol: nothing more is read; our Close waits for the handler. */
        FAILING,
        /** Both Close frames are through (or ours follows a failure): TCP closes once written. */
        DONE
    }

    private final Connection connection;
    private final ConnectionIo io;
    final LoopWebSocket webSocket;
    private final WsFrameReader reader;
    private final WsMessageAssembler assembler;
    private final long highWaterMark;
    private Handshake handshake = Handshake.OPEN;
    /** The Close event was posted to the mailbox: nothing more is. */
    private boolean closeEventPosted;
    /** We sent a ping and no pong has come back yet. */
    private boolean awaitingPong;
    /** Inbound events pile up in the mailbox: reading is paused until the handler catches up. */
    private boolean inputPaused;
    /** The close code of the Close event posted (1006 until one is). */
    private int closeCode = CloseCodes.ABNORMAL;
    /** This session's figures, for its JFR event. */
    private long messagesIn;
    private long messagesOut;
    private long bytesIn;
    private long bytesOut;
    /** The session's {@code mummy.WebSocketSession} event, or null when the event is disabled. */
    private final WebSocketSessionEvent session = Jfr.beginWebSocketSession();

    WebSocketMode(Connection connection, ConnectionIo io, LoopWebSocket webSocket) {
        this.connection = connection;
        this.io = io;
        this.webSocket = webSocket;
        WebSocketSettings settings = io.config().webSockets();
        boolean deflate = webSocket.deflate() != null;
        this.reader = new WsFrameReader(settings.maxMessageLength(), deflate);
        this.assembler = new WsMessageAssembler(settings.maxMessageLength(), webSocket.deflate());
        this.highWaterMark = settings.highWaterMark();
    }

    /** The connection opened: the handler hears of it first. */
    void open() {
        webSocket.mailbox.post(new WebSocketEvent.Open(mummy.api.Parameters.empty(), webSocket.requestHeaders()));
    }

    @Override
    public boolean canRead() {
        if (inputPaused || handshake == Handshake.FAILING || handshake == Handshake.DONE) {
            return false;
        }
        Budget budget = io.budget();
        if (budget.full(connection.out.heldBytes())) {
            return false; // resumed when writes drain the output (ConnectionIo.afterOutput)
        }
        if (budget.exhausted()) {
            budget.defer(connection);
            return false;
        }
        return true;
    }

    @Override
    public void process(byte[] buffer, int end) {
        int position = 0;
        while (position < end && reading() && !connection.closed()) {
            try {
                Frame frame = reader.read(buffer, position, end);
                position += reader.consumed();
                if (frame == null) {
                    assembler.checkPartial(reader); // UTF-8 fails fast inside a frame
                    break;
                }
                WsInbound inbound = assembler.accept(frame);
                if (inbound != null) {
                    onInbound(inbound);
                }
            } catch (WsProtocolException e) {
                fail(e.closeCode(), e.getMessage());
                position = end;
            }
        }
        if (!reading() || connection.closed()) {
            position = end;
        }
        connection.keep(buffer, position, end);
        if (!connection.closed() && webSocket.mailbox.overLimit()) {
            if (!inputPaused) {
                io.metrics().webSocketInputPaused();
            }
            inputPaused = true;
        }
    }

    private boolean reading() {
        return handshake == Handshake.OPEN || handshake == Handshake.CLOSE_SENT;
    }

    private void onInbound(WsInbound inbound) {
        switch (inbound) {
            case WsInbound.Text text -> {
                received(text.utf8().length);
                webSocket.mailbox.post(WebSocketEvent.Message.text(text.utf8()));
            }
            case WsInbound.Binary binary -> {
                received(binary.data().length);
                webSocket.mailbox.post(WebSocketEvent.Message.binary(binary.data()));
            }
            case WsInbound.Ping ping -> {
                // RFC 6455 5.5.2: answer with a Pong carrying the same payload, unless ours is out
                // or the peer is not reading what we send (5.5.3: only the latest needs an answer)
                if (handshake == Handshake.OPEN && webSocket.bufferedBytes() <= highWaterMark) {
                    queueOwn(WsFrameEncoder.encode(Opcode.PONG, true, false, ping.payload(), 0,
                            ping.payload().length));
                }
            }
            case WsInbound.Pong pong -> awaitingPong = false;
            case WsInbound.Close close -> onPeerClose(close.code(), close.reason());
        }
    }

    private void received(int bytes) {
        messagesIn++;
        bytesIn += bytes;
        io.metrics().webSocketMessageIn(bytes);
    }

    private void onPeerClose(int code, String reason) {
        webSocket.markClosing();
        if (handshake == Handshake.OPEN) { // RFC 6455 5.5.1: echo the status code
            queueOwn(code == CloseCodes.NO_STATUS ? WsFrameEncoder.close() : WsFrameEncoder.close(code, ""));
        }
        handshake = Handshake.DONE;
        postClose(code, reason);
        io.drain(connection);
    }

    /**
     * The peer broke the protocol: read no further, Close with the matching code, then close TCP.
     * While the connection is open, the Close frame goes through the mailbox, so that it follows
     * the handler's replies to the messages received before the violation; once it is queued,
     * {@link #onFrame} closes TCP as after any Close of ours whose answer we do not wait for. A
     * handler that takes longer than the close timeout gets the connection closed without it.
     */
    private void fail(int code, String reason) {
        connection.lingerOnClose = true;
        connection.because(code == CloseCodes.MESSAGE_TOO_BIG ? ServerMetrics.CloseReason.LIMIT
                : ServerMetrics.CloseReason.PROTOCOL_ERROR);
        WebSocketEvent.Error error = new WebSocketEvent.Error("protocol error " + code + ": " + reason, null);
        if (handshake == Handshake.OPEN && !closeEventPosted) {
            handshake = Handshake.FAILING;
            closeEventPosted = true;
            closeCode = code;
            webSocket.mailbox.postFailure(WsFrameEncoder.close(code, reason), error,
                    new WebSocketEvent.Close(code, reason));
            io.markDirty(connection); // retime: the CLOSE timeout
            return;
        }
        handshake = Handshake.DONE; // our Close went first: the handshake was under way
        webSocket.markClosing();
        if (!closeEventPosted) {
            webSocket.mailbox.post(error);
        }
        postClose(code, reason);
        io.drain(connection);
    }

    /** A frame a worker sent: queue it in order, or drop it if the connection is past sending. */
    void onFrame(IoCommand.WsFrame frame) {
        if (handshake == Handshake.CLOSE_SENT || handshake == Handshake.DONE) {
            webSocket.written(frame.bytes().length); // nothing may follow our Close frame
            return;
        }
        connection.out.add(frame.bytes());
        if (!frame.close()) {
            messagesOut++;
            bytesOut += frame.bytes().length;
            io.metrics().webSocketFrameOut(frame.bytes().length);
        }
        if (frame.close()) {
            webSocket.markClosing();
            if (handshake == Handshake.FAILING) {
                handshake = Handshake.DONE;
                io.drain(connection);
            } else {
                handshake = Handshake.CLOSE_SENT;
            }
        }
        io.markDirty(connection);
    }

    /** A frame the IO thread itself sends (pong, Close echo, ping): counted like the workers' frames. */
    private void queueOwn(byte[] frame) {
        webSocket.outstanding.addAndGet(frame.length);
        connection.out.add(frame);
        io.markDirty(connection);
    }

    private void postClose(int code, String reason) {
        if (!closeEventPosted) {
            closeEventPosted = true;
            closeCode = code;
            webSocket.mailbox.post(new WebSocketEvent.Close(code, reason));
        }
    }

    /** The handler caught up: whether reading resumes. */
    boolean resume() {
        if (!inputPaused) {
            return false;
        }
        inputPaused = false;
        return true;
    }

    @Override
    public void written(long count) {
        webSocket.written(count);
    }

    @Override
    public void endOfInput() {
        // NOTE: the peer closed TCP without a Close frame: closed() posts Close(1006)
    }

    /** CLOSE while waiting for a Close (the peer's, or the handler's after a failure); PING if pings are on. */
    @Override
    public Deadlines.Kind timer() {
        return switch (handshake) {
            case CLOSE_SENT, FAILING -> Deadlines.Kind.CLOSE;
            case OPEN -> io.pings() ? Deadlines.Kind.PING : null;
            case DONE -> null;
        };
    }

    @Override
    public void expired(Deadlines.Kind kind, long now) {
        switch (kind) {
            case CLOSE -> {
                postClose(CloseCodes.ABNORMAL, "the peer did not answer our Close frame");
                io.close(connection, ServerMetrics.CloseReason.WEBSOCKET_TIMEOUT, "timeout CLOSE");
            }
            case PING -> {
                if (awaitingPong) {
                    postClose(CloseCodes.ABNORMAL, "the peer stopped answering pings");
                    io.close(connection, ServerMetrics.CloseReason.WEBSOCKET_TIMEOUT, "no pong");
                } else {
                    awaitingPong = true;
                    queueOwn(WsFrameEncoder.encode(Opcode.PING, true, false, new byte[0], 0, 0));
                }
            }
            default -> throw new IllegalStateException("a WebSocket does not wait under " + kind);
        }
    }

    @Override
    public boolean quiet() {
        return true;
    }

    @Override
    public long heldBytes() {
        return webSocket.mailbox.queuedBytes();
    }

    /** Server shutdown: say goodbye with 1001 (RFC 6455 7.4.1). */
    @Override
    public void shutdown() {
        if (handshake == Handshake.OPEN) {
            webSocket.close(CloseCodes.GOING_AWAY, "server shutting down");
        }
    }

    @Override
    public void closed() {
        webSocket.markClosing();
        postClose(CloseCodes.ABNORMAL, "");
        io.metrics().webSocketClosed(closeCode);
        if (session != null) {
            session.end();
            if (session.shouldCommit()) {
                session.path = webSocket.path();
                session.closeCode = closeCode;
                session.messagesIn = messagesIn;
                session.messagesOut = messagesOut;
                session.bytesIn = bytesIn;
                session.bytesOut = bytesOut;
                session.commit();
            }
        }
        if (webSocket.deflate() != null) {
            webSocket.deflate().close(); // zlib's native memory; a racing send gets ISE
        }
    }
}
