package mummy.io.internal.loop;

import java.util.function.LongSupplier;
import mummy.io.internal.ffi.Sockets;

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
 * <p>"Took" means acknowledged by the peer: the bytes written into the socket in the window, less
 * the growth of its unacknowledged send queue ({@code SIOCOUTQ}, two system calls per window).
 * Counting what the kernel accepted instead let a peer that reads nothing keep its output for one
 * or two more windows while the kernel grew its send buffer (autotuning): the soak saw such
 * clients closed 45-90 s after they stopped instead of about 30 s.
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
                startWriteWindow(connection, now);
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
        long taken = acknowledgedInWindow(connection);
        if (taken > 0 && taken >= minWindowBytes) {
            startWriteWindow(connection, now);
            return true;
        }
        LOG.log(System.Logger.Level.DEBUG, "connection.slow_reader: fd {0}: {1} bytes taken in the write timeout,"
                + " at least {2} needed", connection.fd, taken, minWindowBytes);
        return false;
    }

    private void startWriteWindow(Connection connection, long now) {
        connection.writtenInWindow = 0;
        connection.unsentAtWindowStart = Math.max(0, Sockets.unsentBytes(connection.fd));
        deadlines.schedule(connection, Deadlines.Kind.WRITE, now);
    }

    /**
     * What the peer took in this window: the bytes written into the socket, less the growth of
     * what it holds unacknowledged ({@code SIOCOUTQ}); the bytes written if the kernel cannot say.
     */
    private static long acknowledgedInWindow(Connection connection) {
        int unsent = Sockets.unsentBytes(connection.fd);
        if (unsent < 0) {
            return connection.writtenInWindow;
        }
        return connection.writtenInWindow - (unsent - connection.unsentAtWindowStart);
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
