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

    private static byte[] echoRequest() {
        byte[] head = ("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + BODY + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + BODY];
        System.arraycopy(head, 0, request, 0, head.length);
        return request;
    }
}
