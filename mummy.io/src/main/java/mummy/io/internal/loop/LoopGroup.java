package mummy.io.internal.loop;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the IO loops of one server share: the connection cap and the permessage-deflate sessions,
 * both bounds of the whole server, not of each loop, and, when the loops do not each listen with
 * {@code SO_REUSEPORT}, the hand-over of accepted connections from the one loop that listens to
 * the others. The byte budget is split instead (each loop gets an even share of
 * {@link BufferLimits#total()}, see {@code ServerSettings.loop(int)}): it is recounted after every
 * piece of work on a connection, and one count for all loops would put a contended atomic on that
 * path.
 *
 * <p>Hand-over: loop 0 accepts every connection and gives each to the next loop in turn (itself
 * included; a loop that has stopped is skipped) as an {@link IoCommand.Adopt} in that loop's
 * queue, which registers it with its own epoll instance. The connection then lives on that loop.
 * What bounds the messages in flight: the cap, whose place loop 0 took before accepting.
 *
 * <p>Threading: any thread; {@link #join} by the thread that builds the loops, before any runs.
 */
public final class LoopGroup {

    /** One loop as the group sees it. */
    interface Member {
        /** Offers the loop a connection another loop accepted (its queue; any thread). */
        void adopt(IoCommand.Adopt connection);

        /** Whether the loop's IO thread has ended (it takes no connection any more). */
        boolean stopped();
    }

    private final ConnectionCap connections;
    private final DeflateSessions deflateSessions;
    private final boolean handOver;
    private final AtomicReferenceArray<Member> members;
    /** The loop the next accepted connection goes to; loop 0's IO thread only. */
    private int nextTarget;

    private LoopGroup(ConnectionCap connections, DeflateSessions deflateSessions, boolean handOver, int loops) {
        this.connections = connections;
        this.deflateSessions = deflateSessions;
        this.handOver = handOver;
        this.members = new AtomicReferenceArray<>(loops);
    }

    /**
     * The shared parts for {@code loops} loops of a server.
     *
     * @param maxConnections the server's connection cap
     * @param maxBufferedBytes the server's whole byte budget (it bounds the deflate sessions)
     * @param loops how many loops share them
     * @param reusePort whether each loop listens itself ({@code SO_REUSEPORT}); false: loop 0
     *                  listens alone and hands connections over
     * @return the shared parts
     */
    public static LoopGroup of(int maxConnections, long maxBufferedBytes, int loops, boolean reusePort) {
        return new LoopGroup(new ConnectionCap(maxConnections, loops), new DeflateSessions(maxBufferedBytes),
                loops > 1 && !reusePort, loops);
    }

    /** A group for a single loop of these settings (tests and benchmarks that build a loop alone). */
    static LoopGroup single(LoopConfig config) {
        return of(config.maxConnections(), config.buffers().total(), 1, true);
    }

    /**
     * Adds a loop; called by each loop as it is built.
     *
     * @param member the loop
     * @param roomWake wakes the loop to look for room under the cap
     * @return the loop's index
     */
    int join(Member member, Runnable roomWake) {
        int index = connections.register(roomWake);
        members.set(index, member);
        return index;
    }

    ConnectionCap connections() {
        return connections;
    }

    DeflateSessions deflateSessions() {
        return deflateSessions;
    }

    /**
     * Whether loop 0 listens alone and hands connections over.
     *
     * @return true when connections are handed over
     */
    public boolean handsOver() {
        return handOver;
    }

    /**
     * Loop 0's IO thread: where the connection it just accepted goes.
     *
     * @param self the accepting loop's index
     * @return a loop's index, {@code self} when not handing over or no other loop runs
     */
    int target(int self) {
        if (!handOver) {
            return self;
        }
        int loops = members.length();
        for (int tried = 0; tried < loops; tried++) {
            int candidate = nextTarget;
            nextTarget = (nextTarget + 1) % loops;
            Member member = members.get(candidate);
            if (candidate == self || member != null && !member.stopped()) {
                return candidate;
            }
        }
        return self;
    }

    /** Hands an accepted connection to loop {@code target} (see {@link #target}). */
    void handOver(int target, IoCommand.Adopt connection) {
        members.get(target).adopt(connection);
    }

    /**
     * How many loops share this group.
     *
     * @return the count
     */
    public int loops() {
        return connections.loops();
    }
}
