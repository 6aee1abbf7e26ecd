package mummy.io.internal.loop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import mummy.api.RequestBodyException;
import mummy.io.internal.ffi.Epoll;
import mummy.io.internal.ffi.Errno;
import mummy.io.internal.ffi.FileIo;
import mummy.io.internal.ffi.Sockets;
import mummy.io.internal.http.HttpParseException;
import mummy.io.internal.http.ParsedRequest;
import mummy.io.internal.http.ResponseEncoder;

/**
 * What the IO thread does with a connection: read and parse what arrived, dispatch complete
 * requests to the scheduler (several per read when pipelined), queue responses in request order,
 * write them, and close.
 *
 * <p>Reads go into one shared 64 KiB array; only the unparsed rest of a partly received request is
 * copied into the connection ({@link Connection#carry}). Writes send a connection's queued arrays
 * in one {@code send} when there is one, or copy several small ones into one shared array first,
 * so a burst of pipelined responses costs one system call. File regions of file responses go out
 * with {@code sendfile}, straight from the page cache; their descriptors are closed once sent or
 * when the connection closes ({@link Connection#releaseFiles}).
 *
 * <p>Threading: IO thread only.
 *
 * <p>One unit, past the usual size, because read, parse, dispatch, write, timeout and close act on
 * the same per-connection state machine ({@link Connection}) and each step decides the next:
 * splitting them would spread one state diagram over several classes. WebSocket framing lives
 * apart in {@link WsIo}.
 */
final class ConnectionIo {

    private static final System.Logger LOG = System.getLogger("mummy.io");
    private static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final int MIN_READ = 4096;
    /** The interim answer to {@code Expect: 100-continue}; shared, never written to. */
    static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final IoLoop loop;
    private final byte[] readBuffer = new byte[READ_BUFFER_SIZE];
    private final byte[] gatherBuffer = new byte[READ_BUFFER_SIZE];
    /** Set by {@link #gather}: it stopped at a file region, so more bytes follow at once. */
    private boolean gatherStoppedAtFile;
    private final ArrayList<Connection> dirty = new ArrayList<>();
    private final Deadlines deadlines;
    private final LongSupplier clock;
    /** The WebSocket side of upgraded connections. */
    final WsIo ws;
    private final boolean pingsOn;
    private final boolean heartbeatOn;
    private final int maxCarry;

    ConnectionIo(IoLoop loop) {
        this.loop = loop;
        this.deadlines = loop.config.timeouts().deadlines(loop.config.webSockets());
        this.clock = loop.config.nanoClock();
        this.ws = new WsIo(this, deadlines, loop.config.webSockets());
        this.pingsOn = !loop.config.webSockets().pingInterval().isZero();
        this.heartbeatOn = !loop.config.timeouts().heartbeat().isZero();
        var limits = loop.config.limits();
        // The parser bounds what it leaves unconsumed; this is only a backstop against a parser fault.
        this.maxCarry = limits.maxRequestLineLength() + limits.maxHeadersLength() + limits.maxChunkLineLength()
                + READ_BUFFER_SIZE;
    }

    void onEvent(Connection connection, int mask) {
        try {
            int hangUp = mask & (Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR);
            if (hangUp != 0 && connection.activeStream != null) {
                close(connection, "the client of a stream went away"); // prompt disconnect detection
                return;
            }
            if ((mask & Epoll.EPOLLIN) != 0 || hangUp != 0) {
                // After a hang-up no further edge will come: read on to the end or the error.
                connection.hangUp |= hangUp != 0;
                onReadable(connection);
            }
            if ((mask & Epoll.EPOLLOUT) != 0 && !connection.closed && connection.writeBlocked) {
                flush(connection);
                afterOutput(connection);
            }
            retime(connection);
        } catch (RuntimeException | Error unexpected) {
            LOG.log(System.Logger.Level.ERROR, "connection.failed: fd " + connection.fd + " closed after an"
                    + " unexpected error", unexpected);
            close(connection, "unexpected error");
        }
    }

