package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slowloris on real sockets and the real clock: thousands of clients trickling request heads hold
 * connections but not the server, and are cut off with 408 at the header timeout.
 */
class SlowlorisTest {

    private static final System.Logger LOG = System.getLogger(SlowlorisTest.class.getName());
    private static final int SLOW_CLIENTS = 2_000;
    private static final long TRICKLE_MILLIS = 200;
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
    private static final int NORMAL_REQUESTS = 20;

    private final ServerFailureLog serverLog = ServerFailureLog.attach();
    private TestApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        serverLog.close();
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void tricklingClientsDoNotStarveANormalClientAndAreCutOffWith408() throws Exception {
        app = new TestApp("virtual", Server.builder().headerTimeout(HEADER_TIMEOUT).backlog(4096));
        try (SlowClients slow = new SlowClients(SLOW_CLIENTS, TRICKLE_MILLIS);
             ExecutorService normalThread = Executors.newVirtualThreadPerTaskExecutor()) {
            long connectStart = System.nanoTime();
            slow.connect(app.port);
            long connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectStart);
            CompletableFuture<NormalClient> normal =
                    CompletableFuture.supplyAsync(() -> normalClient(slow), normalThread);
            slow.run(System.nanoTime() + HEADER_TIMEOUT.plusSeconds(10).toNanos());
            NormalClient served = normal.get(10, TimeUnit.SECONDS);
            SlowClients.Summary ended = slow.summary();
            long settleMillis = millisUntilNoConnectionIsOpen(Duration.ofSeconds(5));
            LOG.log(System.Logger.Level.INFO, "slowloris: {0} slow connections opened in {1} ms; server held {2} at"
                    + " peak (slow and normal); normal client over {3} requests: p50 {4} ms, max {5} ms, served"
                    + " while at least {6} slow connections were open; slow ends {7}; lifetimes {8} to {9} ms;"
                    + " open connections back to 0 {10} ms after the last slow one ended", SLOW_CLIENTS,
                    connectMillis, served.peakOpen, NORMAL_REQUESTS, served.percentileMillis(50),
                    served.percentileMillis(100), served.fewestSlowOpen, ended.ends(), ended.shortestMillis(),
                    ended.longestMillis(), settleMillis);

            assertTrue(served.peakOpen >= SLOW_CLIENTS, "the server held every slow connection: " + served.peakOpen);
            assertTrue(served.fewestSlowOpen >= SLOW_CLIENTS * 9 / 10,
                    "the normal client was served while the slow ones trickled: " + served.fewestSlowOpen);
            assertTrue(served.percentileMillis(100) < 1_000, "normal latency max " + served.percentileMillis(100));
            assertNull(ended.unexpected(), "every slow connection got a 408 or a close");
            assertTrue(ended.count(SlowClients.End.GOT_408) >= SLOW_CLIENTS * 9 / 10,
                    "most slow connections read the 408 before the close: " + ended.ends());
            assertTrue(ended.shortestMillis() >= HEADER_TIMEOUT.toMillis(),
                    "no slow connection is cut off before the header timeout: " + ended.shortestMillis() + " ms");
            assertTrue(ended.longestMillis() <= HEADER_TIMEOUT.plusSeconds(3).toMillis(),
                    "every slow connection is cut off soon after the header timeout: " + ended.longestMillis());
            assertEquals(0, app.server.openConnections(), "open connections after the slow clients left");
            assertEquals(List.of(), serverLog.failures(), "failures the server logged");
        }
    }

    /** The normal client's figures: latencies and what the server held meanwhile. */
    private static final class NormalClient {
        final List<Long> latenciesNanos = new ArrayList<>();
        int peakOpen;
        int fewestSlowOpen = Integer.MAX_VALUE;

        long percentileMillis(int percentile) {
            List<Long> sorted = latenciesNanos.stream().sorted().toList();
            int index = Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
            return TimeUnit.NANOSECONDS.toMillis(sorted.get(index));
        }
    }

    /** Sends {@link #NORMAL_REQUESTS} requests, each on a new connection, while the slow clients trickle. */
    private NormalClient normalClient(SlowClients slow) {
        NormalClient figures = new NormalClient();
        try {
            for (int i = 0; i < NORMAL_REQUESTS; i++) {
                figures.peakOpen = Math.max(figures.peakOpen, app.server.openConnections());
                long start = System.nanoTime();
                try (RawClient client = new RawClient(app.port)) {
                    client.send("GET /n?i=" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
                    RawClient.Response response = client.read();
                    figures.latenciesNanos.add(System.nanoTime() - start);
                    figures.fewestSlowOpen = Math.min(figures.fewestSlowOpen, slow.stillOpen());
                    assertEquals(String.valueOf(i), response.text());
                    figures.peakOpen = Math.max(figures.peakOpen, app.server.openConnections());
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new AssertionError("the normal client failed", e);
        }
        return figures;
    }

    /** Waits, at most {@code limit}, until the server holds no connection; returns how long it took. */
    private long millisUntilNoConnectionIsOpen(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (app.server.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
