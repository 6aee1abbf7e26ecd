package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mummy.testing.TestClient;
import mummy.testing.TestResponse;
import org.junit.jupiter.api.Test;

/**
 * The flood that used to kill the IO thread: {@code EchoServer} with a 128 MiB heap, 100
 * connections pipelining 1 MiB {@code POST /echo} requests as fast as the server takes them and
 * never reading an answer. The memory budget must hold: no {@link OutOfMemoryError}, a fresh
 * client answered during and right after the flood, and the live heap back near its baseline
 * once the attackers leave. Figures go to {@code target/flood/figures.txt}.
 */
class FloodUnderSmallHeapTest {

    private static final Path OUTPUT = Path.of("target", "flood");
    private static final int ATTACKERS = 100;
    private static final int BODY = 1 << 20;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    @Test
    void pipeliningFloodUnderA128MiBHeapLeavesTheServerServing() throws Exception {
        try (ChildServer server = new ChildServer("mummy.examples.EchoServer", List.of("-Xmx128m"), List.of(),
                OUTPUT); TestClient client = TestClient.create(server.port())) {
            long baseline = liveHeapKiB(server);
            byte[] request = echoRequest();
            List<SocketChannel> attackers = new ArrayList<>();
            long taken = 0;
            try {
                for (int i = 0; i < ATTACKERS; i++) {
                    SocketChannel channel = SocketChannel.open();
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
                    channel.connect(new InetSocketAddress("127.0.0.1", server.port()));
                    channel.configureBlocking(false);
                    attackers.add(channel);
                }
                taken = flood(attackers, request, Duration.ofSeconds(8));
                assertEquals(200, client.get("/").status(), "a fresh client served during the flood");
            } finally {
                for (SocketChannel channel : attackers) {
                    if (channel.isOpen()) {
                        try {
                            channel.setOption(StandardSocketOptions.SO_LINGER, 0); // reset: leave at once
                        } catch (IOException alreadyReset) {
                            // NOTE: the server reset it first; closing is all that is left
                        }
                        channel.close();
                    }
                }
            }
            long start = System.nanoTime();
            TestResponse after = client.get("/");
            long answeredMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, after.status());
            assertTrue(answeredMillis < 1000, "answered within a second after the flood: " + answeredMillis + " ms");
            long live = liveHeapKiB(server);
            String errors = server.errors();
            Files.writeString(OUTPUT.resolve("figures.txt"), "attackers " + ATTACKERS + ", bytes taken by the server "
                    + taken + ", live heap before " + baseline + " KiB, after " + live + " KiB, fresh GET after "
                    + answeredMillis + " ms, " + server.heap() + "\n", StandardCharsets.UTF_8);
            assertFalse(errors.contains("OutOfMemoryError"), "no OutOfMemoryError: " + errors);
            assertFalse(errors.contains("loop.failed"), "the IO thread lived: " + errors);
            assertTrue(live < baseline + 48 * 1024, "live heap " + live + " KiB, baseline " + baseline + " KiB");
        }
    }

    /** Writes the pipelined requests round-robin, as much as each connection takes; returns the bytes taken. */
    private static long flood(List<SocketChannel> attackers, byte[] request, Duration duration) throws IOException {
        ByteBuffer[] pending = new ByteBuffer[attackers.size()];
        boolean[] gone = new boolean[attackers.size()];
        long taken = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            boolean progress = false;
            for (int i = 0; i < attackers.size(); i++) {
                if (gone[i]) {
                    continue;
                }
                if (pending[i] == null || !pending[i].hasRemaining()) {
                    pending[i] = ByteBuffer.wrap(request);
                }
                try {
                    int n = attackers.get(i).write(pending[i]);
                    taken += n;
                    progress |= n > 0;
                } catch (IOException refusedOrReset) {
                    gone[i] = true; // answered 503 and closed, or cut off: it stays gone
                }
            }
            if (!progress) {
                Thread.onSpinWait();
            }
        }
        return taken;
    }

    /** The child's heap in use after a full collection, from {@code jcmd GC.run} then {@code GC.heap_info}. */
    private static long liveHeapKiB(ChildServer server) throws Exception {
        server.runGc();
        Matcher matcher = USED.matcher(server.heapInfo());
        assertTrue(matcher.find(), "jcmd GC.heap_info says how much is used");
        return Long.parseLong(matcher.group(1));
    }

    private static byte[] echoRequest() {
        byte[] head = ("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + BODY + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + BODY];
        System.arraycopy(head, 0, request, 0, head.length);
        return request;
    }
}
