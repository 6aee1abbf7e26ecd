package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients and handlers misbehaving on real sockets: handlers that throw, clients that reset in the
 * middle of a response, responses to sockets already closed, clients that half-close. The server
 * keeps serving, and when the clients are gone it holds no connection and no file descriptor more
 * than before.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChaosTest {

    private static final System.Logger LOG = System.getLogger(ChaosTest.class.getName());
    private static final String BIG = "GET /big?size=4000000 HTTP/1.1\r\nHost: h\r\n\r\n";

    private ServerFailureLog serverLog;
    private TestApp app;
    /** Open file descriptors of this JVM with the server started and warmed up. */
    private long baselineFds;

    @BeforeEach
    void start() throws Exception {
        serverLog = ServerFailureLog.attach();
        app = new TestApp("virtual", Server.builder().workerThreads(4));
        // A virtual thread blocking on a socket makes the JDK open its pollers (epoll descriptors of
        // its own, kept for the JVM's life): warm them up so that they count in the baseline.
        try (ExecutorService thread = Executors.newVirtualThreadPerTaskExecutor()) {
            thread.submit(() -> {
                try (RawClient warmUp = new RawClient(app.port)) {
                    warmUp.send("GET /sleep?ms=20 HTTP/1.1\r\nHost: h\r\n\r\nGET /throw HTTP/1.1\r\nHost: h\r\n\r\n");
                    assertEquals("slept", warmUp.read().text());
                    assertEquals(500, warmUp.read().status());
                }
                return null;
            }).get(10, TimeUnit.SECONDS);
        }
        awaitNoOpenConnection();
        baselineFds = openFds();
    }

    @AfterEach
    void stop() {
        app.close();
        serverLog.close();
    }

    @Test
    void throwingHandlersGet500AndTheirConnectionsServeOn() throws IOException {
        try (RawClient client = new RawClient(app.port)) {
            for (int i = 0; i < 50; i++) {
                client.send("GET /throw HTTP/1.1\r\nHost: h\r\n\r\nGET /silent HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals(500, client.read().status());
                assertEquals(500, client.read().status());
                assertServed(client, i);
            }
        }
        assertNothingLeaks();
    }

    @Test
    void clientsResettingInTheMiddleOfAResponseLeakNothing() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (RawClient client = new RawClient(app.port)) {
                client.send(BIG);
                InputStream in = client.socket().getInputStream();
                assertEquals('H', in.read(), "the response has begun");
                in.readNBytes(i * 1000); // stop at a different point each time
                resetOnClose(client);
            }
            try (RawClient other = new RawClient(app.port)) {
                assertServed(other, i);
            }
        }
        assertNothingLeaks();
    }

    @Test
    void responsesToClientsThatAlreadyLeftAreDroppedQuietly() throws Exception {
        for (int i = 0; i < 40; i++) {
            RawClient client = new RawClient(app.port);
            // the handler answers after the client has gone: the response meets a closed or reset socket
            client.send("GET /sleep?ms=20 HTTP/1.1\r\nHost: h\r\n\r\n" + BIG);
            if (i % 2 == 0) {
                resetOnClose(client);
            }
            client.close();
        }
        Thread.sleep(100); // let the sleeping handlers answer into the closed sockets
        try (RawClient other = new RawClient(app.port)) {
            assertServed(other, 1);
        }
        assertNothingLeaks();
    }

    @Test
    void halfClosedClientsGetEveryResponseThenAClose() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (RawClient client = new RawClient(app.port)) {
                client.send("GET /n?i=" + i + " HTTP/1.1\r\nHost: h\r\n\r\n"
                        + "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                        + "GET /sleep?ms=5 HTTP/1.1\r\nHost: h\r\n\r\n");
                client.socket().shutdownOutput();
                assertEquals(String.valueOf(i), client.read().text());
                assertEquals("hello", client.read().text());
                assertEquals("slept", client.read().text());
                assertTrue(client.closedByServer(), "closed after the last response");
            }
        }
        assertNothingLeaks();
    }

    @Test
    void manyClientsMisbehavingAtOnceLeaveTheServerServingAndLeakNothing() throws Exception {
        int clients = 8;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long seed = c;
                running.add(threads.submit(() -> misbehave(new Random(seed), 40)));
            }
            try (RawClient normal = new RawClient(app.port)) {
                for (int i = 0; i < 40; i++) {
                    assertServed(normal, i);
                }
            }
            for (Future<?> done : running) {
                done.get(30, TimeUnit.SECONDS);
            }
        }
        assertNothingLeaks();
    }

    /** One client's random misbehaviour, {@code rounds} times, each on a new connection. */
    private Void misbehave(Random random, int rounds) throws IOException {
        for (int round = 0; round < rounds; round++) {
            try (RawClient client = new RawClient(app.port)) {
                switch (random.nextInt(5)) {
                    case 0 -> {
                        client.send("GET /throw HTTP/1.1\r\nHost: h\r\n\r\n");
                        assertEquals(500, client.read().status());
                    }
                    case 1 -> {
                        client.send(BIG);
                        client.socket().getInputStream().readNBytes(random.nextInt(100_000));
                        resetOnClose(client);
                    }
                    case 2 -> client.send("GET /sleep?ms=" + random.nextInt(20) + " HTTP/1.1\r\nHost: h\r\n\r\n");
                    case 3 -> {
                        client.send("GET /n?i=" + round + " HTTP/1.1\r\nHost: h\r\n\r\n");
                        client.socket().shutdownOutput();
                        assertEquals(String.valueOf(round), client.read().text());
                        assertTrue(client.closedByServer());
                    }
                    default -> {
                        client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\npartial");
                        resetOnClose(client);
                    }
                }
            }
        }
        return null;
    }

    private static void resetOnClose(RawClient client) throws IOException {
        client.socket().setSoLinger(true, 0);
    }

    private static void assertServed(RawClient client, int i) throws IOException {
        client.send("GET /n?i=" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(String.valueOf(i), client.read().text());
    }

    /**
     * Waits, boundedly, until the server holds no connection and this JVM no more descriptors than
     * before; and checks that the server logged no failure of its own meanwhile.
     */
    private void assertNothingLeaks() {
        awaitNoOpenConnection();
        assertEquals(List.of(), serverLog.failures(), "failures the server logged");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long fds = openFds();
        while (fds > baselineFds && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
            fds = openFds();
        }
        LOG.log(System.Logger.Level.INFO, "chaos: {0} file descriptors open before, {1} after", baselineFds, fds);
        assertTrue(fds <= baselineFds,
                "file descriptors: " + baselineFds + " before, " + fds + " after: " + fdTargets());
    }

    private void awaitNoOpenConnection() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (app.server.openConnections() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(10));
        }
        assertEquals(0, app.server.openConnections(), "connections still open");
    }

    private static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fdTargets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return fd.getFileName() + "->" + Files.readSymbolicLink(fd);
                } catch (IOException gone) {
                    return fd.getFileName() + "->gone";
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
