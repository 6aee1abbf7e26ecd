package mummy.io.internal.loop;

/**
 * What the IO loops of one server share: the connection cap and the permessage-deflate sessions,
 * both bounds of the whole server, not of each loop. The byte budget is split instead (each loop
 * gets an even share of {@link BufferLimits#total()}, see {@code ServerSettings.loop(int)}): it is
 * recounted after every piece of work on a connection, and one count for all loops would put a
 * contended atomic on that path.
 *
 * <p>Threading: any thread; both parts are atomic.
 */
public final class LoopGroup {

    private final ConnectionCap connections;
    private final DeflateSessions deflateSessions;

    private LoopGroup(ConnectionCap connections, DeflateSessions deflateSessions) {
        this.connections = connections;
        this.deflateSessions = deflateSessions;
    }

    /**
     * The shared parts for {@code loops} loops of a server.
     *
     * @param maxConnections the server's connection cap
     * @param maxBufferedBytes the server's whole byte budget (it bounds the deflate sessions)
     * @param loops how many loops share them
     * @return the shared parts
     */
    public static LoopGroup of(int maxConnections, long maxBufferedBytes, int loops) {
        return new LoopGroup(new ConnectionCap(maxConnections, loops), new DeflateSessions(maxBufferedBytes));
    }

    /** A group for a single loop of these settings (tests and benchmarks that build a loop alone). */
    static LoopGroup single(LoopConfig config) {
        return of(config.maxConnections(), config.buffers().total(), 1);
    }

    ConnectionCap connections() {
        return connections;
    }

    DeflateSessions deflateSessions() {
        return deflateSessions;
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
