package mummy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mummy.api.Request;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several IO loops behind one address ({@link Server.Builder#ioThreads}): the kernel spreads
 * connections over the loops' {@code SO_REUSEPORT} listeners, or (with {@code reusePort(false)})
 * loop 0 accepts and hands them over in turn; each connection stays on its loop, and what must
 * hold for the whole server (broadcasts, shutdown, the connection cap, metrics) holds across
 * loops. Every test runs in both ways.
 *
 * <p>One class past the usual size: its nine tests share the two-loop server frame, the helpers
 * that tell which loop took a connection, and the parameter; split, each part would repeat them.
 */
@ParameterizedClass(name = "reusePort {0}")
@ValueSource(booleans = {true, false})
class MultipleIoLoopsTest {

    @Parameter
    boolean reusePort;

    /** Enough connections that the kernel's hash puts some on each of two loops (64: 1 in 2^63 not). */
    private static final int CONNECTIONS = 64;

    private Server.Builder twoLoops() {
        return Server.builder().ioThreads(2).reusePort(reusePort).scheduler("pool")
                .shutdownGracePeriod(Duration.ofSeconds(5));
    }

    private static int start(Server server) {
        return server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @Test
    void bothLoopsCarryConnectionsAndEachIsCountedOnItsOwn() throws Exception {
        try (Server server = twoLoops().handler(r -> r.respond(200, Thread.currentThread().getName())).build()) {
            int port = start(server);
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    RawClient client = new RawClient(port);
                    clients.add(client);
                    RawClient.Response response = client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
                    assertEquals(200, response.status());
                    assertTrue(new String(response.body(), StandardCharsets.UTF_8).startsWith("mummy-worker-"),
                            "handlers run on the scheduler, not on an IO thread");
                }
                Await.until("all connections counted", Duration.ofSeconds(5),
                        () -> server.metrics().connections().open() == CONNECTIONS);
                ServerMetrics metrics = server.metrics();
                assertEquals(List.of("mummy-io-0", "mummy-io-1"),
                        metrics.ioLoops().stream().map(ServerMetrics.IoLoop::name).toList());
                long accepted = 0;
                for (ServerMetrics.IoLoop loop : metrics.ioLoops()) {
                    assertTrue(loop.acceptedConnections() > 0, "loop " + loop.name() + " got no connection: "
                            + metrics.ioLoops());
                    assertEquals(loop.acceptedConnections(), loop.openConnections());
                    if (!reusePort) {
                        assertEquals(CONNECTIONS / 2, loop.acceptedConnections(), "handed over in turn");
                    }
                    accepted += loop.acceptedConnections();
                }
                assertEquals(CONNECTIONS, accepted);
                assertEquals(CONNECTIONS, metrics.connections().accepted(), "the server's figure is the loops' sum");
                assertEquals(CONNECTIONS, server.openConnections());
                assertEquals(2, Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("mummy-io-")).count());
                for (RawClient client : clients) { // every connection still served by its loop
                    assertEquals(200, client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status());
                }
                assertTrue(PrometheusText.write(server.metrics()).contains(
                        "mummy_io_loop_connections{thread_name=\"mummy-io-1\"}"));
            } finally {
                for (RawClient client : clients) {
                    client.close();
                }
            }
        }
    }

    /** Opens {@link #CONNECTIONS} WebSockets into {@code clients}; the handler adds each to {@code open}. */
    private static void openOnBothLoops(Server server, int port, List<WsClient> clients, Set<WebSocket> open)
            throws IOException {
        for (int i = 0; i < CONNECTIONS; i++) {
            clients.add(WsClient.open(port, "/ws", ""));
        }
        Await.until("every WebSocket open", Duration.ofSeconds(5), () -> open.size() == CONNECTIONS);
        assertTrue(server.metrics().ioLoops().stream().allMatch(l -> l.openConnections() > 0),
                "WebSockets on both loops: " + server.metrics().ioLoops());
    }

    @Test
    void requestSeriesOfBothLoopsAddUpExactlyUnderConcurrentLoad() throws Exception {
        int perConnection = 200;
        try (Server server = twoLoops().handler(r -> r.respond(200, "ok")).build()) {
            int port = start(server);
            String burst = "GET / HTTP/1.1\r\nHost: h\r\n\r\n".repeat(perConnection);
            List<Thread> clients = new ArrayList<>();
            AtomicInteger answered = new AtomicInteger();
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    try (RawClient client = new RawClient(port)) {
                        client.send(burst);
                        for (int n = 0; n < perConnection; n++) {
                            if (client.read().status() == 200) {
                                answered.incrementAndGet();
                            }
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(30));
            }
            assertEquals(CONNECTIONS * perConnection, answered.get());
            // both loops recorded at once, each into its own series: the merged count is exact
            Await.until("every answer counted", Duration.ofSeconds(5), () -> server.metrics().http().requests()
                    .stream().mapToLong(series -> series.duration().count()).sum() == CONNECTIONS * perConnection);
            List<ServerMetrics.RequestSeries> series = server.metrics().http().requests();
            assertEquals(1, series.size(), "one series, merged from both loops: " + series);
            assertEquals(CONNECTIONS * perConnection, series.getFirst().duration().count());
            assertEquals(2L * CONNECTIONS * perConnection, (long) series.getFirst().responseBodySize().sum(),
                    "2 bytes (\"ok\") per response");
            assertTrue(server.metrics().ioLoops().stream().allMatch(l -> l.acceptedConnections() > 0));
        }
    }

    @Test
    void aBroadcastFromOneWorkerReachesWebSocketsOnEveryLoop() throws Exception {
        Set<WebSocket> open = ConcurrentHashMap.newKeySet();
        AtomicInteger delivered = new AtomicInteger();
        try (Server server = twoLoops().handler(Request::upgradeToWebSocket)
                .webSocketHandler((ws, event) -> {
                    switch (event) {
                        case WebSocketEvent.Open o -> open.add(ws);
                        case WebSocketEvent.Message m when m.asText().equals("broadcast") -> {
                            for (WebSocket each : open) { // one worker sends to every loop
                                if (each.send("to all") != mummy.api.SendResult.CLOSED) {
                                    delivered.incrementAndGet();
                                }
                            }
                        }
                        case WebSocketEvent.Close c -> open.remove(ws);
                        default -> { }
                    }
                }).build()) {
            int port = start(server);
            List<WsClient> clients = new ArrayList<>();
            try {
                openOnBothLoops(server, port, clients, open);
                for (int round = 0; round < 3; round++) {
                    clients.get(round).text("broadcast");
                    for (WsClient client : clients) {
                        WsClient.Frame frame = client.read();
                        assertEquals(1, frame.opcode());
                        assertArrayEquals("to all".getBytes(StandardCharsets.UTF_8), frame.payload());
                    }
                }
                assertEquals(3 * CONNECTIONS, delivered.get());
            } finally {
                for (WsClient client : clients) {
                    client.close();
                }
            }
        }
    }

    @Test
    void closeStopsAcceptingEverywhereAndSends1001OnEveryLoop() throws Exception {
        Set<WebSocket> open = ConcurrentHashMap.newKeySet();
        Server server = twoLoops().handler(Request::upgradeToWebSocket)
                .webSocketHandler((ws, event) -> {
                    if (event instanceof WebSocketEvent.Open) {
                        open.add(ws);
                    }
                }).build();
        int port = start(server);
        List<WsClient> clients = new ArrayList<>();
        try {
            openOnBothLoops(server, port, clients, open);
            Thread closer = Thread.ofPlatform().start(server::close);
            for (WsClient client : clients) {
                WsClient.Frame frame = client.read();
                assertEquals(8, frame.opcode(), "a Close frame");
                assertEquals(1001, (frame.payload()[0] & 0xFF) << 8 | frame.payload()[1] & 0xFF);
                client.close(1001);
            }
            closer.join(Duration.ofSeconds(10));
            assertTrue(!closer.isAlive(), "close() returned");
            assertThrows(IOException.class, () -> {
                for (int i = 0; i < 8; i++) { // each would land on one loop or the other: none listens
                    new RawClient(port).send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
                }
            });
            assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("mummy-io-") && t.isAlive()).count());
        } finally {
            server.close();
            for (WsClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void theConnectionCapHoldsForAllLoopsTogether() throws Exception {
        int cap = 10;
        try (Server server = twoLoops().maxConnections(cap).handler(r -> r.respond(200, "ok")).build()) {
            int port = start(server);
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < cap; i++) {
                    RawClient client = new RawClient(port);
                    clients.add(client);
                    assertEquals(200, client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status());
                }
                // more clients: the kernel completes their handshakes into the loops' backlogs,
                // but no loop accepts them while the server holds its cap
                List<RawClient> waiting = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    RawClient client = new RawClient(port);
                    waiting.add(client);
                    client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
                    client.socket().setSoTimeout(300);
                }
                clients.addAll(waiting);
                for (RawClient client : waiting) {
                    assertThrows(SocketTimeoutException.class, client::read, "not served beyond the cap");
                }
                assertEquals(cap, server.openConnections());
                assertTrue(server.metrics().connections().pausedAtCap() >= 1);
                for (int i = 0; i < waiting.size(); i++) { // each freed place, on whichever loop, lets one in
                    clients.get(i).close();
                }
                for (RawClient client : waiting) {
                    client.socket().setSoTimeout(10_000);
                    assertEquals(200, client.read().status());
                }
                Await.until("the cap held", Duration.ofSeconds(5), () -> server.openConnections() == cap);
            } finally {
                for (RawClient client : clients) {
                    client.close();
                }
            }
        }
    }

    /** Which loop accepted the connection opened last: the one whose accepted count grew. */
    private static int loopThatAccepted(Server server, long[] before) {
        List<ServerMetrics.IoLoop> loops = server.metrics().ioLoops();
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i).acceptedConnections() > before[i]) {
                before[i] = loops.get(i).acceptedConnections();
                return i;
            }
        }
        return -1;
    }

    @Test
    void aPlaceFreedOnOneLoopWakesTheOtherLoopPausedAtTheCap() throws Exception {
        // The loops' clock stands still: no timed retry can let the waiting client in, only the wake.
        TimeoutAndShutdownTest.FakeClock clock = new TimeoutAndShutdownTest.FakeClock();
        try (Server server = ((ServerBuilder) twoLoops().maxConnections(1)).clock(clock)
                .handler(r -> r.respond(200, "ok")).build()) {
            int port = start(server);
            long[] accepted = new long[2];
            RawClient holder = new RawClient(port);
            assertEquals(200, holder.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status());
            int holderLoop = loopThatAccepted(server, accepted);
            int crossings = 0;
            for (int attempt = 0; attempt < 40 && crossings < 3; attempt++) {
                RawClient next = new RawClient(port); // waits in one loop's backlog: the cap is full
                next.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
                holder.close(); // frees the place on the holder's loop
                next.socket().setSoTimeout(10_000);
                assertEquals(200, next.read().status(), "let in once the place freed");
                int nextLoop = loopThatAccepted(server, accepted);
                if (nextLoop != holderLoop) {
                    crossings++;
                }
                holder = next;
                holderLoop = nextLoop;
            }
            holder.close();
            assertTrue(crossings >= 3, "the kernel put a waiting client on the other loop only " + crossings
                    + " times in 40");
        }
    }

    @Test
    void eachLoopHoldsItsShareOfTheByteBudget() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        // 512 KiB for two loops: 256 KiB each; a 200 kB body fits one loop's share once
        try (Server server = twoLoops().maxBufferedBytesPerConnection(64 * 1024).maxBufferedBytes(512 * 1024)
                .handler(r -> {
                    entered.incrementAndGet();
                    release.await();
                    r.respond(200, "ok");
                }).build()) {
            int port = start(server);
            String body = "x".repeat(200_000);
            long[] accepted = new long[2];
            List<RawClient> clients = new ArrayList<>();
            RawClient[] firstOn = new RawClient[2];
            RawClient refused = null;
            try {
                for (int i = 0; i < 40 && refused == null; i++) {
                    RawClient client = new RawClient(port);
                    clients.add(client);
                    Await.until("accepted", Duration.ofSeconds(5), () -> server.metrics().connections().accepted()
                            > accepted[0] + accepted[1]);
                    int loop = loopThatAccepted(server, accepted);
                    if (firstOn[loop] == null) {
                        firstOn[loop] = client; // its loop's first big body: admitted, held while the handler waits
                        int before = entered.get();
                        client.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n"
                                + body);
                        Await.until("the body admitted", Duration.ofSeconds(10), () -> entered.get() > before);
                    } else {
                        refused = client; // a second big body on the same loop: past its share
                    }
                }
                assertTrue(refused != null, "two connections on one loop in 40");
                refused.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n");
                assertEquals(503, refused.read().status(), "the body does not fit its loop's share");
                release.countDown();
                for (RawClient held : firstOn) {
                    if (held != null) {
                        assertEquals(200, held.read().status());
                    }
                }
            } finally {
                release.countDown();
                for (RawClient client : clients) {
                    client.close();
                }
            }
        }
    }

    @Test
    void eachLoopsShareOfTheByteBudgetMustHoldOneConnection() {
        Server.Builder builder = Server.builder().handler(r -> r.respond(200, "ok")).ioThreads(4)
                .maxBufferedBytesPerConnection(1 << 20).maxBufferedBytes(3L << 20);
        IllegalStateException refused = assertThrows(IllegalStateException.class, builder::build);
        assertEquals("maxBufferedBytes (3145728) split over 4 IO threads gives each 786432 bytes, less than"
                + " maxBufferedBytesPerConnection (1048576): raise maxBufferedBytes or use fewer ioThreads",
                refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Server.builder().ioThreads(257));
        assertThrows(IllegalArgumentException.class, () -> Server.builder().ioThreads(-1));
    }

    @Test
    void theSystemPropertySetsTheDefaultAndABadValueIsNamed() throws Exception {
        String before = System.getProperty(Server.IO_THREADS_PROPERTY);
        try {
            System.setProperty(Server.IO_THREADS_PROPERTY, "2");
            try (Server server = Server.builder().handler(r -> r.respond(200, "ok")).build()) {
                start(server);
                assertEquals(2, server.metrics().ioLoops().size());
            }
            try (Server server = Server.builder().ioThreads(1).handler(r -> r.respond(200, "ok")).build()) {
                start(server);
                assertEquals(List.of("mummy-io"), server.metrics().ioLoops().stream()
                        .map(ServerMetrics.IoLoop::name).toList(), "the builder's setting wins");
            }
            System.setProperty(Server.IO_THREADS_PROPERTY, "many");
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> Server.builder().handler(r -> r.respond(200, "ok")).build());
            assertEquals("the system property mummy.ioThreads must be a number between 0 and 256: \"many\"",
                    refused.getMessage());
            System.setProperty(Server.IO_THREADS_PROPERTY, "0");
            try (Server server = Server.builder().handler(r -> r.respond(200, "ok")).build()) {
                start(server);
                assertEquals(Runtime.getRuntime().availableProcessors(), server.metrics().ioLoops().size());
            }
        } finally {
            if (before == null) {
                System.clearProperty(Server.IO_THREADS_PROPERTY);
            } else {
                System.setProperty(Server.IO_THREADS_PROPERTY, before);
            }
        }
    }
}
