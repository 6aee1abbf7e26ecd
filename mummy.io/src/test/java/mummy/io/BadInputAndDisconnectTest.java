package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Malformed input gets its status and a close; clients vanishing at any stage harm nobody else. */
class BadInputAndDisconnectTest extends EveryScheduler {

    private void assertRefused(String request, int status) throws IOException {
        try (RawClient client = new RawClient(app.port)) {
            client.send(request);
            RawClient.Response response = client.read();
            assertEquals(status, response.status(), request);
            assertEquals("close", response.header("Connection"));
            assertTrue(response.header("Date") != null && response.header("Content-Type").startsWith("text/plain"));
            assertTrue(client.closedByServer(), "closed after " + status);
        }
    }

    @Test
    void malformedRequestLineGets400() throws IOException {
        assertRefused("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400);
    }

    @Test
    void missingHostGets400() throws IOException {
        assertRefused("GET / HTTP/1.1\r\n\r\n", 400);
    }

    @Test
    void contentLengthWithTransferEncodingGets400() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    }

    @Test
    void unknownTransferCodingGets501() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
    }

    @Test
    void http2VersionGets505() throws IOException {
        assertRefused("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505);
    }

    @Test
    void overlongRequestLineGets414() throws IOException {
        assertRefused("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: h\r\n\r\n", 414);
    }

    @Test
    void overlongHeaderSectionGets431() throws IOException {
        assertRefused("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n", 431);
    }

    @Test
    void bodyOverLimitGets413BeforeItIsSent() throws IOException {
        assertRefused("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\n\r\n", 413);
    }

    @Test
    void earlierPipelinedResponsesPrecedeTheRefusal() throws IOException {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /sleep?ms=100 HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/9.9\r\nHost: h\r\n\r\n");
            assertEquals("slept", client.read().text());
            assertEquals(505, client.read().status());
        }
    }

    @Test
    void clientsVanishingAtEveryStageLeaveServerServingAndNoFdBehind() throws Exception {
        long before = openFds();
        String[] partials = {
            "GET / HT",                                                    // mid request line
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1",                          // mid headers
            "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nabc", // mid body
            "GET /big?size=2000000 HTTP/1.1\r\nHost: h\r\n\r\n",            // mid response
            "GET /sleep?ms=300 HTTP/1.1\r\nHost: h\r\n\r\n",                 // while the handler runs
        };
        for (int round = 0; round < 20; round++) {
            for (String partial : partials) {
                RawClient client = new RawClient(app.port);
                client.send(partial);
                client.socket().setSoLinger(true, 0); // reset, not a polite close
                client.close();
            }
        }
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("Hello, World!", client.read().text());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (openFds() > before && System.nanoTime() < deadline) {
            Thread.sleep(50); // the server closes the vanished connections as their handlers finish
        }
        assertTrue(openFds() <= before, "fds before " + before + ", after " + openFds());
    }

    @Test
    void lateResponseToAClosedConnectionNeverReachesItsSuccessor() throws Exception {
        // Its own server, whose handlers let the test order the late response before the successor's.
        Semaphore entered = new Semaphore(0);
        CountDownLatch answerLate = new CountDownLatch(1);
        Semaphore lateOffered = new Semaphore(0);
        CountDownLatch answerMine = new CountDownLatch(1);
        Server server = builder().handler(request -> {
            entered.release();
            switch (request.path()) {
                case "/late" -> {
                    assertTrue(answerLate.await(10, TimeUnit.SECONDS));
                    request.respond(200, "late"); // queued for the IO thread when this returns
                    lateOffered.release();
                }
                case "/mine" -> {
                    assertTrue(answerMine.await(10, TimeUnit.SECONDS));
                    request.respond(200, "mine");
                }
                default -> request.respond(200, request.path());
            }
        }).build();
        List<FileChannel> placeholders = new ArrayList<>();
        // The successor's socket exists before the first connection's fd is freed, so that the
        // server's accept is what takes that fd again (Linux hands out the lowest free one).
        try (SocketChannel successor = SocketChannel.open()) {
            int port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
            RawClient first = new RawClient(port);
            first.send("GET /late HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(entered.tryAcquire(10, TimeUnit.SECONDS));
            int fd = serverFdOf(port, first.socket().getLocalPort());
            first.socket().setSoLinger(true, 0); // a reset: after a polite close the server would still answer
            first.close();
            awaitClosed(fd); // the server saw the reset and freed the fd
            awaitOpenConnections(server, 0);
            for (int free = lowestFreeFd(); free < fd && placeholders.size() < 1_000; free = lowestFreeFd()) {
                placeholders.add(FileChannel.open(Path.of("/dev/null"))); // fills the holes below it
            }
            successor.connect(new InetSocketAddress("127.0.0.1", port));
            awaitOpenConnections(server, 1); // without opening an fd (as a listing would) while the server accepts
            assertEquals(fd, serverFdOf(port, successor.socket().getLocalPort()),
                    "the successor's connection has the first connection's fd");
            try (RawClient second = new RawClient(successor.socket())) {
                second.send("GET /mine HTTP/1.1\r\nHost: h\r\n\r\n");
                assertTrue(entered.tryAcquire(10, TimeUnit.SECONDS)); // the successor's response is pending
                answerLate.countDown(); // the first handler now answers a connection that is gone
                assertTrue(lateOffered.tryAcquire(10, TimeUnit.SECONDS));
                answerMine.countDown(); // queued after the late response
                assertEquals("mine", second.read().text());
                second.send("GET /again HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals("/again", second.read().text());
            }
        } finally {
            answerLate.countDown();
            answerMine.countDown();
            for (FileChannel placeholder : placeholders) {
                placeholder.close();
            }
            server.close();
        }
    }

    /**
     * The fd in this process of the server's end of the connection from local port
     * {@code clientPort}: its socket's inode from {@code /proc/net/tcp}, then the fd linked to it.
     */
    private static int serverFdOf(int serverPort, int clientPort) throws Exception {
        String local = String.format(":%04X", serverPort);
        String remote = String.format(":%04X", clientPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) { // a connection not yet accepted has no fd
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 9 && columns[1].endsWith(local) && columns[2].endsWith(remote)) {
                    String link = "socket:[" + columns[9] + "]";
                    for (Map.Entry<Integer, String> open : openFdLinks().entrySet()) {
                        if (open.getValue().equals(link)) {
                            return open.getKey();
                        }
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the server never accepted the connection from port " + clientPort);
    }

    /** Waits until {@code fd} is closed in this process. */
    private static void awaitClosed(int fd) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (openFdLinks().containsKey(fd)) {
            assertTrue(System.nanoTime() < deadline, "fd " + fd + " was never closed");
            Thread.sleep(5);
        }
    }

    private static void awaitOpenConnections(Server server, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.openConnections() != count) {
            assertTrue(System.nanoTime() < deadline, "open connections: " + server.openConnections());
            Thread.sleep(1);
        }
    }

    private static int lowestFreeFd() throws IOException {
        Map<Integer, String> open = openFdLinks();
        int fd = 0;
        while (open.containsKey(fd)) {
            fd++;
        }
        return fd;
    }

    /** This process's open fds and what they link to, without the one that lists them. */
    private static Map<Integer, String> openFdLinks() throws IOException {
        String lister = "/proc/" + ProcessHandle.current().pid() + "/fd";
        Map<Integer, String> links = new TreeMap<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (!link.equals(lister)) {
                        links.put(Integer.parseInt(fd.getFileName().toString()), link);
                    }
                } catch (NoSuchFileException closedMeanwhile) {
                    // not open any more
                }
            }
        }
        return links;
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
