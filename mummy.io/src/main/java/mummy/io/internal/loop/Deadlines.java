package mummy.io.internal.loop;

/**
 * The IO thread's timers: one intrusive, doubly linked list per kind of timeout. All timeouts of a
 * kind have the same duration, so appending keeps each list sorted by deadline, and scheduling,
 * rescheduling, cancelling and expiring are all O(1) — no heap, no wheel, no thread per
 * connection. A connection is in at most one list at a time (its {@link Connection#timer}).
 *
 * <p>Threading: IO thread only. Time comes from the loop's injected nanosecond clock, so tests
 * can move it forward without sleeping.
 */
final class Deadlines {

    /** What a connection is waiting for, and what happens when the wait is too long. */
    enum Kind {
        /** A request head is being received: 408, then close (bounds the whole head, slowloris). */
        HEADER,
        /** A body stopped arriving: 408, then close (renewed on each read that brings bytes). */
        BODY,
        /** Keep-alive connection with nothing to do: quiet close. */
        IDLE,
        /** The peer does not read what we write: close (renewed on each write that makes progress). */
        WRITE,
        /** Our side is shut down after a refusal; the peer has this long to close its side. */
        LINGER,
        /** Our WebSocket Close frame is out; the peer has this long to answer with its own. */
        CLOSE,
        /** An open WebSocket: time for the next ping (and to give up if the last got no pong). */
        PING,
        /** An event stream: time for a heartbeat comment. */
        HEARTBEAT
    }

    private final long[] durations = new long[Kind.values().length];
    private final Connection[] heads = new Connection[Kind.values().length];
    private final Connection[] tails = new Connection[Kind.values().length];

    /**
     * @param header header timeout, nanoseconds
     * @param body body stall timeout, nanoseconds
     * @param idle keep-alive idle timeout, nanoseconds
     * @param write write stall timeout, nanoseconds
     * @param linger lingering close timeout, nanoseconds
     * @param close WebSocket closing handshake timeout, nanoseconds
     * @param ping WebSocket ping interval, nanoseconds (0 when pings are off)
     * @param heartbeat server-sent events heartbeat interval, nanoseconds (0 when off)
     */
    Deadlines(long header, long body, long idle, long write, long linger, long close, long ping, long heartbeat) {
        durations[Kind.HEADER.ordinal()] = header;
        durations[Kind.BODY.ordinal()] = body;
        durations[Kind.IDLE.ordinal()] = idle;
        durations[Kind.WRITE.ordinal()] = write;
        durations[Kind.LINGER.ordinal()] = linger;
        durations[Kind.CLOSE.ordinal()] = close;
        durations[Kind.PING.ordinal()] = ping;
        durations[Kind.HEARTBEAT.ordinal()] = heartbeat;
    }

    /** Puts the connection on {@code kind}'s list with a deadline of now + that kind's duration. */
    void schedule(Connection connection, Kind kind, long now) {
        cancel(connection);
        int k = kind.ordinal();
        connection.timer = kind;
        connection.deadline = now + durations[k];
        connection.timerPrevious = tails[k];
        connection.timerNext = null;
        if (tails[k] == null) {
            heads[k] = connection;
        } else {
            tails[k].timerNext = connection;
        }
        tails[k] = connection;
    }

    /** Takes the connection off its list, if it is on one. */
    void cancel(Connection connection) {
        Kind kind = connection.timer;
        if (kind == null) {
            return;
        }
        int k = kind.ordinal();
        if (connection.timerPrevious == null) {
            heads[k] = connection.timerNext;
        } else {
            connection.timerPrevious.timerNext = connection.timerNext;
        }
        if (connection.timerNext == null) {
            tails[k] = connection.timerPrevious;
        } else {
            connection.timerNext.timerPrevious = connection.timerPrevious;
        }
        connection.timer = null;
        connection.timerPrevious = null;
        connection.timerNext = null;
    }

    /**
     * Removes and returns one connection whose deadline has passed, or null.
     *
     * @param now the current time, nanoseconds
     * @return an expired connection, off every list, with {@link Connection#expired} saying which
     *         timeout it was; or null
     */
    Connection pollExpired(long now) {
        for (Connection head : heads) {
            if (head != null && now - head.deadline >= 0) {
                Kind kind = head.timer;
                cancel(head);
                head.expired = kind;
                return head;
            }
        }
        return null;
    }

    /**
     * Milliseconds until the earliest deadline, for {@code epoll_wait}; -1 when none.
     *
     * @param now the current time, nanoseconds
     * @return 0 or more, or -1
     */
    int millisUntilNext(long now) {
        long earliest = Long.MAX_VALUE;
        for (Connection head : heads) {
            if (head != null) {
                earliest = Math.min(earliest, head.deadline - now);
            }
        }
        if (earliest == Long.MAX_VALUE) {
            return -1;
        }
        return Math.clamp((earliest + 999_999) / 1_000_000, 0, Integer.MAX_VALUE);
    }
}
