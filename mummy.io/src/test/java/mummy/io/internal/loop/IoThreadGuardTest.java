package mummy.io.internal.loop;

import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mummy.api.HttpHeaders;
import mummy.api.spi.Scheduler;
import mummy.io.Server;
import mummy.io.internal.http.HttpLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The IO thread outlives anything one connection does: a fault injected into each kind of
 * per-connection work (through {@link GuardedStep.Faults}) closes that connection only, while a
 * connection opened before it and one opened after it are served; and a loop that does fail
 * closes its listeners, says why, and still shuts down.
 */
class IoThreadGuardTest {

    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    private final AtomicInteger victimPort = new AtomicInteger(-1);
    private final AtomicReference<String> faultyStep = new AtomicReference<>();
    private final AtomicReference<Throwable> fault = new AtomicReference<>();
    private final AtomicInteger injected = new AtomicInteger();
    private Server server;
    private int port;

    @BeforeEach
    void injectFaults() {
        GuardedStep.faults = (step, remotePort) -> {
            if (step.equals(faultyStep.get()) && (remotePort == victimPort.get() || step.equals("turn"))) {
                injected.incrementAndGet();
                Throwable error = fault.get();
                if (error instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) error;
            }
        };
        server = Server.builder()
                .handler(request -> request.respond(200, HttpHeaders.of("Content-Type", "text/plain"), "ok"))
                .headerTimeout(Duration.ofMillis(300))
                .scheduler("virtual")
                .build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
        GuardedStep.faults = null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"event", "send", "flush", "expire"})
    void aFaultInOneConnectionsWorkClosesOnlyThatConnection(String step) throws Exception {
        assertFaultClosesOnlyTheVictim(step, new IllegalStateException("injected into " + step));
    }

    @ParameterizedTest
    @ValueSource(strings = {"event", "send", "flush"})
    void anOutOfMemoryErrorOnTheIoThreadDropsOnlyTheConnectionBeingServed(String step) throws Exception {
        assertFaultClosesOnlyTheVictim(step, new OutOfMemoryError("injected into " + step));
    }

    private void assertFaultClosesOnlyTheVictim(String step, Throwable error) throws Exception {
        try (Socket bystander = connect(); Socket victim = connect()) {
            assertEquals("ok", exchange(bystander), "served before the fault");
            fault.set(error);
            faultyStep.set(step);
            victimPort.set(victim.getLocalPort());
            if (step.equals("expire")) {
                send(victim, "GET / HTTP/1.1\r\n"); // half a head: the header timeout expires
            } else {
                send(victim, GET);
            }
            assertClosedByServer(victim);
            assertTrue(injected.get() >= 1, "the fault was injected into " + step);
            faultyStep.set(null);
            assertEquals("ok", exchange(bystander), "the connection opened before still served");
            try (Socket fresh = connect()) {
                assertEquals("ok", exchange(fresh), "a new connection served");
            }
        }
    }

    @Test
    void aLoopThatFailsTurnAfterTurnClosesItsListenersAndStillShutsDown() throws Exception {
        LoopConfig config = new LoopConfig(request -> request.respond(200, "ok"), HttpLimits.defaults(),
                Long.MAX_VALUE, 100, 64, 128, "mummy-io-failing", LoopConfig.Timeouts.defaults(), System::nanoTime,
                WebSocketSettings.defaults(), BufferLimits.defaults());
        try (VirtualScheduler scheduler = new VirtualScheduler()) {
            IoLoop loop = new IoLoop(config, scheduler, new LoopMetrics(true), new HttpMetrics());
            int loopPort = loop.listen(new InetSocketAddress("127.0.0.1", 0)).getPort();
            loop.start();
            try (Socket open = connect(loopPort)) {
                send(open, GET);
                assertTrue(new String(open.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)
                        .startsWith("HTTP/1.1 200"));
                fault.set(new IllegalStateException("injected into every turn"));
                faultyStep.set("turn");
                loop.tick(); // wake it: every turn fails from now on
                assertTrue(loop.awaitTermination(Duration.ofSeconds(10)), "the loop gave up");
                assertNotNull(loop.failure(), "it says why");
                assertClosedByServer(open);
                assertThrows(ConnectException.class, () -> connect(loopPort).close(),
                        "no listener left to accept into a backlog nobody reads");
            }
            faultyStep.set(null);
            loop.shutdown(Duration.ofSeconds(1)); // a no-op now, and it does not hang
            assertTrue(loop.awaitTermination(Duration.ofSeconds(1)));
            loop.release();
        }
    }

    /** One virtual thread per task: enough of a scheduler for a loop started by hand. */
    private static final class VirtualScheduler implements Scheduler, AutoCloseable {
        private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors
                .newVirtualThreadPerTaskExecutor();

        @Override
        public String name() {
            return "test-virtual";
        }

        @Override
        public void execute(Runnable task) {
            executor.execute(task);
        }

        @Override
        public boolean close(Duration timeout) {
            executor.shutdown();
            return true;
        }

        @Override
        public void close() {
            executor.close();
        }

        @Override
        public boolean isClosed() {
            return executor.isShutdown();
        }
    }

    private Socket connect() throws IOException {
        return connect(port);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String ascii) throws IOException {
        socket.getOutputStream().write(ascii.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Sends a GET and reads its response; returns the body. */
    private static String exchange(Socket socket) throws IOException {
        send(socket, GET);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
        byte[] body = in.readNBytes(2);
        return new String(body, StandardCharsets.US_ASCII);
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
            }
        } catch (SocketException reset) {
            // the server reset it: closed too
        }
    }
}
