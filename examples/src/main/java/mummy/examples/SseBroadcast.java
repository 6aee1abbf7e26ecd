package mummy.examples;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.api.SendResult;
import mummy.api.ServerSentEvent;
import mummy.io.Server;

/**
 * Server-sent events to many clients at once: every client of {@code /events} receives the same
 * "tick" event each second, with an id so that a reconnecting browser resumes (it sends
 * {@code Last-Event-ID}). A client that leaves is dropped from the set by its stream's
 * {@link mummy.api.EventStream#onClose onClose}. Open http://127.0.0.1:8080/ in a few tabs.
 */
public final class SseBroadcast {

    private final Set<EventStream> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong ticks = new AtomicLong();

    /** An app with no clients yet; {@link #router()} gives its routes. */
    public SseBroadcast() {
    }

    /**
     * The routes: a page that listens, and the event stream.
     *
     * @return the router
     */
    public Router router() {
        return Router.builder()
                .get("/", request -> request.respond(200, HttpHeaders.of("Content-Type", "text/html; charset=utf-8"), """
                        <!doctype html><title>ticks</title><pre id="log"></pre>
                        <script>
                        const source = new EventSource('/events');
                        source.addEventListener('tick', e => log.textContent += e.lastEventId + ' ' + e.data + '\\n');
                        </script>
                        """))
                .get("/events", request -> {
                    EventStream events = request.respondEventStream();
                    clients.add(events);
                    events.onClose(() -> clients.remove(events));
                    events.send(ServerSentEvent.of("hello", "resuming after " + events.lastEventId()));
                })
                .build();
    }

    /**
     * Sends one tick to every client; returns how many were still there.
     *
     * @return the number of clients the event was queued for
     */
    public int broadcast() {
        long tick = ticks.incrementAndGet();
        ServerSentEvent event = ServerSentEvent.of("tick", Instant.now().toString()).withId(Long.toString(tick));
        int sent = 0;
        for (EventStream client : clients) {
            if (client.send(event) != SendResult.CLOSED) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Runs the example.
     *
     * @param args {@code [--port N] [--host H] [--scheduler NAME]}
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Arguments arguments = Arguments.parse(args, 8080);
        SseBroadcast app = new SseBroadcast();
        Server.Builder builder = Server.builder().handler(app.router());
        if (arguments.scheduler() != null) {
            builder.scheduler(arguments.scheduler());
        }
        try (Server server = builder.build()) {
            int port = server.start(new InetSocketAddress(arguments.host(), arguments.port())).getFirst().getPort();
            System.out.println("listening on " + arguments.host() + ":" + port);
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(Duration.ofSeconds(1));
                app.broadcast();
            }
        }
    }
}
