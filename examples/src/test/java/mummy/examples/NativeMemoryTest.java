package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native memory of a {@link FileServer} on the {@code virtual} scheduler, in a child JVM with
 * Native Memory Tracking: every request runs on a new virtual thread that calls libc
 * ({@code open} for {@code respondFile}, the eventfd write that wakes the IO thread), and what those
 * calls need must be freed when they return, not kept for a thread that never runs again. The
 * figure compared is NMT's count of live {@code malloc}s in the category "Other", where FFM's
 * native segments are counted.
 */
class NativeMemoryTest {

    private static final int WARM_UP = 4_000;
    private static final int REQUESTS = 40_000;
    /** Requests written at once on the connection, below the server's pipelining limit. */
    private static final int BATCH = 32;
    /** Live mallocs the measured requests may add: far below one per request (a leak adds 40,000). */
    private static final long TOLERATED_GROWTH = 2_000;
    private static final byte[] BODY = "native memory stays flat\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern OTHER = Pattern.compile(
            "-\\s+Other \\(reserved=\\d+KB, committed=\\d+KB\\)\\s*\\(malloc=(\\d+)KB(?: tag=Other)? #(\\d+)");

    @TempDir
    Path dir;

    @Test
    void fortyThousandFileResponsesOnVirtualThreadsLeaveNativeMemoryFlat() throws Exception {
        Files.write(dir.resolve("small.txt"), BODY);
        try (ChildServer server = new ChildServer("mummy.examples.FileServer",
                List.of("-XX:NativeMemoryTracking=summary", "-Xshare:auto"),
                List.of("--dir", dir.toString(), "--scheduler", "virtual"), Path.of("target", "native-memory"));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            get(out, in, WARM_UP);
            Other before = other(server.jcmd("VM.native_memory", "summary"));
            long start = System.nanoTime();
            get(out, in, REQUESTS);
            double seconds = (System.nanoTime() - start) / 1e9;
            Other after = other(server.jcmd("VM.native_memory", "summary"));

            String report = String.format("%,d file responses on virtual threads in %.1f s: NMT Other %s -> %s%n",
                    REQUESTS, seconds, before, after);
            System.out.print(report);
            Files.writeString(Path.of("target", "native-memory.txt"), report);
            assertTrue(after.mallocs() - before.mallocs() < TOLERATED_GROWTH, report);
            String err = server.errors();
            assertFalse(err.contains("Exception") || err.contains("Error"), err);
        }
    }

    /** NMT's figures for the category "Other". */
    private record Other(long kib, long mallocs) {
        @Override
        public String toString() {
            return String.format("%,d mallocs (%,d KiB)", mallocs, kib);
        }
    }

    private static Other other(String summary) {
        Matcher m = OTHER.matcher(summary);
        assertTrue(m.find(), summary);
        return new Other(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /** Sends {@code count} pipelined GETs of the file in batches and checks every response. */
    private static void get(OutputStream out, InputStream in, int count) throws IOException {
        byte[] request = "GET /files/small.txt HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] batch = new byte[request.length * BATCH];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(request, 0, batch, i * request.length, request.length);
        }
        for (int sent = 0; sent < count; sent += BATCH) {
            int n = Math.min(BATCH, count - sent);
            out.write(batch, 0, n * request.length);
            out.flush();
            for (int i = 0; i < n; i++) {
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200 "), head);
                assertTrue(head.contains("\r\nContent-Length: " + BODY.length + "\r\n"), head);
                byte[] body = in.readNBytes(BODY.length);
                assertEquals(Arrays.toString(BODY), Arrays.toString(body));
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.charAt(head.length() - 1) != '\n' || head.charAt(head.length() - 3) != '\n') {
            int b = in.read();
            if (b < 0 || head.length() > 8192) {
                throw new IOException("connection ended in a response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
