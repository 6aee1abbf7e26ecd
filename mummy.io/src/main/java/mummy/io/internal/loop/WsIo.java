package mummy.io.internal.loop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import mummy.api.WebSocketEvent;
import mummy.io.internal.ws.CloseCodes;
import mummy.io.internal.ws.Frame;
import mummy.io.internal.ws.Opcode;
import mummy.io.internal.ws.WsFrameEncoder;
import mummy.io.internal.ws.WsFrameReader;
import mummy.io.internal.ws.WsInbound;
import mummy.io.internal.ws.WsMessageAssembler;
import mummy.io.internal.ws.WsProtocolException;

/**
 * What the IO thread does with upgraded connections (RFC 6455): switch a connection over once its
 * 101 is queued, read frames into messages for the mailbox, answer pings, run the closing
 * handshake, and write the frames workers send.
 *
 * <p>Closing (RFC 6455 7.1): when the peer's Close arrives we echo it (unless ours went first),
 * post {@code Close} and close TCP once our frame is written — the server closes first. When we
 * close first, we wait for the peer's Close up to the close timeout. A protocol error stops
 * reading and sends Close with its code (1002, 1007, 1009) once the handler has handled the
 * messages received before it, then posts {@code Error} and {@code Close}. A connection that
 * ends without a Close frame posts {@code Close(1006)}.
 *
 * <p>Threading: IO thread only.
 */
final class WsIo {

    private final ConnectionIo io;
    private final Deadlines deadlines;
    private final WebSocketSettings settings;

    WsIo(ConnectionIo io, Deadlines deadlines, WebSocketSettings settings) {
        this.io = io;
        this.deadlines = deadlines;
        this.settings = settings;
    }

    /** The connection's 101 was queued: from now on its bytes are WebSocket frames. */
    void activate(Connection connection, LoopWebSocket webSocket) {
        connection.pendingUpgrade = null;
        connection.upgradeRequested = false;
        boolean deflate = webSocket.deflate() != null;
        connection.ws = new WsSession(webSocket, new WsFrameReader(settings.maxMessageLength(), deflate),
                new WsMessageAssembler(settings.maxMessageLength(), webSocket.deflate()));
        deadlines.cancel(connection);
        webSocket.mailbox.post(new WebSocketEvent.Open());
        ArrayDeque<IoCommand.WsFrame> early = connection.wsEarly;
        connection.wsEarly = null;
        if (early != null) {
            early.forEach(frame -> onFrame(connection, frame));
        }
    }

    /** A frame a worker sent: queue it in order, or drop it if the connection is past sending. */
    void onFrame(Connection connection, IoCommand.WsFrame frame) {
        LoopWebSocket webSocket = frame.webSocket();
        if (connection == null || connection.closed) {
            webSocket.written(frame.bytes().length);
            return;
        }
        if (connection.ws == null) {
            if (connection.upgradeRequested || connection.pendingUpgrade == webSocket) {
                if (connection.wsEarly == null) {
                    connection.wsEarly = new ArrayDeque<>();
                }
                connection.wsEarly.add(frame); // the 101 is not queued yet: frames follow it
            } else {
                webSocket.written(frame.bytes().length);
            }
            return;
        }
        WsSession session = connection.ws;
        if (session.closeSent) {
            webSocket.written(frame.bytes().length); // nothing may follow our Close frame
            return;
        }
        connection.enqueue(frame.bytes());
        if (frame.close()) {
            session.closeSent = true;
            afterOurClose(connection, session);
        }
        io.markDirty(connection);
    }

    /** Parses frames from {@code buffer[0, end)}; keeps a partial frame for the next read. */
    void process(Connection connection, byte[] buffer, int end) {
        WsSession session = connection.ws;
        int position = 0;
        while (position < end && !session.closeReceived && !connection.closed) {
            try {
                Frame frame = session.reader.read(buffer, position, end);
                position += session.reader.consumed();
                if (frame == null) {
                    session.assembler.checkPartial(session.reader); // UTF-8 fails fast inside a frame
                    break;
                }
                WsInbound inbound = session.assembler.accept(frame);
                if (inbound != null) {
                    onInbound(connection, session, inbound);
                }
            } catch (WsProtocolException e) {
                fail(connection, session, e.closeCode(), e.getMessage());
                position = end;
            }
        }
        if (session.closeReceived || connection.closed) {
            position = end;
        }
        connection.keep(buffer, position, end);
        if (!connection.closed && session.webSocket.mailbox.overLimit()) {
            session.inputPaused = true;
        }
    }

