package mummy.io.internal.loop;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;
import mummy.io.internal.ffi.Epoll;
import mummy.io.internal.ffi.Errno;
import mummy.io.internal.ffi.FileIo;
import mummy.io.internal.ffi.SocketAddresses;
import mummy.io.internal.ffi.Sockets;
import mummy.io.internal.http.ParsedRequest;

/**
 * What the IO thread does with any connection, whatever its protocol: read, write, keep its
 * timer, close; and the one guard every piece of per-connection work goes through. What the
 * bytes mean, what a connection waits for and when it may read is its {@link Mode}'s.
 *
 * <p>The guard ({@link #guarded}): events, commands from workers, expired deadlines, flushes and
 * budget resumptions all run through it. Anything thrown, an {@link OutOfMemoryError} included,
 * closes that one connection (with a reset, which also frees what it held), is logged once with
 * its fd, and the loop goes on. After each piece of work the guard settles the connection: a
 * draining one closes once quiet, the timer follows the state, and the budget is recounted.
 *
 * <p>Reads go into one shared 64 KiB array; only the unparsed rest is copied into the
 * connection ({@link Connection#carry}). Writes send a connection's queued arrays in one
 * {@code send} when there is one, or copy several small ones into one shared array first, so a
 * burst of pipelined responses costs one system call; file regions go out with {@code sendfile}.
 *
 * <p>Write timeout: while a connection's writes are blocked it is under WRITE. When it expires,
 * the connection survives only if it took at least {@link BufferLimits#minWriteRate()} bytes per
 * second over the window (any progress when the rate is 0); then a new window starts. A client
 * that reads a trickle therefore cannot hold its output for ever.
 *
 * <p>Threading: IO thread only.
 */
final class ConnectionIo {

