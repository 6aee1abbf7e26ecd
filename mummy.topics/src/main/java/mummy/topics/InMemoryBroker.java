package mummy.topics;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import mummy.topics.spi.LocalListeners;
import mummy.topics.spi.MessageIds;
import mummy.topics.spi.TopicNames;

/**
 * The default broker: topics within this one process, no dependency.
 *
 * <p>Threading: {@link #publish} delivers on the publisher's thread, to each listener in turn, and
 * returns when they all returned; so listeners must not block (a {@link WebSocketFanOut} does
 * not: it only queues sends). Messages published concurrently on one topic may reach listeners in
 * either order; one thread's messages arrive in the order it published them.
 *
 * <p>History: with {@link #withHistory(int) a history}, each topic keeps its last {@code n}
 * messages for {@link #replay} (an {@link EventStreamFanOut} resumes a reconnecting client from its
 * {@code Last-Event-ID}). Each topic's history is filled by publishers, read by {@link #replay},
 * bounded by {@code n} messages: at the bound the oldest is dropped. A topic's history lives as long
 * as the broker (it is kept also while the topic has no listener, so a client can catch up after a
 * pause), so a broker with a history is for a known set of topics. Every message gets an id
 * {@code <milliseconds>-<sequence>}, increasing within its topic.
 */
public final class InMemoryBroker implements Broker {
    private final int historyLength;
    private final Clock clock;
    private final LocalListeners listeners = new LocalListeners(new LocalListeners.Lifecycle() {
        @Override
        public void firstSubscribed(String topic) {
        }

        @Override
        public void lastCancelled(String topic) {
        }
    });
    // One per topic published to; bounded by the set of topics (each holds at most historyLength messages).
    private final Map<String, TopicLog> logs = new ConcurrentHashMap<>();
    private final LongAdder published = new LongAdder();
    private volatile boolean closed;

    private InMemoryBroker(int historyLength, Clock clock) {
        this.historyLength = historyLength;
        this.clock = clock;
    }

    /**
     * A broker without history: messages reach the listeners subscribed when they are published.
     *
     * @return the broker
     */
    public static InMemoryBroker create() {
        return new InMemoryBroker(0, Clock.systemUTC());
    }

    /**
     * A broker that keeps each topic's last {@code length} messages for {@link #replay}.
     *
     * @param length messages kept per topic, 1 to 1,000,000
     * @return the broker
     * @throws IllegalArgumentException if the length is out of range
     */
    public static InMemoryBroker withHistory(int length) {
        return withHistory(length, Clock.systemUTC());
    }

    /**
     * {@link #withHistory(int)} with the clock that stamps the ids.
     *
     * @param length messages kept per topic, 1 to 1,000,000
     * @param clock the clock of the ids' milliseconds part
     * @return the broker
     */
    public static InMemoryBroker withHistory(int length, Clock clock) {
        if (length < 1 || length > 1_000_000) {
            throw new IllegalArgumentException("the history length must be between 1 and 1000000, got " + length);
        }
        return new InMemoryBroker(length, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public boolean publish(String topic, String text) {
        return publish(TopicMessage.ofText(topic, null, text));
    }

    @Override
    public boolean publish(String topic, byte[] data) {
        return publish(TopicMessage.ofBinary(topic, null, data));
    }

    private boolean publish(TopicMessage message) {
        requireOpen();
        TopicLog log = logs.computeIfAbsent(message.topic(), t -> new TopicLog());
        TopicMessage stamped = log.append(message);
        published.increment();
        listeners.dispatch(stamped);
        return true;
    }

    @Override
    public Subscription subscribe(String topic, TopicListener listener) {
        requireOpen();
        return listeners.add(topic, listener);
    }

    @Override
    public boolean keepsHistory() {
        return historyLength > 0;
    }

    @Override
    public Replay replay(String topic, String afterId) {
        TopicNames.requireValid(topic);
        requireOpen();
        TopicLog log = logs.get(topic);
        return historyLength == 0 || log == null ? Replay.none() : log.after(afterId);
    }

    @Override
    public BrokerStats stats() {
        return new BrokerStats(published.sum(), 0, listeners.delivered(), listeners.failures(), 0, true,
                listeners.topics().size());
    }

    @Override
    public void close() {
        closed = true;
        listeners.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
    }

    /**
     * One topic's ids and history. The history is filled by {@link #append} (publishers), read by
     * {@link #after} (replays), bounded by {@code historyLength}: at the bound the oldest message
     * is dropped and remembered as {@code lastDropped}, which tells a replay there is a gap.
     */
    private final class TopicLog {
        private final ArrayDeque<TopicMessage> history = new ArrayDeque<>();
        private long lastMillis;
        private long sequence;
        private String lastDropped;

        synchronized TopicMessage append(TopicMessage message) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                sequence = 0;
            } else {
                sequence++;
            }
            TopicMessage stamped = message.withId(MessageIds.of(lastMillis, sequence));
            if (historyLength > 0) {
                if (history.size() == historyLength) {
                    lastDropped = history.removeFirst().id();
                }
                history.addLast(stamped);
            }
            return stamped;
        }

        synchronized Replay after(String afterId) {
            if (!MessageIds.isValid(afterId)) {
                return new Replay(List.copyOf(history), true);
            }
            List<TopicMessage> newer = new ArrayList<>();
            for (TopicMessage message : history) {
                if (MessageIds.compare(message.id(), afterId) > 0) {
                    newer.add(message);
                }
            }
            boolean gap = lastDropped != null && MessageIds.compare(afterId, lastDropped) < 0;
            return new Replay(newer, gap);
        }
    }
}
