package mummy.topics.redis;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import mummy.topics.Broker;
import mummy.topics.BrokerStats;
import mummy.topics.Replay;
import mummy.topics.Subscription;
import mummy.topics.TopicListener;
import mummy.topics.TopicMessage;
import mummy.topics.spi.LocalListeners;
import mummy.topics.spi.MessageIds;
import mummy.topics.spi.TopicNames;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.args.UnblockType;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A {@link Broker} backed by Redis, for several instances of an application behind a load
 * balancer: a message published on one instance reaches the listeners of every instance.
 *
 * <pre>{@code
 * try (RedisBroker broker = RedisBroker.builder(URI.create("redis://127.0.0.1:6379")).streams(10_000).build()) {
 *     EventStreamFanOut news = EventStreamFanOut.create(broker, "news", FanOutOptions.of(SlowSubscriberPolicy.CLOSE));
 *     ...
 * }
 * }</pre>
 *
 * <p>Two modes. {@link Mode#PUB_SUB} (the default): {@code PUBLISH}/{@code SUBSCRIBE} on the channel
 * {@code prefix + topic}; no history, no ids. {@link Mode#STREAMS}: {@code XADD prefix+topic MAXLEN ~ n}
 * and {@code XREAD}; each message's id is its stream entry id, and {@link #replay} reads the
 * stream ({@code XRANGE}), so an {@link mummy.topics.EventStreamFanOut} resumes a client that
 * reconnects with {@code Last-Event-ID} to any instance. The history is bounded by {@code MAXLEN ~ n}
 * (Redis keeps at least {@code n} entries, a little more with approximate trimming). A replay
 * reports a gap when no entry at or before the client's id is left and the stream is at its
 * bound, that is when entries were trimmed away (it may so report a gap when only the client's own
 * last entry was trimmed).
 *
 * <p>Connections and threads: one receiving connection per instance, whatever the number of
 * topics and listeners (pub/sub: it holds one SUBSCRIBE per topic with a local listener; streams:
 * it blocks in one XREAD over all those streams), on one platform thread
 * {@code mummy-topics-redis}; and one command connection for publishes and replays, used by one
 * caller at a time ({@link Commands}: publishes are a round trip each; a publisher waits for the
 * one before).
 *
 * <p>Threading: listeners run on the receiving thread, one message at a time, and must not block.
 * In pub/sub mode a message published here comes back from Redis to this instance's listeners
 * too, so every instance sees one order. {@link #subscribe} in streams mode asks Redis for the
 * stream's newest id (a round trip).
 *
 * <p>Outages: when Redis goes away, the receiving thread logs {@code topics.redis.outage} (WARNING)
 * once, counts it in {@link BrokerStats#outages()} and reports {@link BrokerStats#connected()}
 * false, then reconnects with a backoff (doubling from {@link Builder#backoff min} to max, with
 * jitter), resubscribes every topic and logs {@code topics.redis.reconnected} (INFO). Delivery is
 * at-most-once: publishes while Redis is unreachable return false and are lost (counted in
 * {@link BrokerStats#publishFailures()}); in pub/sub mode what others published while this
 * instance was cut off is lost too, while in streams mode the receiver goes on from the last entry
 * it delivered, so it delivers late what the history still holds.
 */
public final class RedisBroker implements Broker {
    private static final System.Logger LOG = System.getLogger(RedisBroker.class.getName());

    /** How topics map to Redis. */
    public enum Mode {
        /** PUBLISH/SUBSCRIBE: no history. */
        PUB_SUB,
        /** Redis Streams: a bounded history per topic, ids, replay. */
        STREAMS
    }

    private final Options options;
    private final LocalListeners listeners;
    private final Receiver receiver;
    private final Thread thread;
    private final Commands commands = new Commands(() -> connect(false));
    private final LongAdder published = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    private final LongAdder outages = new LongAdder();
    private final AtomicBoolean up = new AtomicBoolean(false);
    private volatile boolean closed;

    /** The settings a builder collected. */
    record Options(String host, int port, String password, Mode mode, long maxLength, String prefix,
                   Duration timeout, Duration minBackoff, Duration maxBackoff, Duration blockTime) {
    }

    private RedisBroker(Options options) {
        this.options = options;
        this.receiver = options.mode() == Mode.STREAMS ? new StreamReceiver(this) : new PubSubReceiver(this);
        this.listeners = new LocalListeners(new LocalListeners.Lifecycle() {
            @Override
            public void firstSubscribed(String topic) {
                receiver.topicAdded(topic);
            }

            @Override
            public void lastCancelled(String topic) {
                receiver.topicRemoved(topic);
            }
        });
        this.thread = Thread.ofPlatform().name("mummy-topics-redis").daemon().unstarted(receiver);
        thread.start();
    }

    /**
     * A builder for a broker on the Redis server at {@code redis://[:password@]host[:port]}.
     *
     * @param uri the server's URI (port 6379 if none)
     * @return the builder
     * @throws IllegalArgumentException if the URI is not {@code redis://host[:port]}
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
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
        try {
            commands.call(jedis -> options.mode() == Mode.STREAMS
                    ? jedis.xadd(key(message.topic()),
                            XAddParams.xAddParams().maxLen(options.maxLength()).approximateTrimming(),
                            Wire.fields(message))
                    : jedis.publish(key(message.topic()), Wire.encode(message)));
            published.increment();
            return true;
        } catch (JedisException e) {
            publishFailures.increment();
            LOG.log(Level.WARNING, "topics.redis.publish.failed: Redis is unreachable; a message on topic "
                    + message.topic() + " is lost: " + e.getMessage());
            return false;
        }
    }

    @Override
    public Subscription subscribe(String topic, TopicListener listener) {
        TopicNames.requireValid(topic);
        requireOpen();
        if (receiver instanceof StreamReceiver streams && !streams.lastSeen.containsKey(topic)) {
            streams.lastSeen.putIfAbsent(topic, newestId(topic));
            Subscription subscription = listeners.add(topic, listener);
            unblock(streams.clientId);
            return subscription;
        }
        return listeners.add(topic, listener);
    }

    /**
     * Ends the receiver's blocked XREAD early ({@code CLIENT UNBLOCK id TIMEOUT}), so that it
     * reads a new topic's stream now rather than after the block time. Best effort: if the read
     * had not begun yet, the new topic waits for the next one (at most the block time).
     */
    private void unblock(long receiverId) {
        if (receiverId < 0) {
            return;
        }
        try {
            commands.call(jedis -> jedis.clientUnblock(receiverId, UnblockType.TIMEOUT));
        } catch (JedisException e) {
            LOG.log(Level.DEBUG, "topics.redis.unblock.failed: the new topic is read within the block time", e);
        }
    }

    private StreamEntryID newestId(String topic) {
        try {
            List<StreamEntry> newest = commands.call(jedis -> jedis.xrevrange(key(topic), "+", "-", 1));
            return newest.isEmpty() ? new StreamEntryID(0, 0) : newest.getFirst().getID();
        } catch (JedisException e) {
            // Unreachable: start from now (Redis ids are milliseconds), so no old history is replayed.
            return new StreamEntryID(System.currentTimeMillis(), 0);
        }
    }

    @Override
    public boolean keepsHistory() {
        return options.mode() == Mode.STREAMS;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A round trip or two to Redis; an unreachable Redis gives {@link Replay#none()} (logged).
     */
    @Override
    public Replay replay(String topic, String afterId) {
        TopicNames.requireValid(topic);
        requireOpen();
        if (options.mode() != Mode.STREAMS) {
            return Replay.none();
        }
        boolean valid = MessageIds.isValid(afterId);
        int count = (int) Math.min(Integer.MAX_VALUE, options.maxLength() + options.maxLength() / 10 + 100);
        try {
            return commands.call(jedis -> {
                String key = key(topic);
                List<StreamEntry> entries = jedis.xrange(key, valid ? "(" + afterId : "-", "+", count);
                boolean gap = !valid || (!entries.isEmpty() && jedis.xrange(key, "-", afterId, 1).isEmpty()
                        && jedis.xlen(key) >= options.maxLength());
                List<TopicMessage> messages = new ArrayList<>(entries.size());
                for (StreamEntry entry : entries) {
                    messages.add(decode(topic, entry));
                }
                return new Replay(messages, gap);
            });
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "topics.redis.replay.failed: Redis is unreachable; nothing replayed for topic "
                    + topic + ": " + e.getMessage());
            return Replay.none();
        }
    }

    @Override
    public BrokerStats stats() {
        return new BrokerStats(published.sum(), publishFailures.sum(), listeners.delivered(), listeners.failures(),
                outages.sum(), up.get(), listeners.topics().size());
    }

    /**
     * Stops the receiving thread, closes both connections; subscriptions end.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.close();
        receiver.close();
        thread.interrupt();
        commands.close();
        try {
            thread.join(options.timeout().toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for the receivers ----

    Options options() {
        return options;
    }

    Jedis connect(boolean receiving) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) options.timeout().toMillis())
                .socketTimeoutMillis(receiving && options.mode() == Mode.PUB_SUB ? 0
                        : (int) (options.timeout().toMillis() + (receiving ? options.blockTime().toMillis() : 0)))
                .clientName("mummy-topics");
        if (options.password() != null) {
            config.password(options.password());
        }
        Jedis jedis = new Jedis(new HostAndPort(options.host(), options.port()), config.build());
        jedis.connect();
        return jedis;
    }

    String key(String topic) {
        return options.prefix() + topic;
    }

    String topicOf(String key) {
        return key.startsWith(options.prefix()) ? key.substring(options.prefix().length()) : null;
    }

    String controlChannel() {
        return options.prefix() + "\u0000control";
    }

    Set<String> localTopics() {
        return listeners.topics();
    }

    void dispatch(TopicMessage message) {
        listeners.dispatch(message);
    }

    TopicMessage decode(String topic, StreamEntry entry) {
        return Wire.decode(topic, entry.getID().toString(), entry.getFields().get(Wire.KIND),
                entry.getFields().get(Wire.DATA));
    }

    void connected() {
        if (up.compareAndSet(false, true) && outages.sum() > 0) {
            LOG.log(Level.INFO, "topics.redis.reconnected: subscribed again to " + listeners.topics().size()
                    + " topic(s) at " + options.host() + ":" + options.port());
        }
    }

    void disconnected(RuntimeException cause) {
        if (up.compareAndSet(true, false)) {
            outages.increment();
            LOG.log(Level.WARNING, "topics.redis.outage: lost the connection to Redis at " + options.host() + ":"
                    + options.port() + "; reconnecting (messages published meanwhile are lost): " + cause);
        } else {
            LOG.log(Level.DEBUG, "topics.redis.connect.failed: " + cause);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
    }

    /** Settings of a {@link RedisBroker}; {@link #build()} connects in the background and returns. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final String password;
        private Mode mode = Mode.PUB_SUB;
        private long maxLength = 10_000;
        private String prefix = "mummy:topic:";
        private Duration timeout = Duration.ofSeconds(2);
        private Duration minBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration blockTime = Duration.ofSeconds(1);

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("expected redis://host[:port], got " + uri);
            }
            this.host = uri.getHost();
            this.port = uri.getPort() < 0 ? 6379 : uri.getPort();
            String info = uri.getUserInfo();
            this.password = info == null ? null : info.substring(info.indexOf(':') + 1);
        }

        /**
         * Pub/sub mode, the default: no history.
         *
         * @return this builder
         */
        public Builder pubSub() {
            this.mode = Mode.PUB_SUB;
            return this;
        }

        /**
         * Streams mode with a history of about {@code maxLength} messages per topic
         * ({@code XADD ... MAXLEN ~ maxLength}).
         *
         * @param maxLength 1 to 100,000,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder streams(long maxLength) {
            if (maxLength < 1 || maxLength > 100_000_000) {
                throw new IllegalArgumentException("maxLength must be between 1 and 100000000, got " + maxLength);
            }
            this.mode = Mode.STREAMS;
            this.maxLength = maxLength;
            return this;
        }

        /**
         * The prefix of every channel and stream key. Default {@code mummy:topic:}.
         *
         * @param keyPrefix the prefix, possibly empty
         * @return this builder
         */
        public Builder keyPrefix(String keyPrefix) {
            this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * Connect and command timeout. Default 2 s.
         *
         * @param value between 1 ms and 1 min
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = within("timeout", value, Duration.ofMinutes(1));
            return this;
        }

        /**
         * The reconnection backoff: the first delay, doubling up to the last. Default 100 ms to 5 s.
         *
         * @param min the first delay, at least 1 ms
         * @param max the longest delay, at least min, at most 10 min
         * @return this builder
         */
        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = within("min", min, Duration.ofMinutes(10));
            this.maxBackoff = within("max", max, Duration.ofMinutes(10));
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("the backoff's max " + max + " is below its min " + min);
            }
            return this;
        }

        /**
         * Streams mode: how long one XREAD blocks. Default 1 s.
         *
         * @param value between 1 ms and 1 min
         * @return this builder
         */
        public Builder blockTime(Duration value) {
            this.blockTime = within("blockTime", value, Duration.ofMinutes(1));
            return this;
        }

        /**
         * Starts the broker: its receiving thread connects (and reconnects) in the background.
         *
         * @return the broker
         */
        public RedisBroker build() {
            return new RedisBroker(new Options(host, port, password, mode, maxLength, prefix, timeout,
                    minBackoff, maxBackoff, blockTime));
        }

        private static Duration within(String name, Duration value, Duration max) {
            Objects.requireNonNull(value, name);
            if (value.toMillis() < 1 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between 1 ms and " + max + ", got " + value);
            }
            return value;
        }
    }
}
