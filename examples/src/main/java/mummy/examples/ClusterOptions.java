package mummy.examples;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import mummy.topics.Broker;
import mummy.topics.InMemoryBroker;

/**
 * {@link ClusterChat}'s own options, taken out of its command line; the rest goes to
 * {@link Arguments}.
 *
 * @param name the instance's name
 * @param redis the Redis server, or null for an in-memory broker
 * @param streams Redis Streams (a history, resumable event streams) rather than pub/sub
 * @param history streams: about how many messages Redis keeps of the room
 * @param serverArguments the arguments left for {@link Arguments#parse}
 */
record ClusterOptions(String name, URI redis, boolean streams, long history, String[] serverArguments) {

    static ClusterOptions parse(String[] args) {
        String name = "chat-" + ProcessHandle.current().pid();
        URI redis = null;
        boolean streams = true;
        long history = 10_000;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--name" -> name = require(value, "--name");
                case "--redis" -> redis = URI.create(require(value, "--redis"));
                case "--redis-mode" -> streams = switch (require(value, "--redis-mode")) {
                    case "streams" -> true;
                    case "pubsub" -> false;
                    default -> throw new IllegalArgumentException("--redis-mode takes pubsub or streams, not " + value);
                };
                case "--history" -> history = Long.parseLong(require(value, "--history"));
                default -> {
                    rest.add(args[i]);
                    continue;
                }
            }
            i++;
        }
        return new ClusterOptions(name, redis, streams, history, rest.toArray(String[]::new));
    }

    /**
     * The broker these options ask for: Redis if {@link #redis()} is set, else in memory (with a
     * history of {@link #history()} messages, at most a million). The
     * Redis broker connects in the background (and reconnects after an outage by itself).
     *
     * @throws IllegalStateException if Redis is asked for but module mummy.topics.redis is not resolved
     */
    Broker broker() {
        if (redis == null) {
            return InMemoryBroker.withHistory((int) Math.min(history, 1_000_000));
        }
        Module self = ClusterOptions.class.getModule();
        if (self.isNamed() && self.getLayer().findModule("mummy.topics.redis").isEmpty()) {
            throw new IllegalStateException("--redis needs module mummy.topics.redis and Jedis: run java with"
                    + " --add-modules ALL-MODULE-PATH (bin/cluster does)");
        }
        return Redis.broker(redis, streams, history);
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** The only class that names mummy.topics.redis: loaded only when Redis is asked for. */
    private static final class Redis {
        static Broker broker(URI uri, boolean streams, long history) {
            mummy.topics.redis.RedisBroker.Builder builder = mummy.topics.redis.RedisBroker.builder(uri);
            return (streams ? builder.streams(history) : builder.pubSub()).build();
        }
    }
}
