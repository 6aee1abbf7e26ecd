package mummy.topics.redis;

import java.lang.System.Logger.Level;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The broker's one receiving connection and its thread: connect, receive until the connection
 * fails, report the outage, wait the backoff, reconnect (and resubscribe), until closed.
 * Subclasses say what receiving is (pub/sub or stream reads).
 *
 * <p>Threading: {@link #run} on its own platform thread; {@link #close} from any thread.
 */
abstract class Receiver implements Runnable {
    private static final System.Logger LOG = System.getLogger(RedisBroker.class.getName());

    final RedisBroker broker;
    private final Backoff backoff;
    volatile boolean closed;
    private volatile Jedis connection;

    Receiver(RedisBroker broker) {
        this.broker = broker;
        this.backoff = new Backoff(broker.options().minBackoff(), broker.options().maxBackoff());
    }

    /** Receives on an open connection until it fails or the broker closes. */
    abstract void receive(Jedis jedis);

    @Override
    public final void run() {
        while (!closed) {
            try (Jedis jedis = broker.connect(true)) {
                connection = jedis;
                if (closed) {
                    return;
                }
                receive(jedis);
            } catch (JedisException | IllegalStateException e) {
                if (closed) {
                    return;
                }
                broker.disconnected(e);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(Level.ERROR, "topics.redis.receiver.failed: unexpected failure; reconnecting", e);
                broker.disconnected(e);
            } finally {
                connection = null;
            }
            pause(backoff.nextDelayMillis());
        }
    }

    /** The connection is up and subscribed: resets the backoff and ends an outage. */
    void connected() {
        backoff.reset();
        broker.connected();
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            closed = true;
            Thread.currentThread().interrupt();
        }
    }

    /** Stops receiving: closes the connection, which ends a blocked read. */
    void close() {
        closed = true;
        Jedis jedis = connection;
        if (jedis != null) {
            try {
                jedis.disconnect();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "topics.redis.close: disconnecting the receiver failed", e);
            }
        }
    }

    /** A topic got its first local listener (called under the registry's lock: must not block long). */
    abstract void topicAdded(String topic);

    /** A topic lost its last local listener (called under the registry's lock). */
    abstract void topicRemoved(String topic);
}