    void onSend(Connection connection, IoCommand.Send send) {
        if (connection == null || connection.closed) {
            send.discard(); // a file response's descriptor is closed here
            if (send.upgrade() != null) {
                send.upgrade().markClosing(); // the client left before its 101: the WebSocket never opens
            }
            return; // NOTE: the connection closed (its fd may be reused): the response has nowhere to go
        }
        if (send.last() && connection.requestBody != null && send.sequence() == connection.requestBodySequence) {
            // Answered before its streamed body arrived whole: drop the rest and close after the answer.
            detachBody(connection).abandon();
        }
        if (connection.accept(send)) {
            markDirty(connection);
            if (connection.pendingUpgrade != null) {
                ws.activate(connection, connection.pendingUpgrade);
            }
        }
    }

    private void onReadable(Connection connection) {
        connection.readPending = false;
        while (!connection.closed) {
            if (connection.lingering) {
                discardInput(connection);
                return;
            }
            if (!canRead(connection)) {
                connection.readPending = true;
                return;
            }
            byte[] buffer = readBuffer;
            int offset = 0;
            if (connection.carry != null) {
                connection.reserve(MIN_READ);
                buffer = connection.carry;
                offset = connection.carryLength;
            }
            int room = buffer.length - offset;
            long n = Sockets.read(connection.fd, buffer, offset, room);
            if (n < 0) {
                if (n != -Errno.EAGAIN) {
                    close(connection, "read: " + Errno.name((int) -n));
                }
                return;
            }
            if (n == 0) {
                onEndOfInput(connection);
                return;
            }
            connection.readProgress = true;
            process(connection, buffer, offset + (int) n);
            if (n < room && !connection.hangUp) {
                return; // a short read drained the socket; edge-triggered epoll reports new bytes
            }
        }
    }

    private boolean canRead(Connection connection) {
        if (connection.ws != null) {
            return !connection.ws.inputPaused && !connection.ws.closeReceived;
        }
        return canParse(connection);
    }

    /**
     * Whether the parser may go on: while a streamed body arrives, as long as its reader keeps up
     * (even if its request said close, or is the last the pipeline allows); else while more
     * requests are welcome.
     */
    private boolean canParse(Connection connection) {
        if (connection.requestBody != null) {
            return !connection.bodyPaused;
        }
        return !connection.noMoreRequests && !connection.upgradeRequested
                && connection.inFlight() < loop.config.maxPipelinedRequests();
    }

    /** The reader of a streamed body caught up (or stopped reading): parse and read again. */
    void onBodyResume(Connection connection, LoopRequestBody body) {
        if (connection == null || connection.closed || connection.requestBody != body || !connection.bodyPaused) {
            return; // NOTE: the body ended, failed or was abandoned meanwhile: nothing waits for this
        }
        connection.bodyPaused = false;
        if (connection.carry != null) {
            process(connection, connection.carry, connection.carryLength);
        }
        if (connection.readPending && !connection.closed) {
            onReadable(connection);
        }
        retime(connection);
    }

    /** After the parser ran: forget a body that ended, or pause reading when its reader is behind. */
    private void checkBody(Connection connection) {
        LoopRequestBody body = connection.requestBody;
        if (body == null) {
            return;
        }
        if (body.finishedOnIo()) {
            connection.requestBody = null;
            connection.bodyPaused = false;
        } else if (body.shouldPause()) {
            connection.bodyPaused = true;
        }
    }

    /**
     * A streamed body cannot complete ({@code status} 0: nobody to answer): its reader gets a
     * {@link RequestBodyException}, the handler answers, and the connection closes after that.
     */
    private void failBody(Connection connection, int status, String message) {
        detachBody(connection).fail(new RequestBodyException(status, message));
    }

