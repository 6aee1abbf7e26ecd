package mummy.topics.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Streams mode: one connection blocks in {@code XREAD} on the stream of every topic with a local
 * listener, each from the last entry this instance delivered; so after a reconnection it goes on
 * where it stopped, and what other instances published during the outage (and the history still
 * holds) is delivered late rather than lost. Messages published while Redis was down are lost.
 *
 * <p>{@code lastSeen}: filled by {@link RedisBroker#subscribe} (the stream's newest id when a topic
 * gets its first listener), advanced by the receiver thread, emptied per topic by
 * {@link #topicRemoved}; one entry per topic with a local listener. A new topic wakes the blocked
 * read: {@link RedisBroker#subscribe} sends {@code CLIENT UNBLOCK} for {@link #clientId} (and
 * {@link #topicAdded} ends the wait when there was no topic), else it is read within the block
 * time; nothing published after the subscription began is missed either way.
 */
final class StreamReceiver extends Receiver {
    private static final int BATCH = 256;

    final Map<String, StreamEntryID> lastSeen = new ConcurrentHashMap<>();
    volatile long clientId = -1;

    StreamReceiver(RedisBroker broker) {
        super(broker);
    }

    @Override
    void receive(Jedis jedis) {
        clientId = jedis.clientId();
        connected();
        int block = (int) Math.max(1, broker.options().blockTime().toMillis());
        while (!closed) {
            Map<String, StreamEntryID> from = new HashMap<>();
            lastSeen.forEach((topic, id) -> from.put(broker.key(topic), id));
            if (from.isEmpty()) {
                synchronized (this) {
                    try {
                        wait(block);
                    } catch (InterruptedException e) {
                        closed = true;
                        Thread.currentThread().interrupt();
                    }
                }
                jedis.ping();
                continue;
            }
            List<Map.Entry<String, List<StreamEntry>>> read =
                    jedis.xread(XReadParams.xReadParams().block(block).count(BATCH), from);
            if (read == null) {
                continue;
            }
            for (Map.Entry<String, List<StreamEntry>> stream : read) {
                String topic = broker.topicOf(stream.getKey());
                for (StreamEntry entry : stream.getValue()) {
                    if (topic != null && lastSeen.computeIfPresent(topic, (t, old) -> entry.getID()) != null) {
                        broker.dispatch(broker.decode(topic, entry));
                    }
                }
            }
        }
    }

    @Override
    void topicAdded(String topic) {
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    void topicRemoved(String topic) {
        lastSeen.remove(topic);
    }
}
