package mummy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mummy.web.files.StaticFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link StaticFiles} over real sockets: what it serves, what it refuses, and file descriptors afterwards. */
class StaticFilesTest extends FileFixture {

    @Test
    void servesFilesBelowThePrefixAndLinksThatStayInside() throws Exception {
        assertArrayEquals(TEN, get("/static/ten.bin", "").body());
        assertEquals("hello\n", get("/static/link-in", "").text());
        assertEquals("hello\n", get("/static/hel%6co.txt?x=1", "").text(), "escapes are decoded per segment");
        assertEquals("text/html; charset=utf-8", get("/indexed/sub/index.html", "").header("Content-Type"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /static/../outside/secret.txt          | 404
            /static/%2e%2e/outside/secret.txt      | 404
            /static/%2E%2E/%2E%2E/root/hello.txt   | 404
            /static/..%2Foutside%2Fsecret.txt      | 400
            /static/%2F..%2Foutside/secret.txt     | 400
            /static/..%5Coutside%5Csecret.txt      | 400
            /static/sub%00                         | 400
            /static/%zz                            | 400
            /static/%C0%AE%C0%AE/outside           | 400
            /static/link-out                       | 404
            /static/dir-out/secret.txt             | 404
            /static/./hello.txt                    | 404
            /static//hello.txt                     | 404
            /static/.hidden                        | 404
            /static/%2ehidden                      | 404
            /static/sub                            | 404
            /static/sub/                           | 404
            /static/hello.txt/                     | 404
            /static                                | 404
            /staticx/hello.txt                     | 404
            /static/nothing                        | 404
            """)
    void traversalAndOtherRefusalsNeverServeTheFile(String target, int status) throws Exception {
        RawClient.Response response = get(target, "");
        String body = response.text();
        assertTrue(response.status() == status || (status == 404 && response.status() == 400),
                target + " -> " + response.status() + " " + body);
        assertFalse(body.contains("SECRET") || body.contains("hidden") || body.contains(base.toString()), body);
    }

    @Test
    void indexFileIsServedForDirectoriesOnlyWhenConfigured() throws Exception {
        assertEquals("<p>index</p>", get("/indexed/sub", "").text());
        assertEquals("<p>index</p>", get("/indexed/sub/", "").text());
        assertEquals(404, get("/indexed/dir-out/", "").status(), "a directory link out of the root");
        assertEquals(404, get("/indexed/", "").status(), "the root has no index.html");
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        RawClient.Response response = exchange("POST /static/hello.txt HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
        assertEquals(405, response.status());
        assertEquals("GET, HEAD", response.header("Allow"));
    }

    @Test
    void badSettingsFailFast() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StaticFiles.of(root.resolve("hello.txt"), "/x"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> StaticFiles.of(root, "x"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StaticFiles.builder(root).indexFile("../index.html"));
    }

    @Test
    void clientsLeavingMidDownloadLeaveNoDescriptorOpen() throws Exception {
        sparseFile("large.bin", 64L << 20, 0, new byte[] {1});
        try {
            get("/static/hello.txt", ""); // warm up: threads and lazily opened descriptors exist before counting
            long before = openFds();
            for (int i = 0; i < 10; i++) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setReceiveBufferSize(16 * 1024);
                    socket.getOutputStream().write(("GET /static/large.bin HTTP/1.1\r\nHost: h\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] some = socket.getInputStream().readNBytes(32 * 1024);
                    assertEquals(32 * 1024, some.length);
                    socket.setSoLinger(true, 0); // a reset, as from a client that crashed
                }
            }
            try (RawClient client = new RawClient(port)) { // a download that stalls, then a close mid-body
                client.send("GET /static/large.bin HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals(200, client.read(true).status());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (openFds() > before && System.nanoTime() < deadline) {
                Thread.sleep(50); // the IO thread notices each reset on its next write
            }
            assertTrue(openFds() <= before, "file and socket descriptors are all closed: before " + before
                    + ", after " + openFds());
        } finally {
            java.nio.file.Files.delete(root.resolve("large.bin"));
        }
    }

    @Test
    void fileResponseForAClientThatLeftIsClosedWhenDropped() throws Exception {
        int clients = 3;
        Semaphore entered = new Semaphore(0);
        CountDownLatch gone = new CountDownLatch(1);
        Semaphore responded = new Semaphore(0);
        Server late = Server.builder().scheduler(scheduler).handler(request -> {
            entered.release();
            if (gone.await(10, TimeUnit.SECONDS)) { // the client is gone by now: the response is dropped
                request.respondFile(root.resolve("ten.bin")); // opens the file, hands it to the IO thread
                responded.release();
            }
        }).build();
        try {
            int latePort = late.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
            for (int i = 0; i < clients; i++) {
                try (RawClient client = new RawClient(latePort)) {
                    client.send("GET /late HTTP/1.1\r\nHost: h\r\n\r\n");
                    assertTrue(entered.tryAcquire(10, TimeUnit.SECONDS), "the handler runs");
                    client.socket().setSoLinger(true, 0); // a reset: the server closes the connection at once
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (late.openConnections() > 0) {
                assertTrue(System.nanoTime() < deadline, "the server closes the reset connections");
                Thread.sleep(5);
            }
            gone.countDown();
            assertTrue(responded.tryAcquire(clients, 10, TimeUnit.SECONDS), "every handler responded with the file");
            String file = root.resolve("ten.bin").toRealPath().toString();
            while (fdsOpenOn(file) > 0) {
                assertTrue(System.nanoTime() < deadline, fdsOpenOn(file) + " fds still open on " + file);
                Thread.sleep(5);
            }
        } finally {
            late.close();
        }
    }

    /** How many of this process's fds are open on {@code file}. */
    private static long fdsOpenOn(String file) throws IOException {
        long count = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    count += Files.readSymbolicLink(fd).toString().equals(file) ? 1 : 0;
                } catch (NoSuchFileException closedMeanwhile) {
                    // not open any more
                }
            }
        }
        return count;
    }

    @Test
    void servedFilesLeaveNoDescriptorOpen() throws Exception {
        get("/static/hello.txt", "");
        long before = openFds();
        try (RawClient client = new RawClient(port)) {
            for (String request : new String[] {"GET /static/ten.bin", "HEAD /static/ten.bin", "GET /static/empty.txt",
                    "GET /static/sub", "GET /file?name=sub"}) {
                client.send(request + " HTTP/1.1\r\nHost: h\r\nRange: bytes=0-0,-1\r\n\r\n");
                client.read(request.startsWith("HEAD"));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (openFds() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(openFds() <= before, "fds before " + before + ", after " + openFds());
    }
}