    /**
     * Stops feeding the connection's streamed body, which will not arrive whole: no more requests
     * are parsed after it, and the connection closes (lingering) after the answers in flight.
     */
    private static LoopRequestBody detachBody(Connection connection) {
        LoopRequestBody body = connection.requestBody;
        connection.requestBody = null;
        connection.bodyPaused = false;
        connection.noMoreRequests = true;
        connection.lingerOnClose = true;
        return body;
    }

    /** Reads what was left in the socket while reading was paused. */
    void resumeReading(Connection connection) {
        if (connection.carry != null && connection.ws != null) {
            ws.process(connection, connection.carry, connection.carryLength);
        }
        if (connection.readPending && !connection.closed) {
            onReadable(connection);
        }
    }

    /** Parses {@code buffer[0, end)}: dispatches every complete request, keeps the rest. */
    private void process(Connection connection, byte[] buffer, int end) {
        if (connection.ws != null) {
            ws.process(connection, buffer, end);
            return;
        }
        int position = 0;
        while (position < end && canParse(connection)) {
            ParsedRequest request;
            try {
                request = connection.parser.parse(buffer, position, end);
            } catch (HttpParseException e) {
                if (connection.requestBody != null) {
                    failBody(connection, e.status(), e.getMessage()); // its handler answers
                } else {
                    refuse(connection, e.status(), e.getMessage());
                }
                position = end;
                break;
            }
            position += connection.parser.consumed();
            checkBody(connection);
            if (request == null) {
                offerContinue(connection);
                break;
            }
            connection.continueSent = false;
            dispatch(connection, request);
        }
        if (connection.noMoreRequests && position < end) {
            connection.lingerOnClose = true; // the client sent more than we will read
            position = end;
        }
        connection.keep(buffer, position, end);
        if (connection.carryLength > maxCarry) {
            refuse(connection, 431, "Request Header Fields Too Large");
            connection.keep(buffer, end, end);
        }
    }

    private void offerContinue(Connection connection) {
        if (connection.parser.awaitingContinue() && !connection.continueSent) {
            connection.continueSent = true;
            // RFC 9110 10.1.1: the interim 100 goes out in its request's turn, after earlier responses.
            connection.accept(new IoCommand.Send(connection.fd, connection.generation, connection.nextSequence,
                    CONTINUE, false, false, null, null));
            markDirty(connection);
        }
    }

    private void dispatch(Connection connection, ParsedRequest request) {
        int sequence = connection.nextSequence++;
        if (!request.keepAlive()) {
            connection.noMoreRequests = true;
        }
        if (request.headers().contains("Upgrade")) {
            // RFC 9110 7.8: if the handler switches protocols, the bytes after this request are
            // not HTTP. Parse nothing more until its answer is known.
            connection.upgradeRequested = true;
            connection.upgradeSequence = sequence;
        }
        boolean streamed = connection.parser.streamingBody();
        HttpExchange exchange = new HttpExchange(loop, connection.fd, connection.generation, sequence, request,
                connection.remoteSockaddr, streamed);
        if (streamed) {
            connection.parser.bodySink(exchange.streamedBody());
            connection.requestBody = exchange.streamedBody();
            connection.requestBodySequence = sequence;
        }
        // NOTE: handed over at once, not batched per turn like WebSocket events (IoLoop.submit):
        // measured, batching cost pipelined requests 13-26 % while plaintext stayed the same.
        try {
            loop.scheduler.execute(exchange);
        } catch (RejectedExecutionException e) {
            if (streamed) {
                failBody(connection, 503, "the server is shutting down");
            }
            connection.noMoreRequests = true;
            respondNow(connection, sequence, 503, "Service Unavailable: the server is shutting down");
        }
    }

    /** Answers a request the parser refused; the connection closes after the answer (framing is lost). */
    private void refuse(Connection connection, int status, String message) {
        LOG.log(System.Logger.Level.DEBUG, "request.refused: fd {0}: {1} {2}", connection.fd, status, message);
        connection.noMoreRequests = true;
        connection.lingerOnClose = true;
        respondNow(connection, connection.nextSequence++, status, message);
    }