    private static final System.Logger LOG = System.getLogger("mummy.io");
    static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final int MIN_READ = 4096;
    /** The interim answer to {@code Expect: 100-continue}; shared, never written to. */
    static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The body of one step of work on a connection, run by {@link #guarded}. */
    @FunctionalInterface
    private interface Body {
        void run(Connection connection, Object argument, int value);
    }

    /** A named step of work on a connection: what it is (for logs and fault injection), and its body. */
    private record Step(String name, Body body) {
    }

    /**
     * Test seam: told of every guarded step before it runs, and may throw to simulate a fault in
     * it. Null outside tests. Set it before the server starts (the IO thread's start publishes it).
     */
    interface Faults {
        /**
         * A step is about to run on a connection.
         *
         * @param step "event", "send", "frame", "ws-resume", "body-resume", "abort", "expire",
         *             "flush", "resume", "shutdown" or "accept"
         * @param remotePort the connection's remote port
         */
        void before(String step, int remotePort);
    }

    /** See {@link Faults}. */
    static Faults faults;

    private final IoLoop loop;
    private final LoopConfig config;
    private final byte[] readBuffer = new byte[READ_BUFFER_SIZE];
    private final byte[] gatherBuffer = new byte[READ_BUFFER_SIZE];
    /** Set by {@link #gather}: it stopped at a file region, so more bytes follow at once. */
    private boolean gatherStoppedAtFile;
    /** Connections with output queued this turn; each once (its dirty flag). Bounded by the connection count. */
    private final ArrayList<Connection> dirty = new ArrayList<>();
    private final Deadlines deadlines;
    private final LongSupplier clock;
    private final Budget budget;
    private final boolean pingsOn;
    private final boolean heartbeatOn;
    /** The least a blocked connection must take per WRITE window to keep it; 0: any progress. */
    private final long minWindowBytes;

    private final Step onEvent = new Step("event", (c, argument, mask) -> event(c, mask));
    private final Step onSend = new Step("send", (c, send, unused) -> send(c, (IoCommand.Send) send));
    private final Step onFrame = new Step("frame", (c, frame, unused) -> frame(c, (IoCommand.WsFrame) frame));
    private final Step onWsResume = new Step("ws-resume", (c, unused, unused2) -> wsResume(c));
    private final Step onBodyResume = new Step("body-resume", (c, body, unused) -> bodyResume(c, (LoopRequestBody) body));
    private final Step onAbort = new Step("abort", (c, reason, unused) -> {
        c.abortOnClose = true;
        close(c, (String) reason);
    });
    private final Step onExpired = new Step("expire",
            (c, now, kind) -> expired(c, Deadlines.Kind.values()[kind], (Long) now));
    private final Step onFlush = new Step("flush", (c, unused, unused2) -> {
        flush(c);
        afterOutput(c);
    });
    private final Step onResumeReading = new Step("resume", (c, unused, unused2) -> resumeReading(c));
    private final Step onShutdown = new Step("shutdown", (c, unused, unused2) -> c.mode.shutdown());
    private final Step onAccept = new Step("accept", (c, unused, unused2) -> { });

    ConnectionIo(IoLoop loop) {
        this.loop = loop;
        this.config = loop.config;
        this.deadlines = config.timeouts().deadlines(config.webSockets());
        this.clock = config.nanoClock();
        this.budget = new Budget(config.buffers());
        this.pingsOn = !config.webSockets().pingInterval().isZero();
        this.heartbeatOn = !config.timeouts().heartbeat().isZero();
        this.minWindowBytes = config.buffers().minWriteRate() * config.timeouts().write().toMillis() / 1000;
    }

    // ------------------------------------------------------------------ what the modes use

    LoopConfig config() {
        return config;
    }

    Budget budget() {
        return budget;
    }

    BiPredicate<String, String> streamsBody() {
        return loop.streamsBody();
    }

    boolean pings() {
        return pingsOn;
    }

    boolean heartbeats() {
        return heartbeatOn;
    }

    HttpExchange exchange(Connection connection, int sequence, ParsedRequest request, boolean streamed) {
        return new HttpExchange(loop, connection.fd, connection.generation, sequence, request,
                connection.remoteSockaddr, streamed);
    }

    void execute(Runnable task) {
        loop.scheduler.execute(task);
    }

    /** Parse nothing more: the connection closes once nothing is in flight and nothing waits. */
    void drain(Connection connection) {
        if (connection.state == Connection.State.OPEN) {
            connection.state = Connection.State.DRAINING;
        }
    }

    void markDirty(Connection connection) {
        if (!connection.dirty) {
            connection.dirty = true;
            dirty.add(connection);
        }
    }

    /** The 101 was queued: from now on the connection's bytes are WebSocket frames. */
    void switchToWebSocket(Connection connection, LoopWebSocket webSocket, ArrayDeque<IoCommand.WsFrame> early) {
        WebSocketMode ws = new WebSocketMode(connection, this, webSocket);
        connection.mode = ws;
        deadlines.cancel(connection);
        ws.open();
        if (early != null) {
            early.forEach(ws::onFrame);
        }
    }

    // ------------------------------------------------------------------ the guard

    /**
     * Runs one step of work on a live connection, then settles it; anything thrown closes that
     * connection alone. The one place per-connection work is caught.
     */
    private void guarded(Connection connection, Step step, Object argument, int value) {
        assert loop.onIoThread() : "connection work off the IO thread: " + Thread.currentThread();
        if (connection.closed()) {
            return;
        }
        try {
            if (faults != null) {
                faults.before(step.name(), remotePort(connection));
            }
            step.body().run(connection, argument, value);
            settle(connection);
        } catch (Throwable unexpected) {
            failed(connection, step, unexpected);
        }
    }

    /** After a step: close a draining connection that is quiet, set its timer, recount its bytes. */
    private void settle(Connection connection) {
        if (connection.state == Connection.State.DRAINING && connection.quiet() && !connection.writeBlocked) {
            finish(connection);
        }
        if (!connection.closed()) {
            retime(connection);
        }
        budget.recount(connection);
    }

    private static int remotePort(Connection connection) {
        return SocketAddresses.decode(MemorySegment.ofArray(connection.remoteSockaddr)).getPort();
    }

    private void failed(Connection connection, Step step, Throwable unexpected) {
        try {
            LOG.log(System.Logger.Level.ERROR, "connection.failed: fd " + connection.fd + " closed after an"
                    + " unexpected error in " + step.name(), unexpected);
        } catch (Throwable logFailed) {
            // NOTE: logging can fail too (an OutOfMemoryError): closing the connection matters more
        }
        try {
            connection.abortOnClose = true;
            close(connection, "unexpected error");
        } catch (Throwable again) {
            release(connection); // the mode's clean-up failed: still free the fd and the slot
        }
    }

    // ------------------------------------------------------------------ entry points (IoLoop)

    /** A new connection: it speaks HTTP/1.1 and has this long to start a request. */
    void onAccepted(Connection connection) {
        connection.mode = new Http1Mode(connection, this);
        guarded(connection, onAccept, null, 0);
    }

    void onEvent(Connection connection, int mask) {
        guarded(connection, onEvent, null, mask);
    }

    void onSend(Connection connection, IoCommand.Send send) {
        if (connection == null || connection.closed()) {
            send.discard(); // NOTE: the connection closed (its fd may be reused): the response has nowhere to go
            if (send.upgrade() != null) {
                send.upgrade().markClosing(); // the client left before its 101: the WebSocket never opens
            }
            return;
        }
        guarded(connection, onSend, send, 0);
    }

    void onFrame(Connection connection, IoCommand.WsFrame frame) {
        if (connection == null || connection.closed()) {
            frame.webSocket().written(frame.bytes().length);
            return;
        }
        guarded(connection, onFrame, frame, 0);
    }

    void onWsResume(Connection connection) {
        if (connection != null) {
            guarded(connection, onWsResume, null, 0);
        }
    }

    void onBodyResume(Connection connection, LoopRequestBody body) {
        if (connection != null) {
            guarded(connection, onBodyResume, body, 0);
        }
    }

    /** A worker cut the connection off (it ignored backpressure): reset it. */
    void abort(Connection connection, String reason) {
        if (connection != null) {
            guarded(connection, onAbort, reason, 0);
        }
    }

    /** Server shutdown: the connection's mode says goodbye and drains. */
    void shutdown(Connection connection) {
        guarded(connection, onShutdown, null, 0);
    }

    /** Writes what this turn queued, then resumes reading where responses made room. */
    void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            Connection connection = dirty.get(i);
            connection.dirty = false;
            guarded(connection, onFlush, null, 0);
        }
        dirty.clear();
    }

    /** Reads again the connections that waited for the budget, once it has room. */
    void resumeWaiting() {
        for (Connection connection : budget.takeResumable()) {
            guarded(connection, onResumeReading, null, 0);
        }
    }

    /** Acts on every timeout that has expired by {@code now}. */
    void expire(long now) {
        Connection connection;
        Long boxed = now;
        while ((connection = deadlines.pollExpired(now)) != null) {
            guarded(connection, onExpired, boxed, connection.expired.ordinal());
        }
    }

    /** Milliseconds until the next deadline, or -1 when there is none. */
    int millisUntilNextDeadline() {
        return deadlines.millisUntilNext(clock.getAsLong());
    }

    // ------------------------------------------------------------------ steps

    private void event(Connection connection, int mask) {
        int hangUp = mask & (Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR);
        if (hangUp != 0 && connection.mode instanceof Http1Mode http && http.streaming()) {
            close(connection, "the client of a stream went away"); // prompt disconnect detection
            return;
        }
        if ((mask & Epoll.EPOLLIN) != 0 || hangUp != 0) {
            // After a hang-up no further edge will come: read on to the end or the error.
            connection.hangUp |= hangUp != 0;
            onReadable(connection);
        }
        if ((mask & Epoll.EPOLLOUT) != 0 && !connection.closed() && connection.writeBlocked) {
            flush(connection);
            afterOutput(connection);
        }
    }

    private void send(Connection connection, IoCommand.Send send) {
        switch (connection.mode) {
            case Http1Mode http -> http.onSend(send);
            case WebSocketMode ws -> send.discard(); // NOTE: a late HTTP answer after the upgrade: nowhere to go
        }
    }

    private void frame(Connection connection, IoCommand.WsFrame frame) {
        switch (connection.mode) {
            case Http1Mode http -> http.onFrame(frame);
            case WebSocketMode ws -> ws.onFrame(frame);
        }
    }

    private void wsResume(Connection connection) {
        if (connection.mode instanceof WebSocketMode ws && ws.resume()) {
            resumeReading(connection);
        }
    }

    private void bodyResume(Connection connection, LoopRequestBody body) {
        if (connection.mode instanceof Http1Mode http && http.onBodyResume(body)) {
            resumeReading(connection);
        }
    }

    private void expired(Connection connection, Deadlines.Kind kind, long now) {
        switch (kind) {
            case WRITE -> writeExpired(connection, now);
            case LINGER -> close(connection, "timeout LINGER");
            default -> connection.mode.expired(kind, now);
        }
    }

    private void writeExpired(Connection connection, long now) {
        long taken = connection.writtenInWindow;
        if (taken > 0 && taken >= minWindowBytes) {
            connection.writtenInWindow = 0;
            deadlines.schedule(connection, Deadlines.Kind.WRITE, now); // a new window
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "connection.slow_reader: fd {0}: {1} bytes taken in the write timeout,"
                + " at least {2} needed", connection.fd, taken, minWindowBytes);
        connection.abortOnClose = true; // drop what the peer would not read
        close(connection, "timeout WRITE");
    }

    // ------------------------------------------------------------------ reading

    private void onReadable(Connection connection) {
        connection.readPending = false;
        while (!connection.closed()) {
            if (connection.state == Connection.State.LINGERING) {
                discardInput(connection);
                return;
            }
            if (!connection.mode.canRead()) {
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
                endOfInput(connection);
                return;
            }
            connection.readProgress = true;
            connection.mode.process(buffer, offset + (int) n);
            if (n < room && !connection.hangUp) {
                return; // a short read drained the socket; edge-triggered epoll reports new bytes
            }
        }
    }

    private void endOfInput(Connection connection) {
        connection.inputClosed = true;
        connection.mode.endOfInput();
        connection.dropCarry();
        drain(connection);
    }

    /** Parses what was kept and reads what was left in the socket while reading was paused. */
    private void resumeReading(Connection connection) {
        if (connection.carry != null && connection.state != Connection.State.LINGERING && connection.mode.canRead()) {
            connection.mode.process(connection.carry, connection.carryLength);
        }
        if (connection.readPending && !connection.closed()) {
            onReadable(connection);
        }
    }

    /** After writing: resume parsing and reading if the output made room. */
    private void afterOutput(Connection connection) {
        if (connection.closed() || connection.writeBlocked || !connection.mode.canRead()) {
            return;
        }
        resumeReading(connection);
    }

    private void discardInput(Connection connection) {
        while (!connection.closed()) {
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

    // ------------------------------------------------------------------ writing

    private void flush(Connection connection) {
        OutputQueue out = connection.out;
        while (!out.isEmpty() && !connection.closed()) {
            Object head = out.first();
            if (head instanceof FileBody.Cursor cursor) {
                if (!sendFile(connection, cursor)) {
                    return;
                }
                continue;
            }
            byte[] first = (byte[]) head;
            int remaining = first.length - out.offset();
            long n;
            if (out.size() == 1 || remaining >= gatherBuffer.length / 2) {
                int flags = Sockets.MSG_NOSIGNAL | (out.size() > 1 ? Sockets.MSG_MORE : 0);
                n = Sockets.send(connection.fd, first, out.offset(), remaining, flags);
            } else {
                int length = gather(out);
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
            out.advance(n);
            connection.writtenInWindow += n;
            connection.mode.written(n);
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
        connection.out.advanceFile(cursor, n);
        connection.writtenInWindow += n;
        return true;
    }

    /**
     * Copies queued arrays into the gather buffer, as many as fit and up to the first file
     * region; returns the byte count and sets {@link #gatherStoppedAtFile}.
     */
    private int gather(OutputQueue out) {
        int length = 0;
        int offset = out.offset();
        gatherStoppedAtFile = false;
        for (Object item : out.items()) {
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

    // ------------------------------------------------------------------ timers and closing

    /**
     * Puts the connection under the timeout its state calls for: WRITE while its writes are
     * blocked (see the class comment), LINGER while lingering (set by {@link #finish}), else
     * what its mode asks for; BODY is renewed by each read that brings bytes.
     */
    private void retime(Connection connection) {
        if (connection.state == Connection.State.LINGERING) {
            return;
        }
        long now = clock.getAsLong();
        boolean readProgress = connection.readProgress;
        connection.readProgress = false;
        if (connection.writeBlocked) {
            if (connection.timer != Deadlines.Kind.WRITE) {
                connection.writtenInWindow = 0;
                deadlines.schedule(connection, Deadlines.Kind.WRITE, now);
            }
            return;
        }
        Deadlines.Kind wanted = connection.mode.timer();
        if (wanted == null) {
            deadlines.cancel(connection);
        } else if (connection.timer != wanted || (wanted == Deadlines.Kind.BODY && readProgress)) {
            deadlines.schedule(connection, wanted, now);
        }
    }

    /** Closes now if nothing is in flight or queued, else once the last response is written. */
    void closeWhenDone(Connection connection) {
        drain(connection);
        if (connection.quiet()) {
            finish(connection);
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
        connection.state = Connection.State.LINGERING;
        deadlines.schedule(connection, Deadlines.Kind.LINGER, clock.getAsLong());
        discardInput(connection);
    }

    /** Closes the socket and frees the connection's slot; late messages to it are dropped. */
    void close(Connection connection, String reason) {
        if (connection.closed()) {
            return;
        }
        connection.state = Connection.State.CLOSED;
        deadlines.cancel(connection);
        try {
            connection.mode.closed();
        } finally {
            if (reason != null) {
                LOG.log(System.Logger.Level.DEBUG, "connection.closed: fd {0}: {1}", connection.fd, reason);
            }
            release(connection);
        }
    }

    /** Closes the fd (with a reset when asked), drops what the connection holds and frees its slot. */
    private void release(Connection connection) {
        if (connection.released) {
            return;
        }
        connection.released = true;
        connection.state = Connection.State.CLOSED;
        deadlines.cancel(connection);
        if (connection.abortOnClose) {
            Sockets.abort(connection.fd);
        } else {
            Sockets.close(connection.fd);
        }
        connection.dropCarry();
        connection.out.clear();
        budget.recount(connection);
        loop.forget(connection);
    }
}
