package mummy.io.internal.loop;

import java.util.Arrays;
import mummy.io.ServerMetrics;

/**
 * The state of one accepted socket that does not depend on its protocol: the bytes it sent that
 * are not parsed yet, the bytes waiting to be written, where it stands in its life, its timer and
 * its share of the memory budget. What depends on the protocol lives in its {@link #mode}: an
 * {@link Http1Mode} from the accept, a {@link WebSocketMode} once a 101 is queued.
 *
 * <pre>
 *     accept
 *       |
 *       v         EOF, Connection: close, refused request,
 *     OPEN  ----- shutdown, a WebSocket's closing handshake -------&gt; DRAINING
 *       |         (the mode reads and answers)                      (nothing more is parsed;
 *       |                                                            close once quiet)
 *       |                                                               |
 *       |                           written, after a refusal: shut down |
 *       |                           writing and discard input briefly   v
 *       |                                                            LINGERING
 *       |                                                               |
 *       +--- error, timeout, reset, grace period over ------------------+--&gt; CLOSED
 *                                                    (fd closed, slot freed, late messages dropped)
 * </pre>
 *
 * <p>Threading: IO thread only. Nothing here is shared; workers reach a connection only through
 * {@link IoCommand}s naming its fd and generation.
 *
 * <p>Memory: an idle connection holds no buffer: {@link #carry} exists only while a request or
 * frame is partly received, and the output queue's deque only while bytes wait for the socket.
 * Every byte held is counted by {@link #heldBytes()} for the {@link Budget}.
 */
final class Connection {

    /** Where the connection stands in its life; see the diagram above. */
    enum State {
        /** Reading and answering. */
        OPEN,
        /** Parsing nothing more: closes once nothing is in flight and nothing waits to be written. */
        DRAINING,
        /** Our side is shut down after a refusal; input is discarded until EOF or the LINGER deadline. */
        LINGERING,
        /** The fd is closed and the slot freed. */
        CLOSED
    }

    final int fd;
    final long generation;
    final byte[] remoteSockaddr;
    /** The protocol spoken on the connection now. */
    Mode mode;
    State state = State.OPEN;

    /** Received bytes not consumed by the mode yet, at {@code [0, carryLength)}; null when none. */
    byte[] carry;
    int carryLength;
    /** What waits for the socket. */
    final OutputQueue out = new OutputQueue();

    /** The socket may hold bytes we have not read (reading paused); read them on resume. */
    boolean readPending;
    /** epoll reported a hang-up or error: read until the end instead of stopping at a short read. */
    boolean hangUp;
    /** The peer closed its sending side. */
    boolean inputClosed;
    /** The socket's send buffer is full; wait for EPOLLOUT. */
    boolean writeBlocked;
    /** After a refusal: shut down writing and discard input before closing, so the peer reads our answer. */
    boolean lingerOnClose;
    /** Close with a reset (SO_LINGER 0), dropping unsent bytes: for peers that stopped reading. */
    boolean abortOnClose;
    /** Bytes arrived since the timer was last set: renews a BODY timeout. */
    boolean readProgress;
    /** Bytes written since the WRITE timeout was set, for the minimum write rate. */
    long writtenInWindow;
    /** The socket's unacknowledged bytes ({@code SIOCOUTQ}) when the WRITE timeout was set. */
    int unsentAtWindowStart;
    /** Why the connection will close, decided before it does (first reason wins); null for none yet. */
    ServerMetrics.CloseReason closeReason;
    /** In the loop's dirty list: flush at the end of this turn. */
    boolean dirty;

    /** The timeout this connection waits under, or null; see {@link Deadlines}. */
    Deadlines.Kind timer;
    /** When {@link #timer} expires, in the loop clock's nanoseconds. */
    long deadline;
    /** Neighbours in the {@link Deadlines} list of {@link #timer}. */
    Connection timerPrevious;
    Connection timerNext;
    /** Set by {@link Deadlines#pollExpired}: the timeout that just expired. */
    Deadlines.Kind expired;

    /** The fd was closed and the slot freed (once only: a second close could hit a reused fd). */
    boolean released;
    /** The bytes last counted for this connection in the {@link Budget}'s total. */
    long accounted;
    /** On the {@link Budget}'s list of connections waiting for the total to fall. */
    boolean waitingForBudget;

    Connection(int fd, long generation, byte[] remoteSockaddr) {
        this.fd = fd;
        this.generation = generation;
        this.remoteSockaddr = remoteSockaddr;
    }

    /** Records why the connection will close, unless a reason was recorded already. */
    void because(ServerMetrics.CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    /** Whether the fd is closed. */
    boolean closed() {
        return state == State.CLOSED;
    }

    /** Whether nothing more is parsed (draining, lingering or closed). */
    boolean draining() {
        return state != State.OPEN;
    }

    /** Whether nothing is in flight and nothing waits to be written. */
    boolean quiet() {
        return out.isEmpty() && mode.quiet();
    }

    /** Every byte held for this connection: its carry, its output, and what its mode holds. */
    long heldBytes() {
        return (carry == null ? 0 : carry.length) + out.heldBytes() + mode.heldBytes();
    }

    /** Keeps {@code bytes[from, to)} as the unparsed rest, reusing the carry array when it is the source. */
    void keep(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length == 0) {
            carry = null;
            carryLength = 0;
            return;
        }
        if (bytes == carry) {
            System.arraycopy(carry, from, carry, 0, length);
        } else {
            carry = Arrays.copyOfRange(bytes, from, from + Math.max(length, Math.min(2 * length, length + 4096)));
        }
        carryLength = length;
    }

    /** Drops the unparsed rest. */
    void dropCarry() {
        carry = null;
        carryLength = 0;
    }

    /** Makes room for at least {@code free} more bytes after the carry. */
    void reserve(int free) {
        if (carry.length - carryLength < free) {
            carry = Arrays.copyOf(carry, carryLength + Math.max(free, carryLength));
        }
    }

    @Override
    public String toString() {
        return "fd " + fd;
    }
}