    private void respondNow(Connection connection, int sequence, int status, String message) {
        byte[] bytes = ResponseEncoder.encodeError(status, message, true);
        connection.accept(new IoCommand.Send(connection.fd, connection.generation, sequence, bytes, true, true, null, null));
        markDirty(connection);
    }

    private void onEndOfInput(Connection connection) {
        if (connection.requestBody != null) {
            failBody(connection, 400, "the client closed its side before the end of the request body");
        }
        connection.inputClosed = true;
        connection.noMoreRequests = true;
        connection.keep(readBuffer, 0, 0);
        closeWhenDone(connection);
    }

    /** Closes now if nothing is in flight or queued, else once the last response is written. */
    void closeWhenDone(Connection connection) {
        connection.noMoreRequests = true;
        if (connection.quiet()) {
            finish(connection);
        } else {
            connection.closeAfterFlush = true;
        }
    }

    void markDirty(Connection connection) {
        if (!connection.dirty) {
            connection.dirty = true;
            dirty.add(connection);
        }
    }

    /** Writes what this turn queued, then resumes reading where responses made room. */
    void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            Connection connection = dirty.get(i);
            connection.dirty = false;
            if (!connection.closed) {
                try {
                    flush(connection);
                    afterOutput(connection);
                    retime(connection);
                } catch (RuntimeException | Error unexpected) {
                    LOG.log(System.Logger.Level.ERROR, "connection.failed: fd " + connection.fd, unexpected);
                    close(connection, "unexpected error");
                }
            }
        }
        dirty.clear();
    }

    private void flush(Connection connection) {
        while (connection.out != null && !connection.closed) {
            Object head = connection.out.peekFirst();
            if (head instanceof FileBody.Cursor cursor) {
                if (!sendFile(connection, cursor)) {
                    return;
                }
                continue;
            }
            byte[] first = (byte[]) head;
            int remaining = first.length - connection.outOffset;
            long n;
            if (connection.out.size() == 1 || remaining >= gatherBuffer.length / 2) {
                int flags = Sockets.MSG_NOSIGNAL | (connection.out.size() > 1 ? Sockets.MSG_MORE : 0);
                n = Sockets.send(connection.fd, first, connection.outOffset, remaining, flags);
            } else {
                int length = gather(connection);
                // a file region follows what fits: let the head and the file's first bytes share a segment
                int flags = Sockets.MSG_NOSIGNAL | (gatherStoppedAtFile ? Sockets.MSG_MORE : 0);
                n = Sockets.send(connection.fd, gatherBuffer, 0, length, flags);
            }
            if (n <= 0) {
                if (n == -Errno.EAGAIN || n == 0) { // 0 only if the kernel took nothing: wait for EPOLLOUT
                    connection.writeBlocked = true;
                } else {
                    close(connection, "send: " + Errno.name((int) -n));
                }
                return;
            }
            connection.advance(n);
            connection.writeProgress |= n > 0;
            if (connection.ws != null) {
                connection.ws.webSocket.written(n);
            } else if (connection.activeStream != null) {
                connection.activeStream.written(n);
            }
        }
        connection.writeBlocked = false;
    }

    /**
     * Writes from the file region at the head of the output queue with {@code sendfile}.
     *
     * @return whether to go on writing (false: the socket is full, or the connection closed)
     */
    private boolean sendFile(Connection connection, FileBody.Cursor cursor) {
        long n = FileIo.sendfile(connection.fd, cursor.body.fd, cursor.position, cursor.remaining);
        if (n == -Errno.EAGAIN) {
            connection.writeBlocked = true;
            return false;
        }
        if (n == 0) {
            // The file ended early: it shrank after its length was announced, and the framing is lost.
            LOG.log(System.Logger.Level.WARNING, "file.truncated: fd " + connection.fd + ": the file ended "
                    + cursor.remaining + " bytes before the announced length; connection reset");
            connection.abortOnClose = true;
            close(connection, "file truncated");
            return false;
        }
        if (n < 0) {
            close(connection, "sendfile: " + Errno.name((int) -n)); // the client went away, as with send
            return false;
        }
        connection.advanceFile(cursor, n);
        connection.writeProgress = true;
        return true;
    }

    /**
     * Copies queued arrays into the gather buffer, as many as fit and up to the first file
     * region; returns the byte count and sets {@link #gatherStoppedAtFile}.
     */
    private int gather(Connection connection) {
        int length = 0;
        int offset = connection.outOffset;
        gatherStoppedAtFile = false;
        for (Object item : connection.out) {
            if (!(item instanceof byte[] chunk)) {
                gatherStoppedAtFile = true;
                break;
            }
            int count = Math.min(chunk.length - offset, gatherBuffer.length - length);
            System.arraycopy(chunk, offset, gatherBuffer, length, count);
            length += count;
            offset = 0;
            if (length == gatherBuffer.length) {
                break;
            }
        }
        return length;
    }

    /** After writing: close when done, or resume parsing and reading if responses made room. */
    private void afterOutput(Connection connection) {
        if (connection.closed || connection.writeBlocked) {
            return;
        }
        if (connection.closeAfterFlush && connection.quiet()) {
            finish(connection);
            return;
        }
        if (!canRead(connection)) {
            return;
        }
        if (connection.carry != null) {
            process(connection, connection.carry, connection.carryLength);
        }
        if (connection.readPending && !connection.closed) {
            onReadable(connection);
        }
    }

    /**
     * Closes a connection whose last response is written. After a refused request the client may
     * still be sending: shut down our side and discard its input for a moment, so that it reads
     * our answer instead of a reset (a lingering close).
     */
    private void finish(Connection connection) {
        if (!connection.lingerOnClose || connection.inputClosed) {
            close(connection, null);
            return;
        }
        Sockets.shutdown(connection.fd, Sockets.SHUT_WR);
        connection.lingering = true;
        deadlines.schedule(connection, Deadlines.Kind.LINGER, clock.getAsLong());
        discardInput(connection);
    }

    private void discardInput(Connection connection) {
        while (!connection.closed) {
            long n = Sockets.read(connection.fd, readBuffer, 0, readBuffer.length);
            if (n == -Errno.EAGAIN) {
                return;
            }
            if (n <= 0) {
                close(connection, null);
                return;
            }
        }
    }

    /** A new connection: it has this long to start a request. */
    void onAccepted(Connection connection) {
        deadlines.schedule(connection, Deadlines.Kind.IDLE, clock.getAsLong());
    }

    /**
     * Puts the connection under the timeout its state calls for: WRITE while the peer does not
     * read (renewed by progress), none while a handler works, IDLE between requests, BODY while a
     * body arrives (renewed by each read), HEADER while a head arrives (never renewed, so a
     * client sending one byte a second is still cut off), LINGER while lingering (set by finish).
     */
    private void retime(Connection connection) {
        if (connection.closed || connection.lingering) {
            return;
        }
        long now = clock.getAsLong();
        boolean readProgress = connection.readProgress;
        boolean writeProgress = connection.writeProgress;
        connection.readProgress = false;
        connection.writeProgress = false;
        Deadlines.Kind wanted;
        if (connection.writeBlocked) {
            wanted = Deadlines.Kind.WRITE;
        } else if (connection.ws != null) {
            WsSession session = connection.ws;
            // waiting for the peer's Close, or for the handler before we send ours after a protocol error
            if (session.closeSent ? !session.closeReceived : session.failing) {
                if (connection.timer != Deadlines.Kind.CLOSE) {
                    deadlines.schedule(connection, Deadlines.Kind.CLOSE, now);
                }
            } else if (pingsOn && !connection.ws.closeSent) {
                if (connection.timer != Deadlines.Kind.PING) {
                    deadlines.schedule(connection, Deadlines.Kind.PING, now);
                }
            } else {
                deadlines.cancel(connection);
            }
            return;
        } else if (connection.activeStream != null && connection.activeStream.heartbeat && heartbeatOn) {
            if (connection.timer != Deadlines.Kind.HEARTBEAT) {
                deadlines.schedule(connection, Deadlines.Kind.HEARTBEAT, now);
            }
            return;
        } else if (connection.requestBody != null) {
            if (connection.bodyPaused) {
                deadlines.cancel(connection); // the handler is behind, not the client
                return;
            }
            wanted = Deadlines.Kind.BODY;
        } else if (connection.inFlight() > 0 || connection.noMoreRequests) {
            deadlines.cancel(connection);
            return;
        } else if (connection.parser.idle()) {
            wanted = Deadlines.Kind.IDLE;
        } else {
            wanted = connection.parser.readingBody() ? Deadlines.Kind.BODY : Deadlines.Kind.HEADER;
        }
        boolean renew = (wanted == Deadlines.Kind.WRITE && writeProgress)
                || (wanted == Deadlines.Kind.BODY && readProgress);
        if (connection.timer != wanted || renew) {
            deadlines.schedule(connection, wanted, now);
        }
    }

    /** Acts on every timeout that has expired by {@code now}. */
    void expire(long now) {
        Connection connection;
        while ((connection = deadlines.pollExpired(now)) != null) {
            switch (connection.expired) {
                case HEADER, BODY -> {
                    LOG.log(System.Logger.Level.DEBUG, "connection.timeout: fd {0}: {1}", connection.fd,
                            connection.expired);
                    if (connection.requestBody != null) {
                        failBody(connection, 408, "Request Timeout: the request body stopped arriving");
                    } else {
                        refuse(connection, 408, "Request Timeout");
                    }
                }
                case IDLE, LINGER -> close(connection, "timeout " + connection.expired);
                case CLOSE -> {
                    ws.onCloseTimeout(connection);
                    close(connection, "timeout CLOSE");
                }
                case HEARTBEAT -> {
                    LoopResponseStream stream = connection.activeStream;
                    if (stream != null && stream.isOpen()) {
                        byte[] piece = stream.heartbeatPiece();
                        stream.outstanding.addAndGet(piece.length);
                        connection.enqueue(piece);
                        markDirty(connection);
                        deadlines.schedule(connection, Deadlines.Kind.HEARTBEAT, now);
                    }
                }
                case PING -> {
                    if (ws.onPingDue(connection)) {
                        deadlines.schedule(connection, Deadlines.Kind.PING, now);
                    } else {
                        close(connection, "no pong");
                    }
                }
                case WRITE -> {
                    connection.abortOnClose = true; // drop what the peer would not read
                    close(connection, "timeout WRITE");
                }
            }
        }
    }

    /** Milliseconds until the next deadline, or -1 when there is none. */
    int millisUntilNextDeadline() {
        return deadlines.millisUntilNext(clock.getAsLong());
    }

    /** Closes the socket and frees the connection's slot; late responses to it are dropped. */
    void close(Connection connection, String reason) {
        if (connection.closed) {
            return;
        }
        connection.closed = true;
        deadlines.cancel(connection);
        ws.onClosed(connection);
        if (connection.requestBody != null) {
            failBody(connection, 0, "the client closed the connection before the end of the request body");
        }
        if (connection.activeStream != null) {
            connection.activeStream.clientGone();
        }
        if (reason != null) {
            LOG.log(System.Logger.Level.DEBUG, "connection.closed: fd {0}: {1}", connection.fd, reason);
        }
        if (connection.abortOnClose) {
            Sockets.abort(connection.fd);
        } else {
            Sockets.close(connection.fd);
        }
        connection.carry = null;
        connection.releaseFiles();
        connection.out = null;
        loop.forget(connection);
    }
}
