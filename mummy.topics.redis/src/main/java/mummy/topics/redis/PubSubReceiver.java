package mummy.topics.redis;

import java.lang.System.Logger.Level;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Pub/sub mode: one connection holds a SUBSCRIBE for every topic with a local listener, plus the
 * broker's own control channel (so that it is subscribed with no topic too). After each
 * (re)connection, once the control channel is confirmed, it subscribes every current topic again.
 *
 * <p>Threading: messages are dispatched on the receiver thread. {@link #topicAdded} and
 * {@link #topicRemoved} write SUBSCRIBE/UNSUBSCRIBE on the connection from the caller's thread,
 * one at a time (under {@code this}); a duplicate SUBSCRIBE is harmless.
 */
final class PubSubReceiver extends Receiver {
    private static final System.Logger LOG = System.getLogger(RedisBroker.class.getName());

    private volatile Subscriber current;

    PubSubReceiver(RedisBroker broker) {
        super(broker);
    }

    @Override
    void receive(Jedis jedis) {
        Subscriber subscriber = new Subscriber();
        current = subscriber;
        try {
            jedis.subscribe(subscriber, broker.controlChannel());
        } finally {
            current = null;
        }
    }

    @Override
    synchronized void topicAdded(String topic) {
        Subscriber subscriber = current;
        if (subscriber != null && subscriber.ready) {
            send(() -> subscriber.subscribe(broker.key(topic)));
        }
    }

    @Override
    synchronized void topicRemoved(String topic) {
        Subscriber subscriber = current;
        if (subscriber != null && subscriber.ready) {
            send(() -> subscriber.unsubscribe(broker.key(topic)));
        }
    }

    private void send(Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            // The receiver thread sees the broken connection too, and resubscribes on reconnection.
            LOG.log(Level.DEBUG, "topics.redis.subscribe.failed: the receiving connection is down", e);
        }
    }

    @Override
    void close() {
        Subscriber subscriber = current;
        closed = true;
        if (subscriber != null) {
            send(subscriber::unsubscribe);
        }
        super.close();
    }

    /** The JedisPubSub of one connection. */
    private final class Subscriber extends JedisPubSub {
        volatile boolean ready;

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (!ready && channel.equals(broker.controlChannel())) {
                synchronized (PubSubReceiver.this) {
                    ready = true;
                    String[] channels = broker.localTopics().stream().map(broker::key).toArray(String[]::new);
                    if (channels.length > 0) {
                        subscribe(channels);
                    }
                }
                connected();
            }
        }

        @Override
        public void onMessage(String channel, String message) {
            String topic = broker.topicOf(channel);
            if (topic != null) {
                broker.dispatch(Wire.decode(topic, message));
            }
        }
    }
}
