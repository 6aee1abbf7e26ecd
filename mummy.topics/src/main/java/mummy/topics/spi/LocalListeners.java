package mummy.topics.spi;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import mummy.topics.Subscription;
import mummy.topics.TopicListener;
import mummy.topics.TopicMessage;

/**
 * The listeners of each topic on this instance, for a broker implementation: subscribe and cancel
 * (under one lock: they are rare), and {@link #dispatch} without a lock (it reads the topic's
 * current immutable array). It tells its {@link Lifecycle} when a topic gets its first listener
 * and loses its last, which is when a remote broker subscribes or unsubscribes the topic: so an
 * instance holds one remote subscription per topic, never one per listener.
 *
 * <p>Threading: any thread. {@link #dispatch} runs the listeners on the calling thread; one that
 * throws is logged ({@code topics.listener.failed}) and counted, and the others still run.
 */
public final class LocalListeners {

    /** What a broker does when a topic's local listener set becomes non-empty or empty. */
    public interface Lifecycle {
        /**
         * The topic got its first listener. Called under the registry's lock: must not block, and
         * must not wait for a lock whose holder may call {@link #add} or a subscription's cancel
         * (it may call {@link #topics()}, which takes no lock).
         *
         * @param topic the topic
         */
        void firstSubscribed(String topic);

        /**
         * The topic lost its last listener. Called under the registry's lock, with the same rules
         * as {@link #firstSubscribed}.
         *
         * @param topic the topic
         */
        void lastCancelled(String topic);
    }

    private static final System.Logger LOG = System.getLogger(LocalListeners.class.getName());
    private static final TopicListener[] NONE = {};

    private final Lifecycle lifecycle;
    // Bounded by the application's subscriptions: one entry per topic with a listener, removed
    // with the topic's last listener. Written under `this`, read by dispatch through the volatile
    // field of the concurrent map's value (each array is immutable once published).
    private final Map<String, TopicListener[]> byTopic = new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private boolean closed;

    /**
     * A registry.
     *
     * @param lifecycle told of each topic's first and last listener
     */
    public LocalListeners(Lifecycle lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /**
     * Adds a listener.
     *
     * @param topic a valid topic
     * @param listener the listener
     * @return its subscription
     * @throws IllegalStateException after {@link #close()}
     */
    public Subscription add(String topic, TopicListener listener) {
        TopicNames.requireValid(topic);
        Objects.requireNonNull(listener, "listener");
        Entry entry = new Entry(topic, listener);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the broker is closed: cannot subscribe to " + topic);
            }
            TopicListener[] current = byTopic.getOrDefault(topic, NONE);
            TopicListener[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = entry;
            byTopic.put(topic, next);
            if (current.length == 0) {
                lifecycle.firstSubscribed(topic);
            }
        }
        return entry;
    }

    /**
     * Delivers a message to every listener of its topic, on this thread.
     *
     * @param message the message
     */
    public void dispatch(TopicMessage message) {
        for (TopicListener listener : byTopic.getOrDefault(message.topic(), NONE)) {
            try {
                listener.onMessage(message);
                delivered.increment();
            } catch (RuntimeException | Error e) {
                failures.increment();
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                LOG.log(Level.WARNING, "topics.listener.failed: a listener of topic " + message.topic()
                        + " threw; delivery goes on", e);
            }
        }
    }

    /**
     * The topics with at least one listener. Takes no lock (so a broker may call it while holding
     * its own, which the lifecycle calls take under this registry's lock): a topic whose
     * {@link Lifecycle#firstSubscribed} has been called is in it.
     *
     * @return a snapshot of their names
     */
    public java.util.Set<String> topics() {
        return java.util.Set.copyOf(byTopic.keySet());
    }

    /**
     * Listener calls that returned.
     *
     * @return the count
     */
    public long delivered() {
        return delivered.sum();
    }

    /**
     * Listener calls that threw.
     *
     * @return the count
     */
    public long failures() {
        return failures.sum();
    }

    /** Drops every listener (without telling the lifecycle); later {@link #add} calls throw. */
    public synchronized void close() {
        closed = true;
        byTopic.clear();
    }

    private synchronized void remove(Entry entry) {
        TopicListener[] current = byTopic.get(entry.topic);
        if (current == null) {
            return;
        }
        int at = Arrays.asList(current).indexOf(entry);
        if (at < 0) {
            return;
        }
        if (current.length == 1) {
            byTopic.remove(entry.topic);
            lifecycle.lastCancelled(entry.topic);
            return;
        }
        TopicListener[] next = new TopicListener[current.length - 1];
        System.arraycopy(current, 0, next, 0, at);
        System.arraycopy(current, at + 1, next, at, current.length - at - 1);
        byTopic.put(entry.topic, next);
    }

    /** One subscription: the listener as registered, compared by identity. */
    private final class Entry implements Subscription, TopicListener {
        private final String topic;
        private final TopicListener listener;
        private final AtomicBoolean active = new AtomicBoolean(true);

        Entry(String topic, TopicListener listener) {
            this.topic = topic;
            this.listener = listener;
        }

        @Override
        public void onMessage(TopicMessage message) {
            if (active.get()) {
                listener.onMessage(message);
            }
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public void cancel() {
            if (active.compareAndSet(true, false)) {
                remove(this);
            }
        }

        @Override
        public boolean isActive() {
            return active.get() && !isClosed();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }
}
