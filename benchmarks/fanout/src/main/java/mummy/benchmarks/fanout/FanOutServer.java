package mummy.benchmarks.fanout;

import java.net.InetSocketAddress;
import java.net.URI;
import mummy.api.WebSocketEvent;
import mummy.io.Server;
import mummy.topics.Broker;
import mummy.topics.FanOutOptions;
import mummy.topics.InMemoryBroker;
import mummy.topics.SlowSubscriberPolicy;
import mummy.topics.WebSocketFanOut;
import mummy.topics.redis.RedisBroker;

/**
 * One instance of the fan-out benchmark: every WebSocket on any path joins the fan-out of topic
 * {@code bench}, and every message a socket sends is published to that topic, text or binary as
 * it came. Slow subscribers are skipped ({@link SlowSubscriberPolicy#DROP}), which the load tool
 * reports as lost messages.
 *
 * <p>Arguments: {@code --port N} (0), {@code --broker memory|pubsub|streams} (memory),
 * {@code --redis URI} (redis://127.0.0.1:6379), {@code --prefix P} (the Redis key prefix),
 * {@code --scheduler NAME}, {@code --io-threads N}. Prints {@code listening on 127.0.0.1:PORT}.
 */
public final class FanOutServer {

    private FanOutServer() {
    }

    /**
     * Starts the instance.
     *
     * @param args the arguments
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        URI redis = URI.create(options.getOrDefault("redis", "redis://127.0.0.1:6379"));
        String prefix = options.getOrDefault("prefix", "mummy:bench:");
        Broker broker = switch (options.getOrDefault("broker", "memory")) {
            case "memory" -> InMemoryBroker.create();
            case "pubsub" -> RedisBroker.builder(redis).keyPrefix(prefix).pubSub().build();
            case "streams" -> RedisBroker.builder(redis).keyPrefix(prefix).streams(10_000).build();
            default -> throw new IllegalArgumentException("--broker memory, pubsub or streams");
        };
        WebSocketFanOut room = WebSocketFanOut.create(broker, "bench", FanOutOptions.of(SlowSubscriberPolicy.DROP));
        Server.Builder builder = Server.builder()
                .handler(request -> request.upgradeToWebSocket())
                .webSocketHandler((socket, event) -> {
                    switch (event) {
                        case WebSocketEvent.Open open -> room.add(socket);
                        case WebSocketEvent.Message message when message.isText() -> broker.publish("bench", message.asText());
                        case WebSocketEvent.Message message -> broker.publish("bench", message.data());
                        case WebSocketEvent.Close close -> room.remove(socket);
                        case WebSocketEvent.Error error -> room.remove(socket);
                    }
                });
        if (options.containsKey("scheduler")) {
            builder.scheduler(options.get("scheduler"));
        }
        if (options.containsKey("io-threads")) {
            builder.ioThreads(Integer.parseInt(options.get("io-threads")));
        }
        Server server = builder.build();
        int port = Integer.parseInt(options.getOrDefault("port", "0"));
        InetSocketAddress bound = server.start(new InetSocketAddress("127.0.0.1", port)).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.close();
            room.close();
            broker.close();
        }));
        System.out.println("listening on 127.0.0.1:" + bound.getPort());
        System.out.flush();
        server.awaitTermination();
    }
}
