package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that never reads cannot make the server hold its output without bound: once the
 * connection's answers pass its limit the server stops reading it, and the write timeout resets it.
 */
@ParameterizedClass
@ValueSource(strings = {"pool", "forkjoin", "virtual"})
class BoundedOutputTest {

    private static final int BODY = 64 * 1024;
    private static final int REQUESTS = 1024; // 64 MiB of pipelined echoes offered

    @Parameter
    String scheduler;

    private TestApp app;

    @BeforeEach
    void start() {
        app = new TestApp(scheduler, Server.builder().writeTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void aClientThatNeverReadsIsNoLongerReadPastItsLimitAndIsResetAtTheWriteTimeout() throws Exception {
        byte[] request = echoRequest();
        try (SocketChannel channel = SocketChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 * 1024);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            channel.connect(new InetSocketAddress("127.0.0.1", app.port));
            channel.configureBlocking(false);
            ByteBuffer pending = ByteBuffer.allocate(0);
            long accepted = 0;
            int sent = 0;
            long stalledSince = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            IOException reset = null;
            while (System.nanoTime() < deadline) {
                if (!pending.hasRemaining() && sent < REQUESTS) {
                    pending = ByteBuffer.wrap(request);
                    sent++;
                }
                int n;
                try {
                    n = channel.write(pending);
                } catch (IOException e) {
                    reset = e; // the server reset the connection
                    break;
                }
                accepted += n;
                if (n > 0) {
                    stalledSince = 0;
                } else {
                    stalledSince = stalledSince == 0 ? System.nanoTime() : stalledSince;
                    Thread.sleep(5);
                }
            }
            assertTrue(reset != null, "the server reset the connection at the write timeout; it had taken "
                    + accepted + " bytes");
            // The connection's own limit (1 MiB) plus the answers in flight, and the kernel's buffers
            // on both sides of loopback; without the limit the server reads all 64 MiB.
            assertTrue(accepted < 24L * 1024 * 1024, "the server stopped reading: it took " + accepted
                    + " of " + (long) REQUESTS * request.length + " bytes");
        }
        try (RawClient fresh = new RawClient(app.port)) {
            assertEquals("Hello, World!", fresh.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().text());
        }
    }

    @Test
    void aClientThatReadsATrickleIsClosedAtTheWriteTimeoutHoweverOftenItReads() throws Exception {
        try (TestApp slowReaders = new TestApp(scheduler, Server.builder().writeTimeout(Duration.ofSeconds(3))
                .minWriteRate(32L * 1024 * 1024));
             java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(256 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", slowReaders.port));
            socket.setSoTimeout(15_000);
            int size = 64 * 1024 * 1024;
            socket.getOutputStream().write(("GET /big?size=" + size + " HTTP/1.1\r\nHost: h\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            long read = 0;
            boolean closed = false;
            byte[] buffer = new byte[64 * 1024];
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) { // a few MiB/s, steadily: well below the 32 MiB/s asked for
                int n;
                try {
                    n = socket.getInputStream().read(buffer);
                } catch (java.net.SocketException reset) {
                    n = -1;
                }
                if (n < 0) {
                    closed = true;
                    break;
                }
                read += n;
                Thread.sleep(20);
            }
            assertTrue(closed, "a reader slower than the minimum rate was closed; it read " + read + " bytes");
            assertTrue(read < size, "before the response was whole: " + read);
        }
    }

    @Test
    void aBodyThatDoesNotFitTheTotalBudgetIsRefusedWith503WhileOtherRequestsAreServed() throws Exception {
        // one IO loop: the whole budget is its own (with several, each holds an even share of it:
        // MultipleIoLoopsTest checks that)
        try (TestApp small = new TestApp(scheduler, Server.builder().ioThreads(1)
                .maxBufferedBytesPerConnection(64 * 1024).maxBufferedBytes(256 * 1024));
             RawClient holder = new RawClient(small.port);
             RawClient refused = new RawClient(small.port);
             RawClient light = new RawClient(small.port)) {
            String body = "x".repeat(200_000);
            holder.send("POST /latch HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertTrue(small.latchEntered.await(10, java.util.concurrent.TimeUnit.SECONDS), "the first body is admitted");
            refused.send("POST /latch HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n");
            RawClient.Response answer = refused.read();
            assertEquals(503, answer.status(), "the second body does not fit: refused before it is sent");
            assertEquals("close", answer.header("Connection"));
            assertEquals("Hello, World!", light.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().text(),
                    "a request without a body is served meanwhile");
            small.latch.countDown();
            assertEquals("released", holder.read().text());
            try (RawClient later = new RawClient(small.port)) {
                later.send("POST /latch HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                assertEquals(200, later.read().status(), "once the first is answered, the budget has room again");
            }
        }
    }

    private static byte[] echoRequest() {
        byte[] head = ("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + BODY + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + BODY];
        System.arraycopy(head, 0, request, 0, head.length);
        return request;
    }
}
