package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts driven by an injected clock (no sleeping for them), graceful shutdown, the connection cap. */
class TimeoutAndShutdownTest {

    /** A clock the test moves forward. */
    static final class FakeClock implements LongSupplier {
        private final AtomicLong now = new AtomicLong(1_000_000_000L);

        @Override
        public long getAsLong() {
            return now.get();
        }

        void advance(Duration duration) {
            now.addAndGet(duration.toNanos());
        }
    }

    private final FakeClock clock = new FakeClock();
    private TestApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private TestApp start(Server.Builder builder) {
        app = new TestApp("virtual", ((ServerBuilder) builder).clock(clock));
        return app;
    }

    /**
     * Moves the clock past {@code step} and lets the loop look, until the server answers or closes.
     * The server may not have read what the client sent when the clock first moves, so repeat.
     */
    private static int firstByteAfterAdvancing(RawClient client, FakeClock clock, TestApp app, Duration step)
            throws IOException {
        client.socket().setSoTimeout(100);
        InputStream in = client.socket().getInputStream();
        for (int attempt = 0; attempt < 100; attempt++) {
            clock.advance(step);
            app.server.tick();
            try {
                return in.read();
            } catch (SocketTimeoutException notYet) {
                // the loop has not acted yet: advance again
            }
        }
        throw new AssertionError("the server never acted on the timeout");
    }

