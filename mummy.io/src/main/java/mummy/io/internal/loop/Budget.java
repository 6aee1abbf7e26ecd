package mummy.io.internal.loop;

import java.util.ArrayList;

/**
 * The bytes the IO loop holds for all its connections, against {@link BufferLimits#total()}.
 *
 * <p>Each connection's share is {@link Connection#heldBytes()}: its carry, its output queue, and
 * what its mode holds (buffered request bodies from the head's admission until the response is
 * queued, responses waiting for their turn, a WebSocket's inbound events). The loop recounts a
 * connection after every piece of work on it ({@link #recount}), so the total is exact at the end
 * of each step; the one part other threads change, a WebSocket mailbox drained by its worker, is
 * recounted when the IO thread next touches that connection.
 *
 * <p>At the bound: a request whose buffered body would take the total past it is refused with 503
 * before its body is read ({@link #fits}); connections that would add to the total (a partial
 * request head, responses in flight, a WebSocket) stop reading and wait on a list ({@link #defer})
 * filled by the IO thread and drained by it ({@link #takeResumable}) once the total falls to
 * three quarters of the bound. The list holds each connection at most once, so it is bounded by
 * the connection cap. A body already admitted goes on arriving (its bytes were counted when it was
 * admitted), so waiting connections cannot hold the budget for ever: what they wait for is output
 * that a client reads, or that the write timeout cuts off.
 *
 * <p>Threading: IO thread only.
 */
final class Budget {

    /**
     * What one queued file region counts for: its open descriptor, scarcer than memory, so that
     * the per-connection limit also bounds the files a client that does not read keeps open
     * (1 MiB: 16 queued files, plus the answers in flight).
     */
    static final int FILE_COST = 64 * 1024;

    private final BufferLimits limits;
    private final long resumeBelow;
    private long total;
    private final ArrayList<Connection> waiting = new ArrayList<>();

    Budget(BufferLimits limits) {
        this.limits = limits;
        this.resumeBelow = limits.total() / 4 * 3;
    }

    /** Updates the total with what the connection holds now (nothing once it is closed). */
    void recount(Connection connection) {
        long now = connection.closed() ? 0 : connection.heldBytes();
        total += now - connection.accounted;
        connection.accounted = now;
    }

    /** Whether {@code bytes} more for this connection stay within the total. */
    boolean fits(Connection connection, long bytes) {
        recount(connection);
        return total + bytes <= limits.total();
    }

    /** Whether the total is past its bound. */
    boolean exhausted() {
        return total > limits.total();
    }

    /** Whether the connection's output and answers in flight passed its own limit. */
    boolean full(long pending) {
        return pending > limits.perConnection();
    }

    /** Puts a connection that stopped reading for the budget on the waiting list, once. */
    void defer(Connection connection) {
        if (!connection.waitingForBudget) {
            connection.waitingForBudget = true;
            waiting.add(connection);
        }
    }

    /**
     * The connections to read again, in the order they started waiting, once the total has fallen
     * to three quarters of its bound; otherwise none. They are off the list when returned.
     *
     * @return the connections, possibly closed meanwhile; an empty list when none
     */
    ArrayList<Connection> takeResumable() {
        if (waiting.isEmpty() || total > resumeBelow) {
            return EMPTY;
        }
        ArrayList<Connection> resumable = new ArrayList<>(waiting);
        waiting.clear();
        resumable.forEach(c -> c.waitingForBudget = false);
        return resumable;
    }

    private static final ArrayList<Connection> EMPTY = new ArrayList<>(0);
}
