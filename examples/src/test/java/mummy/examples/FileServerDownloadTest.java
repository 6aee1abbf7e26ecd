package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB download from {@link FileServer} running in a child JVM with a 64 MiB heap: the bytes
 * go out with {@code sendfile}, so the heap never sees them. Checks the byte count and SHA-256 of
 * what arrived and a range in the second half, and reports the throughput and the child's heap use
 * ({@code jcmd GC.heap_info} right after the download) on standard output and in
 * {@code target/file-download.txt}.
 */
class FileServerDownloadTest {

    private static final long SIZE = 1L << 30;
    private static final int CHUNK = 16 << 20;


    @TempDir
    Path dir;

    @Test
    void oneGibibyteDownloadFromA64MegabyteHeap() throws Exception {
        String expected = writeFile(dir.resolve("big.bin"));
        try (ChildServer server = new ChildServer("mummy.examples.FileServer", List.of("-Xmx64m", "-Xshare:auto"),
                List.of("--dir", dir.toString(), "--scheduler", "virtual"), Path.of("target", "file-download"))) {
            int port = server.port();
            long start = System.nanoTime();
            Download download = download(port, "GET /files/big.bin HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            double seconds = (System.nanoTime() - start) / 1e9;
            String heap = server.heapInfo();

            assertEquals(200, download.status, download.head);
            assertEquals(SIZE, download.count);
            assertEquals(expected, download.sha256, "SHA-256 of the body");
            Download range = download(port, "GET /files/big.bin HTTP/1.1\r\nHost: h\r\nConnection: close\r\n"
                    + "Range: bytes=" + (SIZE - 4096) + "-" + (SIZE - 4089) + "\r\n\r\n");
            assertEquals(206, range.status, range.head);
            assertEquals(ByteBuffer.allocate(8).putLong(SIZE - 4096).flip(), ByteBuffer.wrap(range.body));

            Matcher used = Pattern.compile("committed (\\d+)K, used (\\d+)K").matcher(heap);
            assertTrue(used.find(), heap);
            String report = String.format("1 GiB download: %.0f MB/s (%.2f s); child heap (-Xmx64m) after it:"
                    + " committed %s KiB, used %s KiB; %s%n%s", SIZE / 1e6 / seconds, seconds, used.group(1),
                    used.group(2), server.heap(), heap);
            System.out.print(report);
            Files.writeString(Path.of("target", "file-download.txt"), report);
            String err = server.errors();
            assertFalse(err.contains("OutOfMemoryError") || err.contains("Exception"), err);
        }
    }

    /** What a download brought: status, head, byte count, digest, and the body when small. */
    private record Download(int status, String head, long count, String sha256, byte[] body) {
    }

    private static Download download(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream small = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 20];
            long count = 0;
            for (int n = in.read(buffer); n >= 0 && count <= SIZE; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                if (count < 4096) {
                    small.write(buffer, 0, (int) Math.min(n, 4096 - count));
                }
                count += n;
            }
            return new Download(status, head, count, HexFormat.of().formatHex(sha.digest()), small.toByteArray());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Writes SIZE bytes in which each 8-byte word holds its own offset; returns their SHA-256. */
    private static String writeFile(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long offset = 0; offset < SIZE; offset += CHUNK) {
                buffer.clear();
                for (int i = 0; i < CHUNK; i += 8) {
                    buffer.putLong(offset + i);
                }
                sha.update(buffer.array(), 0, CHUNK);
                buffer.flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
