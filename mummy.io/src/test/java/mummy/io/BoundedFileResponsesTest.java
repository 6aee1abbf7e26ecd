package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines file downloads and never reads cannot make the server keep a file open
 * per request: queued file responses count against the connection's limit, so it stops reading
 * the connection with a bounded number of files open.
 */
class BoundedFileResponsesTest extends FileFixture {

    private static final int REQUESTS = 500;

    @Test
    void pipelinedDownloadsThatAreNeverReadKeepABoundedNumberOfFilesOpen() throws Exception {
        sparseFile("two.bin", 2 * 1024 * 1024, 0, new byte[] {1});
        byte[] request = "GET /static/two.bin HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SocketChannel channel = SocketChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            long quietSince = System.nanoTime();
            long most = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            int sent = 0;
            ByteBuffer pending = ByteBuffer.allocate(0);
            // One request every 5 ms, as a paced client sends them (each arrives as its own read);
            // watch the files the server holds until all are sent and nothing changed for a second.
            while ((sent < REQUESTS || pending.hasRemaining() || System.nanoTime() - quietSince < 1_000_000_000L)
                    && System.nanoTime() < deadline) {
                if (!pending.hasRemaining() && sent < REQUESTS) {
                    pending = ByteBuffer.wrap(request);
                    sent++;
                }
                int written = channel.write(pending);
                long open = openFilesNamed("two.bin");
                if (written > 0 || open > most) {
                    quietSince = System.nanoTime();
                }
                most = Math.max(most, open);
                Thread.sleep(5);
            }
            // 1 MiB per connection at 64 KiB a queued file is 16 files, plus the 64 answers in flight.
            assertTrue(most <= 16 + 64 + 4, "files held open for a client that reads nothing: " + most);
            assertTrue(most > 0, "the downloads did start");
        }
        try (RawClient fresh = new RawClient(port)) {
            assertEquals(200, fresh.send("GET /static/ten.bin HTTP/1.1\r\nHost: h\r\n\r\n").read().status());
        }
    }

    @Test
    void aFileLargerThanTheSocketBuffersIsFollowedByTheNextAnswerAndByTheClose() throws Exception {
        sparseFile("eight.bin", 8 * 1024 * 1024, 0, new byte[] {1});
        try (RawClient client = new RawClient(port)) {
            client.send("GET /static/eight.bin HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(8 * 1024 * 1024, client.read().body().length, "written over many EPOLLOUT rounds");
            client.send("GET /static/ten.bin HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(TEN.length, client.read().body().length, "the next answer on the same connection");
            client.send("GET /static/eight.bin HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertEquals(8 * 1024 * 1024, client.read().body().length);
            assertTrue(client.closedByServer(), "closed once the last byte of the file is written");
        }
    }

    private static long openFilesNamed(String name) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().endsWith(name);
                } catch (IOException gone) {
                    return false; // closed while listing
                }
            }).count();
        }
    }
}
