package mummy.topics.redis;

import java.lang.System.Logger.Level;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The broker's command connection (PUBLISH or XADD, XRANGE, XREVRANGE, XLEN, CLIENT UNBLOCK):
 * connected on first use, dropped when a command fails and connected again by the next one.
 *
 * <p>Threading: any thread; commands run one at a time (a round trip each), under this object's
 * lock, so a caller waits for the one before (at most the broker's timeout when Redis is slow).
 */
final class Commands implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisBroker.class.getName());

    private final Supplier<Jedis> connector;
    private Jedis connection;

    Commands(Supplier<Jedis> connector) {
        this.connector = connector;
    }

    /**
     * Runs one command on the connection.
     *
     * @throws JedisException if Redis is unreachable or the command failed (the connection is dropped)
     */
    synchronized <T> T call(Function<Jedis, T> command) {
        try {
            if (connection == null) {
                connection = connector.get();
            }
            return command.apply(connection);
        } catch (JedisException e) {
            drop();
            throw e;
        }
    }

    /** Closes the connection; a later {@link #call} connects again. */
    @Override
    public synchronized void close() {
        drop();
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "topics.redis.close: closing a failed connection failed", e);
            }
            connection = null;
        }
    }
}
