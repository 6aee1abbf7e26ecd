package mummy.examples;

import java.net.InetSocketAddress;
import java.time.Duration;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import mummy.api.Router;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.io.Server;
import mummy.topics.Broker;
import mummy.topics.BrokerStats;
import mummy.topics.EventStreamFanOut;
import mummy.topics.FanOutOptions;
import mummy.topics.SlowSubscriberPolicy;
import mummy.topics.WebSocketFanOut;

/**
 * The chat of {@link ChatServer} for several instances behind a load balancer: the room is the
 * topic {@value #ROOM} of a {@link Broker}, so a line said on one instance reaches the members on
 * every instance. {@code bin/cluster} runs two of them behind nginx with Redis.
 *
 * <p>Routes: {@code GET /} the page (it reconnects its WebSocket when its instance goes away),
 * {@code GET /ws} the room, {@code GET /events} the same room as server-sent events whose ids are
 * the broker's (a client that reconnects with {@code Last-Event-ID}, to any instance, gets what it
 * missed when the broker keeps a history), {@code GET /instance} this instance's name,
 * {@code GET /stats} the broker's and fan-outs' counters. Every response carries
 * {@code X-Instance: NAME}.
 *
 * <p>Protocol (text frames): as {@link ChatServer} ({@code * NAME joined}, {@code NAME: TEXT},
 * {@code * NAME left}), plus lines for this connection only that start with {@code "# "}: on open
 * {@code # instance NAME}, and {@code # not sent: ...} when the broker did not take a line.
 *
 * <p>Slow subscribers: {@link SlowSubscriberPolicy#CLOSE} for both fan-outs. A chat page that
 * does not read its messages (1 MiB behind) is closed with 1008 and reconnects, instead of
 * silently missing lines; an event stream is ended and its {@code EventSource} reconnects with
 * {@code Last-Event-ID}, so with Redis Streams it catches up without a loss.
 *
 * <p>Threading: as {@link ChatServer}; the fan-outs send on the broker's delivery thread.
 *
 * <p>Arguments: those of the other examples ({@code --port N}, {@code --host H},
 * {@code --scheduler NAME}, ...) and {@code --name NAME} (default {@code chat-PID}),
 * {@code --redis redis://HOST:PORT} (else an in-memory broker: one instance only),
 * {@code --redis-mode pubsub|streams} (default streams), {@code --history N} (streams: messages
 * kept, default 10000). {@code --redis} needs module {@code mummy.topics.redis} and Jedis resolved:
 * {@code --add-modules ALL-MODULE-PATH}, as {@code bin/cluster} does.
 */
public final class ClusterChat {

    /** The topic of the chat room. */
    static final String ROOM = "chat:lobby";
    /** WebSocket pings keep an idle chat inside a proxy's read timeout. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    private static final HttpHeaders HTML = HttpHeaders.of("Content-Type", "text/html; charset=utf-8");
    private static final FanOutOptions SLOW = FanOutOptions.of(SlowSubscriberPolicy.CLOSE);

    private final String instance;
    private final Broker broker;
    private final WebSocketFanOut room;
    private final EventStreamFanOut feed;
    private final byte[] page;

    private ClusterChat(String instance, Broker broker) {
        this.instance = instance;
        this.broker = broker;
        this.room = WebSocketFanOut.create(broker, ROOM, SLOW);
        this.feed = EventStreamFanOut.create(broker, ROOM, SLOW);
        this.page = ChatServer.resource("cluster-chat.html");
    }

    /**
     * Builds a chat instance, not started yet; the broker stays the caller's to close, after the
     * server.
     *
     * @param instance this instance's name
     * @param broker the broker the room goes through
     * @return the server's builder, with handlers set
     */
    public static Server.Builder builder(String instance, Broker broker) {
        ClusterChat chat = new ClusterChat(instance, broker);
        Router router = Router.builder()
                .filter((request, next) -> {
                    request.addResponseHeader("X-Instance", instance);
                    next.proceed();
                })
                .get("/", request -> request.respond(200, HTML, chat.page))
                .get("/ws", Request::upgradeToWebSocket)
                .get("/events", chat::events)
                .get("/instance", request -> request.respond(200, instance))
                .get("/stats", chat::stats)
                .build();
        return Server.builder().handler(router).webSocketHandler(chat::onEvent).webSocketPingInterval(PING_INTERVAL);
    }

    private void onEvent(WebSocket socket, WebSocketEvent event) {
        switch (event) {
            case WebSocketEvent.Open open -> socket.send("# instance " + instance);
            case WebSocketEvent.Message message when !message.isText() -> socket.close(1003, "text only");
            case WebSocketEvent.Message message when socket.attachment() == null -> {
                String name = ChatServer.clean(message.asText(), ChatServer.MAX_NAME);
                socket.attach(name.isBlank() ? "anonymous" : name);
                room.add(socket);
                say(socket, "* " + socket.attachment() + " joined");
            }
            case WebSocketEvent.Message message ->
                    say(socket, socket.attachment() + ": " + ChatServer.clean(message.asText(), ChatServer.MAX_LINE));
            case WebSocketEvent.Close close -> {
                if (room.remove(socket)) {
                    broker.publish(ROOM, "* " + socket.attachment() + " left");
                }
            }
            case WebSocketEvent.Error error -> { }
        }
    }

    /** Publishes a line to the room on every instance; tells the sender when the broker did not take it. */
    private void say(WebSocket socket, String line) {
        if (!broker.publish(ROOM, line)) {
            socket.send("# not sent: the message broker is unreachable");
        }
    }

    /**
     * The room as an event stream. A comment goes first: nginx (1.22) holds the response head of an
     * HTTP/2 stream back until body bytes come, so without it a quiet room's stream would seem to
     * hang until the first line or heartbeat.
     */
    private void events(Request request) {
        EventStream stream = request.respondEventStream();
        stream.comment("instance " + instance);
        feed.add(stream);
    }

    private void stats(Request request) {
        BrokerStats b = broker.stats();
        request.respond(200, "instance " + instance + "\nbroker.connected " + b.connected()
                + "\nbroker.outages " + b.outages() + "\nbroker.published " + b.published()
                + "\nbroker.publishFailures " + b.publishFailures() + "\nroom " + room.stats()
                + "\nfeed " + feed.stats() + "\n");
    }

    /**
     * Starts an instance.
     *
     * @param args see the class comment
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        ClusterOptions options = ClusterOptions.parse(args);
        Arguments arguments = Arguments.parse(options.serverArguments(), 8080);
        Broker broker = options.broker();
        Server.Builder builder = builder(options.name(), broker);
        if (arguments.scheduler() != null) {
            builder.scheduler(arguments.scheduler());
        }
        Server server = builder.build();
        InetSocketAddress bound = server.start(new InetSocketAddress(arguments.host(), arguments.port())).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.close();
            broker.close();
        }));
        System.out.println("listening on " + arguments.host() + ":" + bound.getPort());
        System.out.flush();
        server.awaitTermination();
    }
}
