package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1 GiB uploads to {@code EchoServer}'s {@code POST /upload} running with a 64 MiB heap: the body
 * is streamed to the handler with backpressure, so it never needs the memory it would take whole.
 * Throughput and the server's heap (from its GC log) are printed and written to
 * {@code target/large-upload.txt}; they are reported, not asserted.
 */
class LargeUploadTest {

    private static final long GIB = 1L << 30;
    private static final int BLOCK = 1 << 20;
    private static final Path OUTPUT = Path.of("target", "large-upload");

    private static ChildServer server;
    private static byte[] block;
    private static String expectedSha256;

    @BeforeAll
    static void start() throws Exception {
        block = new byte[BLOCK];
        new Random(42).nextBytes(block);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long sent = 0; sent < GIB; sent += BLOCK) {
            sha.update(block);
        }
        expectedSha256 = HexFormat.of().formatHex(sha.digest());
        server = new ChildServer("mummy.examples.EchoServer", List.of("-Xmx64m"), List.of(), OUTPUT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneGibibyteWithContentLength() throws Exception {
        upload(false);
    }

    @Test
    void oneGibibyteChunked() throws Exception {
        upload(true);
    }

    private static void upload(boolean chunked) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 256 * 1024);
            String framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + GIB;
            long started = System.nanoTime();
            out.write(("POST /upload HTTP/1.1\r\nHost: localhost\r\n" + framing + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunkHead = (Integer.toHexString(BLOCK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (long sent = 0; sent < GIB; sent += BLOCK) {
                if (chunked) {
                    out.write(chunkHead);
                }
                out.write(block);
                if (chunked) {
                    out.write('\r');
                    out.write('\n');
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            String response = readResponse(socket.getInputStream());
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertEquals("{\"bytes\": " + GIB + ", \"sha256\": \"" + expectedSha256 + "\"}",
                    response.substring(response.indexOf("\r\n\r\n") + 4));
            String figure = String.format("upload 1 GiB %s: %.1f s, %.0f MB/s; server -Xmx64m, %s%n",
                    chunked ? "chunked" : "Content-Length", seconds, GIB / 1e6 / seconds, server.heap());
            System.out.print(figure);
            Files.writeString(OUTPUT.resolve("figures.txt"), figure, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Reads one response with a Content-Length body. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection after: " + head);
            }
            head.append((char) b);
        }
        String lengthLine = head.toString().lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15))
                .findFirst().orElseThrow(() -> new IOException("no Content-Length in " + head));
        byte[] body = in.readNBytes(Integer.parseInt(lengthLine.substring(15).strip()));
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