    @Test
    void incompleteHeadGets408AtTheHeaderTimeout() throws Exception {
        start(Server.builder().headerTimeout(Duration.ofSeconds(10)));
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET / HTTP/1.1\r\nHost: h\r\nX-Slow: 1");
            assertEquals('H', firstByteAfterAdvancing(client, clock, app, Duration.ofSeconds(11)));
            client.socket().setSoTimeout(5000);
            String rest = client.readToEnd();
            assertTrue(rest.startsWith("TTP/1.1 408 Request Timeout\r\n"), rest);
            assertTrue(rest.contains("Connection: close\r\n"), rest);
        }
    }

    @Test
    void stalledBodyGets408AtTheBodyTimeout() throws Exception {
        start(Server.builder().bodyTimeout(Duration.ofSeconds(30)));
        try (RawClient client = new RawClient(app.port)) {
            client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");
            assertEquals('H', firstByteAfterAdvancing(client, clock, app, Duration.ofSeconds(31)));
            client.socket().setSoTimeout(5000);
            assertTrue(client.readToEnd().startsWith("TTP/1.1 408 "));
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedQuietly() throws Exception {
        start(Server.builder().idleTimeout(Duration.ofSeconds(60)));
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("Hello, World!", client.read().text());
            assertEquals(-1, firstByteAfterAdvancing(client, clock, app, Duration.ofSeconds(61)),
                    "closed without a response");
        }
    }

    @Test
    void clientThatDoesNotReadIsCutOffAtTheWriteTimeout() throws Exception {
        start(Server.builder().writeTimeout(Duration.ofSeconds(30)));
        int size = 16 * 1024 * 1024;
        try (RawClient client = new RawClient(app.port)) {
            client.socket().setReceiveBufferSize(4096);
            client.send("GET /big?size=" + size + " HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals('H', client.socket().getInputStream().read(), "the response has begun");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (app.server.openConnections() > 0 && System.nanoTime() < deadline) {
                clock.advance(Duration.ofSeconds(31)); // the client deliberately does not read
                app.server.tick();
                Thread.sleep(10);
            }
            assertEquals(0, app.server.openConnections(), "the stalled connection was closed");
            client.socket().setSoTimeout(10_000);
            long received = 1;
            byte[] buffer = new byte[65536];
            try {
                for (int n; (n = client.socket().getInputStream().read(buffer)) > 0; ) {
                    received += n;
                }
            } catch (IOException reset) {
                // the reset of an aborted connection
            }
            assertTrue(received < size, "the server stopped writing: received " + received + " of " + size);
        }
    }

    @Test
    void requestInFlightAtCloseGetsItsFullResponse() throws Exception {
        start(Server.builder());
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /latch HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(app.latchEntered.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(app.server::close);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && canConnect(app.port)) {
                Thread.onSpinWait(); // wait until the listener is closed
            }
            assertThrows(ConnectException.class, () -> new RawClient(app.port).close(), "no new connections");
            app.latch.countDown();
            RawClient.Response response = client.read();
            assertEquals("released", response.text());
            assertEquals("close", response.header("Connection"));
            assertTrue(client.closedByServer());
            closing.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void atTheConnectionCapNewClientsWaitWhileOthersAreServed() throws Exception {
        start(Server.builder().maxConnections(2));
        try (RawClient first = new RawClient(app.port); RawClient second = new RawClient(app.port)) {
            first.send("GET /n?i=1 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("1", first.read().text());
            second.send("GET /n?i=2 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("2", second.read().text());
            try (RawClient third = new RawClient(app.port)) { // TCP completes in the backlog, not accepted
                third.send("GET /n?i=3 HTTP/1.1\r\nHost: h\r\n\r\n");
                third.socket().setSoTimeout(300);
                assertThrows(SocketTimeoutException.class, () -> third.socket().getInputStream().read(),
                        "not served while two connections are open");
                first.send("GET /n?i=4 HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals("4", first.read().text(), "existing connections are still served");
                first.socket().close(); // frees a slot; closing it again at the end of the try is harmless
                third.socket().setSoTimeout(10_000);
                assertEquals("3", third.read().text(), "accepted once a slot freed");
            }
        }
    }

    @Test
    void webSocketPeerThatAnswersPingsStaysAndOneThatStopsIsClosed() throws Exception {
        start(Server.builder().webSocketPingInterval(Duration.ofSeconds(30)));
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            assertEquals("open null", app.webSocketEvents.poll(10, TimeUnit.SECONDS));
            ws.http.socket().setSoTimeout(100);
            WsClient.Frame ping = null;
            for (int attempt = 0; attempt < 100 && ping == null; attempt++) {
                clock.advance(Duration.ofSeconds(31));
                app.server.tick();
                try {
                    ping = ws.read();
                } catch (SocketTimeoutException notYet) {
                    // advance again
                }
            }
            assertEquals(9, ping.opcode(), "a ping after the interval");
            ws.frame(10, true, ping.payload(), true); // answer it
            ws.text("still here");
            ws.http.socket().setSoTimeout(10_000);
            assertEquals("still here", ws.read().text(), "answered: the connection stays");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (app.server.openConnections() > 0 && System.nanoTime() < deadline) {
                clock.advance(Duration.ofSeconds(31)); // now the client stays silent
                app.server.tick();
                Thread.sleep(10);
            }
            assertEquals(0, app.server.openConnections(), "an unanswered ping closes the connection");
            String event;
            do {
                event = app.webSocketEvents.poll(10, TimeUnit.SECONDS);
            } while (event != null && !event.startsWith("close"));
            assertEquals("close 1006 the peer stopped answering pings", event);
        }
    }

    @Test
    void webSocketSendsReportBackpressureAndAStalledPeerIsClosed() throws Exception {
        start(Server.builder().outboundHighWaterMark(256 * 1024).writeTimeout(Duration.ofSeconds(30)));
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            assertEquals("open null", app.webSocketEvents.poll(10, TimeUnit.SECONDS));
            ws.http.socket().setReceiveBufferSize(4096);
            ws.text("flood"); // and never read again
            assertEquals("message flood", app.webSocketEvents.poll(10, TimeUnit.SECONDS));
            String flood = app.webSocketEvents.poll(10, TimeUnit.SECONDS);
            assertTrue(flood != null && flood.startsWith("flood BACKPRESSURED after "), flood);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (app.server.openConnections() > 0 && System.nanoTime() < deadline) {
                clock.advance(Duration.ofSeconds(31));
                app.server.tick();
                Thread.sleep(10);
            }
            assertEquals(0, app.server.openConnections(), "closed at the write timeout instead of buffering on");
            java.util.List<String> rest = new java.util.ArrayList<>();
            while (rest.size() < 2) {
                String event = app.webSocketEvents.poll(10, TimeUnit.SECONDS);
                if (event == null) {
                    break;
                }
                rest.add(event);
            }
            assertTrue(rest.contains("flood ended CLOSED"), "the blocked sender is released: " + rest);
            assertTrue(rest.contains("close 1006 "), rest.toString());
        }
    }

    @Test
    void shutdownClosesWebSocketsWith1001() throws Exception {
        start(Server.builder());
        try (WsClient ws = WsClient.open(app.port, "/ws", "")) {
            assertEquals("open null", app.webSocketEvents.poll(10, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(app.server::close);
            WsClient.Frame close = ws.read();
            assertEquals(8, close.opcode());
            assertEquals(1001, close.closeCode());
            ws.close(1001);
            assertTrue(ws.http.closedByServer());
            closing.get(10, TimeUnit.SECONDS);
            assertEquals("close 1001 ", app.webSocketEvents.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aHandlerTaskStillQueuedWhenTheGracePeriodEndsDoesNotRun() throws Exception {
        java.util.concurrent.CountDownLatch blocking = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch parsed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger queuedRan = new java.util.concurrent.atomic.AtomicInteger();
        mummy.api.RequestHandler handler = new mummy.api.RequestHandler() {
            @Override
            public void handle(mummy.api.Request request) throws Exception {
                if (request.path().equals("/block")) {
                    blocking.countDown();
                    assertTrue(release.await(20, TimeUnit.SECONDS));
                }
                queuedRan.addAndGet(request.path().equals("/queued") ? 1 : 0);
                request.respond(200, "ran");
            }

            @Override
            public boolean streamsBody(String method, String target) {
                if (target.equals("/queued")) {
                    parsed.countDown(); // the IO thread parsed its head; its body is in the same read
                }
                return false;
            }
        };
        // one worker: /queued waits in the scheduler's queue behind /block
        Server server = ((ServerBuilder) Server.builder().handler(handler).scheduler("pool").workerThreads(1)
                .shutdownGracePeriod(Duration.ofSeconds(5))).clock(clock).build();
        int port = server.start(new java.net.InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
        CompletableFuture<Void> closing = null;
        try (RawClient client = new RawClient(port)) {
            client.send("GET /block HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /queued HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx");
            assertTrue(blocking.await(10, TimeUnit.SECONDS));
            assertTrue(parsed.await(10, TimeUnit.SECONDS));
            // own threads: the common pool may have a single thread, which close() would hold
            closing = CompletableFuture.runAsync(server::close, Thread::startVirtualThread);
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    server.awaitTermination();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, Thread::startVirtualThread);
            for (int attempt = 0; attempt < 200 && !stopped.isDone(); attempt++) {
                clock.advance(Duration.ofSeconds(6)); // past the grace period: the loop closes the connection
                server.tick();
                try {
                    stopped.get(50, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException notYet) {
                    // advance again
                }
            }
            assertTrue(stopped.isDone(), "the IO thread stopped at the end of the grace period");
            assertTrue(client.closedByServer());
        } finally {
            release.countDown(); // /block returns; the worker takes /queued, whose connection is gone
            if (closing != null) {
                closing.get(20, TimeUnit.SECONDS); // the scheduler closed: every task has run or been dropped
            }
            server.close();
        }
        assertEquals(0, queuedRan.get(), "the queued handler did not run after the loop stopped");
    }

    private static boolean canConnect(int port) {
        try (RawClient _ = new RawClient(port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
