package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        RawClient first = new RawClient(app.port);
        first.send("GET /latch HTTP/1.1\r\nHost: h\r\n\r\n");
        assertTrue(app.latchEntered.await(10, TimeUnit.SECONDS));
        first.close();
        Thread.sleep(100); // let the server see the close and free the fd for reuse
        try (RawClient second = new RawClient(app.port)) {
            app.latch.countDown(); // the first handler now answers a connection that is gone
            second.send("GET /n?i=mine HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("mine", second.read().text());
            second.send("GET /n?i=again HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("again", second.read().text());
        }
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
