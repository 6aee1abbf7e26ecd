package mummy.io.internal.loop;

import java.util.function.LongSupplier;

/**
 * Which timeout a connection waits under, and the write timeout's minimum rate.
 *
 * <p>A connection whose writes are blocked waits under WRITE; a lingering one under LINGER; any
 * other under what its {@link Mode#timer()} asks for, BODY renewed by each read that brings bytes.
 * When WRITE expires, the connection survives only if it took at least
 * {@link BufferLimits#minWriteRate()} bytes per second over the window (any progress at all when
 * the rate is 0), and a new window starts: a client that reads a trickle cannot hold its output
 * for ever, however often it reads a little.
 *
 * <p>NOTE: "taken" is what the kernel accepted into the socket's send buffer, not what the peer
 * acknowledged. While the kernel still grows that buffer (autotuning, early in a connection) a
 * peer that reads nothing can be credited with a window's worth, and so keep its output for one
 * or two more windows (seen in the soak: closed 45-90 s after the peer stopped, not 30 s). Memory
 * stays within the connection's limit meanwhile. Counting acknowledged bytes ({@code SIOCOUTQ})
 * would close that gap.
 *
 * <p>Threading: IO thread only.
 */
final class ConnectionTimers {

    private static final System.Logger LOG = System.getLogger("mummy.io");

    private final Deadlines deadlines;
    private final LongSupplier clock;
    /** The least a blocked connection must take per WRITE window to keep it; 0: any progress. */
    private final long minWindowBytes;

    ConnectionTimers(LoopConfig config) {
        this.deadlines = config.timeouts().deadlines(config.webSockets());
        this.clock = config.nanoClock();
        this.minWindowBytes = config.buffers().minWriteRate() * config.timeouts().write().toMillis() / 1000;
    }

    /** Puts the connection under the timeout its state calls for (see the class comment). */
    void retime(Connection connection) {
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

    /**
     * The WRITE timeout expired: starts a new window if the connection took enough in this one.
     *
     * @return false when it read too slowly (the caller closes it)
     */
    boolean newWriteWindow(Connection connection, long now) {
        long taken = connection.writtenInWindow;
        if (taken > 0 && taken >= minWindowBytes) {
            connection.writtenInWindow = 0;
            deadlines.schedule(connection, Deadlines.Kind.WRITE, now);
            return true;
        }
        LOG.log(System.Logger.Level.DEBUG, "connection.slow_reader: fd {0}: {1} bytes taken in the write timeout,"
                + " at least {2} needed", connection.fd, taken, minWindowBytes);
        return false;
    }

    /** Puts the connection under {@code kind} from now. */
    void schedule(Connection connection, Deadlines.Kind kind) {
        deadlines.schedule(connection, kind, clock.getAsLong());
    }

    /** Takes the connection off its timer. */
    void cancel(Connection connection) {
        deadlines.cancel(connection);
    }

    /** One connection whose timeout expired by {@code now}, or null; see {@link Deadlines#pollExpired}. */
    Connection pollExpired(long now) {
        return deadlines.pollExpired(now);
    }

    /** Milliseconds until the next deadline, or -1 when there is none. */
    int millisUntilNext() {
        return deadlines.millisUntilNext(clock.getAsLong());
    }
}
