package redisapp;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import mummy.api.Router;
import mummy.io.Server;
import mummy.topics.EventStreamFanOut;
import mummy.topics.FanOutOptions;
import mummy.topics.SlowSubscriberPolicy;
import mummy.topics.redis.RedisBroker;

/**
 * {@code RedisApp REDIS_URI KEY_PREFIX}: {@code GET /events} streams topic "feed" (Redis Streams,
 * with Last-Event-ID resume), {@code POST /publish} publishes its body to it (204, or 503 when
 * Redis is unreachable). Prints {@code listening on 127.0.0.1:PORT} once it accepts connections.
 */
public final class RedisApp {

    private RedisApp() {
    }

    /**
     * Starts the application on an ephemeral port.
     *
     * @param args the Redis URI and the key prefix
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        RedisBroker broker = RedisBroker.builder(URI.create(args[0])).keyPrefix(args[1]).streams(1000).build();
        EventStreamFanOut feed = EventStreamFanOut.create(broker, "feed", FanOutOptions.of(SlowSubscriberPolicy.CLOSE));
        Router router = Router.builder()
                .get("/events", request -> feed.add(request.respondEventStream()))
                .post("/publish", request -> {
                    boolean sent = broker.publish("feed", new String(request.body(), StandardCharsets.UTF_8));
                    request.respond(sent ? 204 : 503);
                })
                .build();
        Server server = Server.builder().handler(router).build();
        InetSocketAddress bound = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.close();
            broker.close();
        }));
        System.out.println("listening on 127.0.0.1:" + bound.getPort());
        System.out.flush();
        server.awaitTermination();
    }
}
