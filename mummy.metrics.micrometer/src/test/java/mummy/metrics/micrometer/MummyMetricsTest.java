package mummy.metrics.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mummy.api.Router;
import mummy.api.WebSocketEvent;
import mummy.api.WebSocketHandler;
import mummy.io.Server;
import mummy.io.ServerMetrics;
import mummy.testing.Await;
import mummy.testing.TestClient;
import mummy.testing.TestServer;
import mummy.testing.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MummyMetrics against real servers on 127.0.0.1: real requests through sockets, then what a
 * {@link SimpleMeterRegistry} shows.
 */
class MummyMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DURATION = "http.server.request.duration";

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Router router = Router.builder()
            .get("/items/@id", request -> request.respond(200, "item " + request.pathParams().get("id")))
            .post("/items", request -> request.respond(201, "made " + request.body().length))
            .get("/wait", request -> {
                entered.countDown();
                release.await();
                request.respond(200, "done");
            })
            .get("/ws", request -> request.upgradeToWebSocket())
            .build();
    private final WebSocketHandler echo = (socket, event) -> {
        if (event instanceof WebSocketEvent.Message message && message.isText()) {
            socket.send(message.asText());
        }
    };
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    @AfterEach
    void closeAll() throws Exception {
        release.countDown();
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    private TestServer start() {
        TestServer server = TestServer.startWith(b -> b.handler(router).webSocketHandler(echo).scheduler("virtual"));
        toClose.push(server);
        return server;
    }

    /** A binder that takes a snapshot for every read, so that each assertion sees the server now. */
    private MummyMetrics fresh(Server server) {
        MummyMetrics metrics = MummyMetrics.builder(server).snapshotMaxAge(Duration.ZERO).build();
        toClose.push(metrics);
        return metrics;
    }

    /** Reads every meter as a registry's scrape or publish does. */
    private static void scrape(MeterRegistry registry) {
        for (Meter meter : registry.getMeters()) {
            for (Measurement measurement : meter.measure()) {
                measurement.getValue();
            }
        }
    }

    private static Tags series(String method, int status, String route) {
        return Tags.of("http.request.method", method, "http.response.status_code", Integer.toString(status),
                "http.route", route, "network.protocol.version", "1.1");
    }


    @Test
    void requestsAreCountedByMethodStatusRouteAndVersion() {
        TestServer server = start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        fresh(server.server()).bindTo(registry);
        assertNull(registry.find(DURATION).meter(), "no request yet, no series");

        for (int i = 0; i < 3; i++) {
            assertEquals(200, server.get("/items/" + i).status());
        }
        assertEquals(404, server.get("/nowhere/1").status());
        assertEquals(404, server.get("/nowhere/2").status());
        assertEquals(201, server.post("/items", "hello").status());
        scrape(registry); // the scrape that sees the new series registers their meters

        FunctionTimer items = registry.get(DURATION).tags(series("GET", 200, "/items/@id")).functionTimer();
        assertEquals(3, items.count());
        assertTrue(items.totalTime(TimeUnit.SECONDS) >= 0);
        assertEquals(2, registry.get(DURATION).tags(series("GET", 404, "")).functionTimer().count(),
                "no route matched: the route is empty, never the raw path");
        assertEquals(1, registry.get(DURATION).tags(series("POST", 201, "/items")).functionTimer().count());
        assertEquals(3, registry.get(DURATION).functionTimers().size());
        assertEquals(5, registry.get("mummy.http.request.body").tags(series("POST", 201, "/items"))
                .functionCounter().count());
        assertEquals(3 * "item 0".length(), registry.get("mummy.http.response.body")
                .tags(series("GET", 200, "/items/@id")).functionCounter().count());

        assertEquals(200, server.get("/items/9").status());
        assertEquals(4, items.count(), "read from the server's counters at each read, no rebinding");

        long accepted = server.server().metrics().connections().accepted();
        assertTrue(accepted >= 1);
        assertEquals(accepted, registry.get("mummy.connection.accepted").functionCounter().count());
        assertEquals(ServerMetrics.CloseReason.values().length, registry.get("mummy.connection.closed").functionCounters().size());
        FunctionCounter turns = registry.get("mummy.io.loop.turns").tag("thread.name", "mummy-io").functionCounter();
        assertTrue(turns.count() > 0, "the IO thread's meters appear once the server runs");
        assertEquals(2, registry.get("mummy.io.loop.time").functionCounters().size(), "wait and work");
        assertNull(registry.find("mummy.scheduler.tasks.queued").meter(),
                "the virtual scheduler reports no queue, so there is no gauge for it");
    }

    @Test
    void gaugesShowWhatIsInFlight() throws Exception {
        TestServer server = start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        fresh(server.server()).bindTo(registry);
        assertEquals(0, registry.get("http.server.active_requests").gauge().value());

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS));

            assertEquals(1, registry.get("http.server.active_requests").gauge().value());
            assertTrue(registry.get("mummy.connection.active").gauge().value() >= 1);

            release.countDown();
            String head = readHead(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            Await.until("the request is answered", WAIT, () -> registry.get("http.server.active_requests").gauge().value() == 0);
        }
        Await.until("the connection is closed", WAIT, () -> registry.get("mummy.connection.active").gauge().value() == 0);
        scrape(registry);
        assertEquals(1, registry.get(DURATION).tags(series("GET", 200, "/wait")).functionTimer().count());
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void webSocketMessagesAndCloseCodesAreCounted() throws Exception {
        TestServer server = start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        fresh(server.server()).bindTo(registry);
        try (TestWebSocket socket = server.webSocket("/ws")) {
            Await.until("the session is open", WAIT, () -> registry.get("mummy.websocket.active").gauge().value() == 1);
            socket.sendText("hello");
            assertEquals("hello", socket.receiveText());
            socket.close(1000, "done");
            assertEquals(1000, socket.awaitClose().code());
        }
        Await.until("the session has ended", WAIT, () -> server.server().metrics().webSockets().closeCodes().containsKey(1000));
        scrape(registry);
        assertEquals(1, registry.get("mummy.websocket.closed").tag("websocket.close_code", "1000")
                .functionCounter().count());
        assertEquals(1, registry.get("mummy.websocket.messages").tag("network.io.direction", "receive")
                .functionCounter().count());
        assertEquals(1, registry.get("mummy.websocket.messages").tag("network.io.direction", "transmit")
                .functionCounter().count());
        assertEquals(5, registry.get("mummy.websocket.io").tag("network.io.direction", "receive")
                .functionCounter().count(), "payload bytes");
        assertEquals(0, registry.get("mummy.websocket.active").gauge().value());
    }

    @Test
    void aSnapshotServesReadsUntilItIsOlderThanTheMaximumAge() {
        TestServer server = start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MummyMetrics metrics = MummyMetrics.builder(server.server()).snapshotMaxAge(Duration.ofHours(1)).build();
        toClose.push(metrics);
        metrics.bindTo(registry);

        assertEquals(200, server.get("/items/1").status());
        scrape(registry);
        assertNull(registry.find(DURATION).meter(), "the snapshot taken at binding is still young");
        assertTrue(registry.find("mummy.http.response.body").meters().isEmpty());

        metrics.refresh();
        FunctionTimer items = registry.get(DURATION).tags(series("GET", 200, "/items/@id")).functionTimer();
        assertEquals(1, items.count());
        assertEquals(200, server.get("/items/2").status());
        assertEquals(1, items.count(), "one snapshot for every read within the age");
        metrics.refresh();
        assertEquals(2, items.count());
    }

    @Test
    void bindingTwiceToARegistryDoesNothingAndAnotherRegistryGetsTheSameMeters() {
        TestServer server = start();
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        MummyMetrics metrics = fresh(server.server());
        metrics.bindTo(first);
        int meters = first.getMeters().size();
        metrics.bindTo(first);
        assertEquals(meters, first.getMeters().size());

        metrics.bindTo(second);
        assertEquals(meters, second.getMeters().size());
        assertEquals(200, server.get("/items/1").status());
        scrape(first); // discovered through one registry's read, registered in both
        assertEquals(1, first.get(DURATION).functionTimer().count());
        assertEquals(1, second.get(DURATION).functionTimer().count());
    }

    @Test
    void aSecondBinderWithTheSameTagsInOneRegistryIsRefused() {
        TestServer one = start();
        TestServer two = start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MummyMetrics first = MummyMetrics.builder(one.server()).tags(Tags.of("server", "one"))
                .snapshotMaxAge(Duration.ZERO).build();
        toClose.push(first);
        first.bindTo(registry);
        MummyMetrics clash = MummyMetrics.builder(two.server()).tags(Tags.of("server", "one")).build();
        toClose.push(clash);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> clash.bindTo(registry));
        assertTrue(refused.getMessage().contains("tags"), refused.getMessage());

        MummyMetrics second = MummyMetrics.builder(two.server()).tags(Tags.of("server", "two"))
                .snapshotMaxAge(Duration.ZERO).build();
        toClose.push(second);
        second.bindTo(registry);
        assertEquals(404, two.get("/nowhere").status());
        scrape(registry);
        assertEquals(1, registry.get(DURATION).tag("server", "two").functionTimer().count());
        assertNull(registry.find(DURATION).tag("server", "one").meter(), "server one had no request");

        first.close();
        clash.bindTo(registry); // the tags are free again
    }

    @Test
    void afterTheServerStopsTheMetersKeepItsFinalCountsAndItCannotBeBoundAgain() throws Exception {
        TestServer server = start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        fresh(server.server()).bindTo(registry);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, server.get("/items/" + i).status());
        }
        scrape(registry);
        server.close();
        scrape(registry);

        assertEquals(3, registry.get(DURATION).tags(series("GET", 200, "/items/@id")).functionTimer().count());
        assertEquals(0, registry.get("mummy.connection.active").gauge().value());
        assertEquals(0, registry.get("http.server.active_requests").gauge().value());
        assertTrue(registry.get("mummy.connection.closed").tag("mummy.close_reason", "shutdown").functionCounter()
                .count() + registry.get("mummy.connection.closed").tag("mummy.close_reason", "client_closed")
                .functionCounter().count() >= 1, "the client's connection was closed at shutdown");

        MummyMetrics late = MummyMetrics.of(server.server());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> late.bindTo(new SimpleMeterRegistry()));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
    }

    @Test
    void aServerMayBeBoundBeforeItStarts() {
        Server server = Server.builder().handler(router).scheduler("virtual").build();
        toClose.push(server);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        fresh(server).bindTo(registry);
        assertEquals(0, registry.get("mummy.connection.accepted").functionCounter().count());
        assertNull(registry.find("mummy.io.loop.turns").meter(), "no IO thread before start");

        int port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
        try (TestClient client = TestClient.create(port)) {
            assertEquals(200, client.get("/items/1").status());
        }
        scrape(registry);
        assertEquals(1, registry.get(DURATION).functionTimer().count());
        assertNotNull(registry.find("mummy.io.loop.turns").functionCounter());
        assertEquals(1, registry.get("mummy.connection.accepted").functionCounter().count());
    }

    @Test
    void closeRemovesTheMetersAndEndsTheBinder() {
        TestServer server = start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MummyMetrics metrics = fresh(server.server());
        metrics.bindTo(registry);
        assertEquals(200, server.get("/items/1").status());
        scrape(registry);
        assertFalse(registry.getMeters().isEmpty());

        metrics.close();
        assertEquals(List.of(), registry.getMeters());
        metrics.close();
        metrics.refresh();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> metrics.bindTo(registry));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
        assertEquals(List.of(), registry.getMeters());

        fresh(server.server()).bindTo(registry); // a new binder for the same server and registry
        assertEquals(1, registry.get(DURATION).functionTimer().count());
    }

    @Test
    void theBuilderChecksItsSettings() {
        assertThrows(NullPointerException.class, () -> MummyMetrics.builder(null));
        Server server = Server.builder().handler(router).build();
        toClose.push(server);
        assertThrows(IllegalArgumentException.class,
                () -> MummyMetrics.builder(server).snapshotMaxAge(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> MummyMetrics.builder(server).tags(null));
        try (MummyMetrics forever = MummyMetrics.builder(server).snapshotMaxAge(Duration.ofSeconds(Long.MAX_VALUE))
                .build()) {
            forever.bindTo(new SimpleMeterRegistry());
        }
        assertEquals(Duration.ofSeconds(1), MummyMetrics.DEFAULT_SNAPSHOT_MAX_AGE);
    }

    @Test
    void runsOnTheModulePathWithMicrometersAutomaticModule() {
        Module module = MummyMetrics.class.getModule();
        assertEquals("mummy.metrics.micrometer", module.getName());
        assertEquals("micrometer.core", MeterRegistry.class.getModule().getName());
        assertTrue(MeterRegistry.class.getModule().getDescriptor().isAutomatic());
        assertTrue(module.getDescriptor().requires().stream().anyMatch(r -> r.name().equals("micrometer.core")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
    }
}
