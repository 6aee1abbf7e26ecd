package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Order and scale: pipelining, slow-then-fast, 1,000 connections, a second client; once per scheduler. */
class PipeliningAndConcurrencyTest extends EveryScheduler {

    @Test
    void hundredPipelinedRequestsInOneWriteAnsweredInOrder() throws Exception {
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            burst.append("GET /n?i=").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
        }
        try (RawClient client = new RawClient(app.port)) {
            client.send(burst.toString());
            for (int i = 0; i < 100; i++) {
                assertEquals(Integer.toString(i), client.read().text(), "response " + i);
            }
        }
    }

    @Test
    void slowHandlerFollowedByFastOneAnsweredInOrder() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /sleep?ms=200 HTTP/1.1\r\nHost: h\r\n\r\nGET /n?i=2 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("slept", client.read().text());
            assertEquals("2", client.read().text());
        }
    }

    @Test
    void pipelinedBodiesAndCloseAnsweredThenConnectionCloses() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                    + "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
                    + "GET /n?i=9 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                    + "GET /n?i=10 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("abc", client.read().text());
            assertEquals("de", client.read().text());
            assertEquals("9", client.read().text());
            assertTrue(client.closedByServer(), "no response after Connection: close");
        }
    }

    @Test
    void requestSentOneByteAtATimeIsServed() throws Exception {
        byte[] request = "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nbytes".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        try (RawClient client = new RawClient(app.port)) {
            for (byte b : request) {
                client.send(new byte[] {b});
            }
            assertEquals("bytes", client.read().text());
        }
    }

    @Test
    void thousandConcurrentKeepAliveConnectionsTenRequestsEachAllAnswered() throws Exception {
        int connections = 1000;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int id = c;
                results.add(clients.submit(() -> {
                    int ok = 0;
                    try (RawClient client = new RawClient(app.port)) {
                        for (int r = 0; r < 10; r++) {
                            String expected = id + "-" + r;
                            client.send("GET /n?i=" + expected + " HTTP/1.1\r\nHost: h\r\n\r\n");
                            if (client.read().text().equals(expected)) {
                                ok++;
                            }
                        }
                    }
                    return ok;
                }));
            }
            int answered = 0;
            for (Future<Integer> result : results) {
                answered += result.get();
            }
            assertEquals(connections * 10, answered);
        }
    }

    @Test
    void javaHttpClientGetsAndPosts() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            URI base = URI.create("http://127.0.0.1:" + app.port);
            HttpResponse<String> hello = client.send(HttpRequest.newBuilder(base.resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hello.statusCode());
            assertEquals("Hello, World!", hello.body());
            HttpResponse<String> echo = client.send(HttpRequest.newBuilder(base.resolve("/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(100_000, echo.body().length());
            HttpResponse<String> big = client.send(HttpRequest.newBuilder(base.resolve("/big?size=300000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(300_000, big.body().length());
        }
    }
}