    private void onInbound(Connection connection, WsSession session, WsInbound inbound) {
        LoopWebSocket webSocket = session.webSocket;
        switch (inbound) {
            case WsInbound.Text text -> webSocket.mailbox.post(WebSocketEvent.Message.text(text.utf8()));
            case WsInbound.Binary binary -> webSocket.mailbox.post(WebSocketEvent.Message.binary(binary.data()));
            case WsInbound.Ping ping -> {
                if (!session.closeSent) { // RFC 6455 5.5.2: answer with a Pong carrying the same payload
                    queueOwn(connection, webSocket, WsFrameEncoder.encode(Opcode.PONG, true, false,
                            ping.payload(), 0, ping.payload().length));
                }
            }
            case WsInbound.Pong pong -> session.awaitingPong = false;
            case WsInbound.Close close -> onPeerClose(connection, session, close.code(), close.reason());
        }
    }

    private void onPeerClose(Connection connection, WsSession session, int code, String reason) {
        session.closeReceived = true;
        session.webSocket.markClosing();
        if (!session.closeSent) {
            session.closeSent = true; // RFC 6455 5.5.1: echo the status code
            queueOwn(connection, session.webSocket, code == CloseCodes.NO_STATUS
                    ? WsFrameEncoder.close() : WsFrameEncoder.close(code, ""));
        }
        postClose(session, code, reason);
        io.closeWhenDone(connection);
    }

    /**
     * The peer broke the protocol: read no further, Close with the matching code, then close TCP.
     * While the connection is open, the Close frame goes through the mailbox, so that it follows
     * the handler's replies to the messages received before the violation; once it is queued,
     * {@link #onFrame} closes TCP as after any Close of ours whose answer we do not wait for. A
     * handler that takes longer than the close timeout gets the connection closed without it.
     */
    private void fail(Connection connection, WsSession session, int code, String reason) {
        session.closeReceived = true; // read no further
        connection.lingerOnClose = true;
        WebSocketEvent.Error error = new WebSocketEvent.Error("protocol error " + code + ": " + reason, null);
        if (!session.closeSent && !session.closeEventPosted) {
            session.failing = true;
            session.closeEventPosted = true;
            session.webSocket.mailbox.postFailure(WsFrameEncoder.close(code, reason), error,
                    new WebSocketEvent.Close(code, reason));
            io.markDirty(connection); // retime: the CLOSE timeout
            return;
        }
        session.webSocket.markClosing(); // our Close went first: the handshake was under way
        if (!session.closeEventPosted) {
            session.webSocket.mailbox.post(error);
        }
        postClose(session, code, reason);
        io.closeWhenDone(connection);
    }

    private void afterOurClose(Connection connection, WsSession session) {
        session.webSocket.markClosing();
        if (session.closeReceived) {
            io.closeWhenDone(connection);
        }
    }

    /** A frame the IO thread itself sends (pong, Close echo): counted like the workers' frames. */
    private void queueOwn(Connection connection, LoopWebSocket webSocket, byte[] frame) {
        webSocket.outstanding.addAndGet(frame.length);
        connection.enqueue(frame);
        io.markDirty(connection);
    }

    private void postClose(WsSession session, int code, String reason) {
        if (!session.closeEventPosted) {
            session.closeEventPosted = true;
            session.webSocket.mailbox.post(new WebSocketEvent.Close(code, reason));
        }
    }

    /** The TCP connection closed, for whatever reason: the handler hears of it once. */
    void onClosed(Connection connection) {
        if (connection.ws != null) {
            connection.ws.webSocket.markClosing();
            postClose(connection.ws, CloseCodes.ABNORMAL, "");
            if (connection.ws.webSocket.deflate() != null) {
                connection.ws.webSocket.deflate().close(); // zlib's native memory; a racing send gets ISE
            }
        } else if (connection.pendingUpgrade != null) {
            connection.pendingUpgrade.markClosing();
        }
    }

    /** The close timeout passed without the peer's Close frame. */
    void onCloseTimeout(Connection connection) {
        if (connection.ws != null) {
            postClose(connection.ws, CloseCodes.ABNORMAL, "the peer did not answer our Close frame");
        }
    }

    /**
     * The ping interval passed: ping again, unless the last ping is still unanswered.
     *
     * @return false when the peer stopped answering (the caller closes the connection)
     */
    boolean onPingDue(Connection connection) {
        WsSession session = connection.ws;
        if (session == null || session.closeSent) {
            return true;
        }
        if (session.awaitingPong) {
            postClose(session, CloseCodes.ABNORMAL, "the peer stopped answering pings");
            return false;
        }
        session.awaitingPong = true;
        queueOwn(connection, session.webSocket, WsFrameEncoder.encode(Opcode.PING, true, false, new byte[0], 0, 0));
        return true;
    }

    /** The handler caught up: read again. */
    void onResume(Connection connection) {
        if (connection != null && connection.ws != null && connection.ws.inputPaused) {
            connection.ws.inputPaused = false;
            io.resumeReading(connection);
        }
    }

    /** Server shutdown: say goodbye with 1001 (RFC 6455 7.4.1). */
    void goingAway(Connection connection) {
        if (connection.ws != null && !connection.ws.closeSent) {
            connection.ws.webSocket.close(CloseCodes.GOING_AWAY, "server shutting down");
        }
    }
}
