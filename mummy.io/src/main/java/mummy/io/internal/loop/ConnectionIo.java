package mummy.io.internal.loop;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.function.BiPredicate;
import mummy.io.internal.ffi.Epoll;
import mummy.io.internal.ffi.SocketAddresses;
import mummy.io.internal.ffi.Sockets;
import mummy.io.ServerMetrics.CloseReason;
import mummy.io.internal.http.ParsedRequest;
import mummy.io.internal.jfr.ConnectionClosedEvent;
import mummy.io.internal.jfr.Jfr;
import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;

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
 * connection ({@link Connection#carry}). Writes are the {@link SocketWriter}'s.
 *
 * <p>Timers are the {@link ConnectionTimers}' (with the write timeout's minimum rate).
 *
 * <p>Threading: IO thread only.
 */
final class ConnectionIo {

    private static final System.Logger LOG = System.getLogger("mummy.io");
    static final int READ_BUFFER_SIZE = 64 * 1024;
    /** The interim answer to {@code Expect: 100-continue}; shared, never written to. */
    static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final IoLoop loop;
    private final LoopConfig config;
    private final SocketReader reader = new SocketReader(this);
    private final SocketWriter writer = new SocketWriter();
    /** Connections with output queued this turn; each once (its dirty flag). Bounded by the connection count. */
    private final ArrayList<Connection> dirty = new ArrayList<>();
    private final ConnectionTimers timers;
    private final Budget budget;
    private final boolean pingsOn;
    private final boolean heartbeatOn;
    private final LoopMetrics metrics;

    private final GuardedStep onEvent = new GuardedStep("event", (c, argument, mask) -> event(c, mask));
    private final GuardedStep onSend = new GuardedStep("send", (c, send, unused) -> send(c, (IoCommand.Send) send));
    private final GuardedStep onFrame = new GuardedStep("frame", (c, frame, unused) -> frame(c, (IoCommand.WsFrame) frame));
    private final GuardedStep onWsResume = new GuardedStep("ws-resume", (c, unused, unused2) -> wsResume(c));
    private final GuardedStep onBodyResume = new GuardedStep("body-resume", (c, body, unused) -> bodyResume(c, (LoopRequestBody) body));
    private final GuardedStep onAbort = new GuardedStep("abort", (c, reason, unused) -> {
        c.abortOnClose = true;
        close(c, CloseReason.LIMIT, (String) reason);
    });
    private final GuardedStep onExpired = new GuardedStep("expire",
            (c, now, kind) -> expired(c, Deadlines.Kind.values()[kind], (Long) now));
    private final GuardedStep onFlush = new GuardedStep("flush", (c, unused, unused2) -> {
        flush(c);
        reader.afterOutput(c);
    });
    private final GuardedStep onResumeReading = new GuardedStep("resume", (c, unused, unused2) -> reader.resume(c));
    private final GuardedStep onShutdown = new GuardedStep("shutdown", (c, unused, unused2) -> {
        c.because(CloseReason.SHUTDOWN);
        c.mode.shutdown();
    });
    private final GuardedStep onAccept = new GuardedStep("accept", (c, unused, unused2) -> { });

    ConnectionIo(IoLoop loop) {
        this.loop = loop;
        this.config = loop.config;
        this.timers = new ConnectionTimers(config);
        this.budget = new Budget(config.buffers());
        this.pingsOn = !config.webSockets().pingInterval().isZero();
        this.heartbeatOn = !config.timeouts().heartbeat().isZero();
        this.metrics = loop.metrics;
    }

    // ------------------------------------------------------------------ what the modes use

    LoopConfig config() {
        return config;
    }

    Budget budget() {
        return budget;
    }

    /** {@return the server's request series} */
    HttpMetrics http() {
        return loop.http;
    }

    /** {@return the loop's counters (IO thread side)} */
    LoopMetrics metrics() {
        return metrics;
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
        return new HttpExchange(loop.port, connection.fd, connection.generation, sequence, request,
                connection.remoteSockaddr, streamed, loop.turnNanos);
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
        metrics.webSocketOpened();
        connection.mode = ws;
        timers.cancel(connection);
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
    private void guarded(Connection connection, GuardedStep step, Object argument, int value) {
        assert loop.onIoThread() : "connection work off the IO thread: " + Thread.currentThread();
        if (connection.closed()) {
            return;
        }
        try {
            if (GuardedStep.faults != null) {
                GuardedStep.faults.before(step.name(), remotePort(connection));
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
            timers.retime(connection);
        }
        budget.recount(connection);
    }

    private static int remotePort(Connection connection) {
        return SocketAddresses.decode(MemorySegment.ofArray(connection.remoteSockaddr)).getPort();
    }

    private void failed(Connection connection, GuardedStep step, Throwable unexpected) {
        try {
            LOG.log(System.Logger.Level.ERROR, "connection.failed: fd " + connection.fd + " closed after an"
                    + " unexpected error in " + step.name(), unexpected);
        } catch (Throwable logFailed) {
            // NOTE: logging can fail too (an OutOfMemoryError): closing the connection matters more
        }
        try {
            connection.abortOnClose = true;
            close(connection, CloseReason.ERROR, "unexpected error");
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
        if (send.last() && metrics.on && send.slot().exchange() != null) {
            // The final answer arrived (also for a connection closed meanwhile): count the request.
            send.slot().exchange().meter(loop.http, loop.turnNanos);
            metrics.answered();
        }
        if (connection == null || connection.closed()) {
            // NOTE: the connection closed (its fd may be reused): the response has nowhere to go, and
            // what it carries ends here (a file is closed, a stream or a WebSocket never opens)
            send.discard();
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
        while ((connection = timers.pollExpired(now)) != null) {
            guarded(connection, onExpired, boxed, connection.expired.ordinal());
        }
    }

    /** Milliseconds until the next deadline, or -1 when there is none. */
    int millisUntilNextDeadline() {
        return timers.millisUntilNext();
    }

    // ------------------------------------------------------------------ steps

    private void event(Connection connection, int mask) {
        int hangUp = mask & (Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR);
        if (hangUp != 0 && connection.mode instanceof Http1Mode http && http.streaming()) {
            close(connection, CloseReason.CLIENT_CLOSED, "the client of a stream went away"); // prompt disconnect detection
            return;
        }
        if ((mask & Epoll.EPOLLIN) != 0 || hangUp != 0) {
            // After a hang-up no further edge will come: read on to the end or the error.
            connection.hangUp |= hangUp != 0;
            reader.read(connection);
        }
        if ((mask & Epoll.EPOLLOUT) != 0 && !connection.closed() && connection.writeBlocked) {
            flush(connection);
            reader.afterOutput(connection);
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
            reader.resume(connection);
        }
    }

    private void bodyResume(Connection connection, LoopRequestBody body) {
        if (connection.mode instanceof Http1Mode http && http.onBodyResume(body)) {
            reader.resume(connection);
        }
    }

    private void expired(Connection connection, Deadlines.Kind kind, long now) {
        switch (kind) {
            case WRITE -> {
                if (!timers.newWriteWindow(connection, now)) {
                    connection.abortOnClose = true; // drop what the peer would not read
                    close(connection, CloseReason.WRITE_TIMEOUT, "timeout WRITE");
                }
            }
            case LINGER -> close(connection, null, "timeout LINGER");
            default -> connection.mode.expired(kind, now);
        }
    }

    // ------------------------------------------------------------------ writing

    private void flush(Connection connection) {
        String failure = writer.flush(connection);
        if (failure != null) {
            close(connection, failure.startsWith("file") ? CloseReason.ERROR : CloseReason.CLIENT_CLOSED, failure);
        }
    }

    // ------------------------------------------------------------------ timers and closing

    /**
     * Closes a connection whose last response is written. After a refused request the client may
     * still be sending: shut down our side and discard its input for a moment, so that it reads
     * our answer instead of a reset (a lingering close).
     */
    private void finish(Connection connection) {
        if (!connection.lingerOnClose || connection.inputClosed) {
            close(connection, null, null);
            return;
        }
        Sockets.shutdown(connection.fd, Sockets.SHUT_WR);
        connection.state = Connection.State.LINGERING;
        timers.schedule(connection, Deadlines.Kind.LINGER);
        reader.discard(connection);
    }

    /**
     * Closes the socket and frees the connection's slot; late messages to it are dropped.
     *
     * @param connection the connection
     * @param cause why, for the metrics; null for the reason set earlier ({@link Connection#because}),
     *              else {@link CloseReason#COMPLETED}
     * @param detail what happened, for the debug log; null for a normal end
     */
    void close(Connection connection, CloseReason cause, String detail) {
        if (connection.closed()) {
            return;
        }
        connection.state = Connection.State.CLOSED;
        timers.cancel(connection);
        CloseReason reason = cause != null ? cause
                : connection.closeReason != null ? connection.closeReason : CloseReason.COMPLETED;
        try {
            connection.mode.closed();
        } finally {
            if (detail != null) {
                LOG.log(System.Logger.Level.DEBUG, "connection.closed: fd {0}: {1}", connection.fd, detail);
            }
            metrics.closed(reason);
            if (Jfr.connectionClosedEnabled()) {
                ConnectionClosedEvent event = new ConnectionClosedEvent();
                event.reason = reason.name();
                event.detail = detail;
                event.fd = connection.fd;
                event.remoteAddress = SocketAddresses.decode(MemorySegment.ofArray(connection.remoteSockaddr)).toString();
                event.commit();
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
        timers.cancel(connection);
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
