package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mummy.api.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Metrics.readiness(): 200 while serving, 503 as soon as graceful shutdown begins. */
class ReadinessTest {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch proceed = new CountDownLatch(1);
    private final Metrics metrics = Metrics.create();
    private final Metrics unbound = Metrics.create();
    private Server server;

    @AfterEach
    void stop() {
        proceed.countDown();
        server.close();
    }

    private int start() {
        Router router = Router.builder()
                .get("/readyz", metrics.readiness())
                // A probe that arrived before the shutdown and is answered during it.
                .get("/readyz-held", request -> {
                    entered.countDown();
                    proceed.await();
                    metrics.readiness().handle(request);
                })
                .get("/unbound/readyz", unbound.readiness())
                .get("/unbound/metrics", unbound.prometheus())
                .build();
        server = Server.builder().handler(router).metrics(metrics).shutdownGracePeriod(Duration.ofSeconds(10))
                .build();
        assertFalse(server.isReady());
        return server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @Test
    void readinessTurns503AsSoonAsGracefulShutdownBegins() throws Exception {
        int port = start();
        try (RawClient probe = new RawClient(port); RawClient held = new RawClient(port)) {
            probe.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response ready = probe.read();
            assertEquals(200, ready.status());
            assertEquals("ready\n", ready.text());
            assertTrue(server.isReady());

            held.send("GET /readyz-held HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            Await.until("graceful shutdown began", Duration.ofSeconds(10), server::isDraining);
            assertFalse(server.isReady());
            proceed.countDown();

            RawClient.Response draining = held.read();
            assertEquals(503, draining.status());
            assertEquals("draining\n", draining.text());
            assertEquals("close", draining.header("Connection"));
            closing.get(15, TimeUnit.SECONDS);
        }
        assertTrue(server.isDraining());
        assertFalse(server.isReady());
    }

    @Test
    void aViewBoundToNoServerAnswers503AndAViewBindsOnce() throws Exception {
        int port = start();
        assertThrows(IllegalStateException.class,
                () -> Server.builder().handler(request -> request.respond(200)).metrics(metrics).build());
        assertThrows(IllegalStateException.class, unbound::snapshot);
        try (RawClient probe = new RawClient(port)) {
            probe.send("GET /unbound/readyz HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response response = probe.read();
            assertEquals(503, response.status());
            assertEquals("not started\n", response.text());
            probe.send("GET /unbound/metrics HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(503, probe.read().status());
        }
    }
}
