package mummy.io.internal.metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import mummy.io.ServerMetrics;

/**
 * The counters of one IO loop: connections, WebSockets, streams and the loop's own turns. Almost
 * all are counted by the IO thread into {@link OpaqueCounters} (a plain add each); the few that
 * workers count (sends that met backpressure, streams their writer cut off) are {@link LongAdder}s.
 * When metrics are off ({@link #on} false) every method returns at once and the loop skips its
 * clock reads.
 *
 * <p>Threading: the methods marked "IO thread" by the loop's thread only; "worker" methods and
 * the snapshots from any thread.
 */
public final class LoopMetrics {

    private static final ServerMetrics.CloseReason[] REASONS = ServerMetrics.CloseReason.values();
    /** Close codes counted one by one: 1000–1015 (RFC 6455 7.4.1 and the IANA registry); others under 0. */
    private static final int FIRST_CODE = 1000;
    private static final int CODES = 16;
    /** Buckets of events per turn: 0, 1, 2, 4, … 512 (the loop takes at most 512 per epoll_wait). */
    private static final long[] EVENT_BOUNDS = {0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private static final int ACCEPTED = 0;
    private static final int OPEN = 1;
    private static final int PAUSED_AT_CAP = 2;
    private static final int WS_OPEN = 3;
    private static final int WS_MESSAGES_IN = 4;
    private static final int WS_MESSAGES_OUT = 5;
    private static final int WS_BYTES_IN = 6;
    private static final int WS_BYTES_OUT = 7;
    private static final int WS_INPUT_PAUSED = 8;
    private static final int STREAMS_OPEN = 9;
    private static final int STREAMS_CUT = 10;
    private static final int UPLOADED = 11;
    private static final int TURNS = 12;
    private static final int EVENTS = 13;
    private static final int COMMANDS = 14;
    private static final int WAIT_NANOS = 15;
    private static final int WORK_NANOS = 16;
    private static final int DISPATCHED = 17;
    private static final int ANSWERED = 18;
    private static final int CLOSED = 19;
    private static final int WS_CODES = CLOSED + REASONS.length;
    private static final int EVENT_BUCKETS = WS_CODES + CODES + 1;
    private static final int SIZE = EVENT_BUCKETS + EVENT_BOUNDS.length + 1;

    /** Whether anything is counted. */
    public final boolean on;
    private final OpaqueCounters io = new OpaqueCounters(SIZE);
    private final LongAdder backpressured = new LongAdder();
    private final LongAdder cutByWriter = new LongAdder();

    /**
     * Counters at zero.
     *
     * @param on false to count nothing
     */
    public LoopMetrics(boolean on) {
        this.on = on;
    }

    private void add(int index, long delta) {
        if (on) {
            io.add(index, delta);
        }
    }

    /** IO thread: a connection was accepted. */
    public void accepted() {
        add(ACCEPTED, 1);
        add(OPEN, 1);
    }

    /**
     * IO thread: a connection closed.
     *
     * @param reason why
     */
    public void closed(ServerMetrics.CloseReason reason) {
        add(OPEN, -1);
        add(CLOSED + reason.ordinal(), 1);
    }

    /** IO thread: accepting stopped at the connection cap. */
    public void pausedAtCap() {
        add(PAUSED_AT_CAP, 1);
    }

    /** IO thread: a request was handed to a handler. */
    public void dispatched() {
        add(DISPATCHED, 1);
    }

    /** IO thread: the final answer of a request handed to a handler arrived. */
    public void answered() {
        add(ANSWERED, 1);
    }

    /** IO thread: a WebSocket opened. */
    public void webSocketOpened() {
        add(WS_OPEN, 1);
    }

    /**
     * IO thread: a WebSocket session ended.
     *
     * @param code its close code
     */
    public void webSocketClosed(int code) {
        add(WS_OPEN, -1);
        int slot = code - FIRST_CODE;
        add(WS_CODES + (slot >= 0 && slot < CODES ? 1 + slot : 0), 1);
    }

    /**
     * IO thread: a whole message arrived.
     *
     * @param bytes its payload's length
     */
    public void webSocketMessageIn(long bytes) {
        add(WS_MESSAGES_IN, 1);
        add(WS_BYTES_IN, bytes);
    }

    /**
     * IO thread: a data frame a worker sent was queued.
     *
     * @param bytes its length on the wire
     */
    public void webSocketFrameOut(long bytes) {
        add(WS_MESSAGES_OUT, 1);
        add(WS_BYTES_OUT, bytes);
    }

    /** IO thread: reading a WebSocket paused for its handler. */
    public void webSocketInputPaused() {
        add(WS_INPUT_PAUSED, 1);
    }

    /** Worker: a send reported backpressure. */
    public void backpressured() {
        if (on) {
            backpressured.increment();
        }
    }

    /** IO thread: a response stream's head went out. */
    public void streamOpened() {
        add(STREAMS_OPEN, 1);
    }

    /**
     * IO thread: a response stream ended.
     *
     * @param cut whether it ended early (its client went away)
     */
    public void streamEnded(boolean cut) {
        add(STREAMS_OPEN, -1);
        if (cut) {
            add(STREAMS_CUT, 1);
        }
    }

    /** Worker: a writer that ignored backpressure had its stream cut off. */
    public void streamCutByWriter() {
        if (on) {
            cutByWriter.increment();
        }
    }

    /**
     * IO thread: bytes of a streamed request body arrived for its reader.
     *
     * @param bytes how many
     */
    public void uploaded(long bytes) {
        add(UPLOADED, bytes);
    }

    /**
     * IO thread: one turn of the loop.
     *
     * @param events the epoll events it handled
     * @param commands the queue messages it took
     * @param waitNanos time in epoll_wait
     * @param workNanos time after it
     */
    public void turn(int events, int commands, long waitNanos, long workNanos) {
        if (!on) {
            return;
        }
        io.add(TURNS, 1);
        io.add(EVENTS, events);
        io.add(COMMANDS, commands);
        io.add(WAIT_NANOS, waitNanos);
        io.add(WORK_NANOS, workNanos);
        io.add(EVENT_BUCKETS + Histogram.bucketOf(EVENT_BOUNDS, events), 1);
    }

    /**
     * The connections part of a snapshot, summed over a server's loops.
     *
     * @param loops the loops' counters
     * @return the part
     */
    public static ServerMetrics.Connections connections(List<LoopMetrics> loops) {
        Map<ServerMetrics.CloseReason, Long> closed = new EnumMap<>(ServerMetrics.CloseReason.class);
        for (ServerMetrics.CloseReason reason : REASONS) {
            closed.put(reason, sum(loops, CLOSED + reason.ordinal()));
        }
        return new ServerMetrics.Connections(sum(loops, OPEN), sum(loops, ACCEPTED), sum(loops, PAUSED_AT_CAP),
                closed);
    }

    /**
     * The WebSockets part of a snapshot, summed over a server's loops.
     *
     * @param loops the loops' counters
     * @return the part
     */
    public static ServerMetrics.WebSockets webSockets(List<LoopMetrics> loops) {
        Map<Integer, Long> codes = new LinkedHashMap<>();
        for (int i = 0; i <= CODES; i++) {
            long count = sum(loops, WS_CODES + i);
            if (count > 0) {
                codes.put(i == 0 ? 0 : FIRST_CODE + i - 1, count);
            }
        }
        return new ServerMetrics.WebSockets(sum(loops, WS_OPEN), sum(loops, WS_MESSAGES_IN),
                sum(loops, WS_MESSAGES_OUT), sum(loops, WS_BYTES_IN), sum(loops, WS_BYTES_OUT), codes,
                sum(loops, m -> m.backpressured.sum()), sum(loops, WS_INPUT_PAUSED));
    }

    /**
     * The streams part of a snapshot, summed over a server's loops.
     *
     * @param loops the loops' counters
     * @return the part
     */
    public static ServerMetrics.Streams streams(List<LoopMetrics> loops) {
        long cut = sum(loops, STREAMS_CUT) + sum(loops, m -> m.cutByWriter.sum());
        return new ServerMetrics.Streams(sum(loops, STREAMS_OPEN), cut, sum(loops, UPLOADED));
    }

    /**
     * The loop part of a snapshot.
     *
     * @param name the IO thread's name
     * @param queueDepth messages waiting in its queue now
     * @return the part
     */
    public ServerMetrics.IoLoop ioLoop(String name, long queueDepth) {
        long turns = io.get(TURNS);
        ServerMetrics.Histogram perTurn = Histogram.snapshot(EVENT_BOUNDS, EVENT_BOUNDS.length + 1,
                i -> io.get(EVENT_BUCKETS + i), io.get(EVENTS), 1);
        return new ServerMetrics.IoLoop(name, io.get(OPEN), io.get(ACCEPTED), turns, io.get(EVENTS), perTurn,
                io.get(COMMANDS), queueDepth, io.get(WAIT_NANOS) / 1e9, io.get(WORK_NANOS) / 1e9);
    }

    /**
     * Requests handed to handlers and answered so far, on all of a server's loops.
     *
     * @param loops the loops' counters
     * @return the count
     */
    public static long answeredCount(List<LoopMetrics> loops) {
        return sum(loops, ANSWERED);
    }

    /**
     * Requests handed to handlers so far, on all of a server's loops.
     *
     * @param loops the loops' counters
     * @return the count
     */
    public static long dispatchedCount(List<LoopMetrics> loops) {
        return sum(loops, DISPATCHED);
    }

    private static long sum(List<LoopMetrics> loops, int index) {
        long total = 0;
        for (LoopMetrics loop : loops) {
            total += loop.io.get(index);
        }
        return total;
    }

    private static long sum(List<LoopMetrics> loops, ToLongFunction<LoopMetrics> figure) {
        long total = 0;
        for (LoopMetrics loop : loops) {
            total += figure.applyAsLong(loop);
        }
        return total;
    }
}
