package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mummy.api.HttpHeaders;
import mummy.api.MalformedJsonException;
import mummy.api.Request;
import mummy.api.ResponseStream;
import mummy.api.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Router}'s filters through real sockets: the order they run in, a before-filter that
 * answers and stops the chain, fields a filter adds to every kind of answer, after-filters that
 * see the status and length the client got (failures and missing answers included), streamed
 * uploads and {@code 100-continue} unchanged by filters, and the automatic {@code OPTIONS}.
 */
class FiltersTest {

    /** What the after-filter saw, one line per request. */
    private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    private Server server;
    private int port;

    @TempDir
    Path dir;

    private Router.Builder router() {
        return Router.builder()
                .filter((request, chain) -> {
                    request.addResponseHeader("X-Trace", "outer");
                    chain.proceed();
                })
                .before("/admin/**", request -> {
                    if (!"secret".equals(request.headers().get("Authorization"))) {
                        request.respond(401, HttpHeaders.of("WWW-Authenticate", "Bearer"), "who are you?");
                    }
                })
                .filter("/users/@id", (request, chain) -> {
                    request.addResponseHeader("X-User", request.pathParams().get("id"));
                    chain.proceed();
                })
                .after((request, response, elapsed) -> log.add(request.method() + " " + request.path() + " "
                        + response.kind() + " " + response.status() + " " + response.bodyLength()
                        + (elapsed.isNegative() ? " negative" : "")))
                .get("/users/@id", request -> request.respond(200, "user " + request.pathParams().get("id")))
                .post("/users/@id", request -> request.respond(204))
                .get("/admin/stats", request -> request.respond(200, "42 users"))
                .post("/admin/upload", FiltersTest::countBytes).streaming()
                .get("/file", request -> request.respondFile(dir.resolve("a.txt")))
                .get("/stream", request -> {
                    try (ResponseStream stream = request.respondStream(200, HttpHeaders.empty())) {
                        stream.write("streamed".getBytes(StandardCharsets.UTF_8));
                    }
                })
                .get("/boom", request -> {
                    throw new IllegalStateException("boom");
                })
                .get("/json", request -> {
                    throw new MalformedJsonException("not JSON: expected a value at 1:1");
                })
                .get("/silent", request -> { });
    }

    private static void countBytes(Request request) throws IOException {
        long total = 0;
        try (InputStream body = request.bodyStream()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
            }
        }
        request.respond(200, "read " + total);
    }

    private void start(Router router) throws IOException {
        Files.writeString(dir.resolve("a.txt"), "file body");
        server = Server.builder().handler(router).scheduler("virtual").maxBodyLength(1024)
                .shutdownGracePeriod(Duration.ofSeconds(5)).build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawClient.Response get(String path, String extraFields) throws IOException {
        try (RawClient client = new RawClient(port)) {
            return client.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + extraFields + "\r\n").read();
        }
    }

    private String logged() throws InterruptedException {
        String line = log.poll(10, TimeUnit.SECONDS);
        assertTrue(line != null, "the after-filter did not run");
        return line;
    }

    @Test
    void filtersRunInOrderWithThePathParamsAndAddFieldsToTheAnswer() throws Exception {
        start(router().build());
        RawClient.Response response = get("/users/7", "");
        assertEquals(200, response.status());
        assertEquals("user 7", response.text());
        assertEquals("outer", response.header("X-Trace"));
        assertEquals("7", response.header("X-User"));
        assertEquals("GET /users/7 BODY 200 6", logged());

        RawClient.Response other = get("/admin/stats", "Authorization: secret\r\n");
        assertEquals("42 users", other.text());
        assertNull(other.header("X-User"), "a filter for /users/@id ran for /admin/stats");
        assertEquals("GET /admin/stats BODY 200 8", logged());
    }

    @Test
    void beforeFilterThatAnswersStopsTheChainAndTheAfterFilterSeesItsAnswer() throws Exception {
        start(router().build());
        RawClient.Response refused = get("/admin/stats", "");
        assertEquals(401, refused.status());
        assertEquals("Bearer", refused.header("WWW-Authenticate"));
        assertEquals("who are you?", refused.text());
        assertEquals("outer", refused.header("X-Trace"));
        assertEquals("GET /admin/stats BODY 401 12", logged());
    }

    @Test
    void addedFieldsReachFilesStreamsAndTheRoutersOwnAnswers() throws Exception {
        start(router().build());
        RawClient.Response file = get("/file", "");
        assertEquals("file body", file.text());
        assertEquals("outer", file.header("X-Trace"));
        assertEquals("GET /file FILE 200 9", logged());

        RawClient.Response notModified = get("/file", "If-None-Match: " + file.header("ETag") + "\r\n");
        assertEquals(304, notModified.status());
        assertNull(notModified.header("X-Trace"), "a 304 carries only the fields RFC 9110 15.4.5 lists");
        assertEquals("GET /file FILE 304 0", logged());

        RawClient.Response stream;
        try (RawClient client = new RawClient(port)) { // HTTP/1.0: the body ends with the connection
            stream = client.send("GET /stream HTTP/1.0\r\n\r\n").read();
        }
        assertEquals("streamed", stream.text());
        assertEquals("outer", stream.header("X-Trace"));
        assertEquals("GET /stream STREAM 200 -1", logged());

        RawClient.Response missing = get("/nowhere", "");
        assertEquals(404, missing.status());
        assertEquals("outer", missing.header("X-Trace"));
        assertEquals("GET /nowhere BODY 404 9", logged());
    }

    @Test
    void failuresAreAnsweredBeforeTheAfterFiltersSeeThem() throws Exception {
        start(router().build());
        RawClient.Response boom = get("/boom", "");
        assertEquals(500, boom.status());
        assertEquals("outer", boom.header("X-Trace"));
        assertEquals("GET /boom BODY 500 21", logged());

        RawClient.Response json = get("/json", "");
        assertEquals(400, json.status());
        assertEquals("not JSON: expected a value at 1:1", json.text());
        assertEquals("GET /json BODY 400 33", logged());

        RawClient.Response silent = get("/silent", "");
        assertEquals(500, silent.status());
        assertEquals("GET /silent BODY 500 21", logged());
    }

    @Test
    void onErrorAnswersAFailureOfAFilterOrHandlerAndTheAfterFilterSeesIt() throws Exception {
        start(router()
                .filter("/fragile", (request, chain) -> {
                    throw new IllegalArgumentException("filter broke");
                })
                .get("/fragile", request -> request.respond(200, "never"))
                .onError((request, error) -> request.respond(503, "sorry: " + error.getMessage()))
                .build());
        RawClient.Response fragile = get("/fragile", "");
        assertEquals(503, fragile.status());
        assertEquals("sorry: filter broke", fragile.text());
        assertEquals("GET /fragile BODY 503 19", logged());

        assertEquals("sorry: boom", get("/boom", "").text());
        assertEquals("GET /boom BODY 503 11", logged());
    }

    @Test
    void streamedUploadsStayStreamedBehindFilters() throws Exception {
        start(router().build());
        byte[] body = new byte[2 * 1024 * 1024]; // past maxBodyLength 1024: only a streaming route reads it
        RawClient.Response response;
        try (RawClient client = new RawClient(port)) {
            response = client.send("POST /admin/upload HTTP/1.1\r\nHost: x\r\nAuthorization: secret\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").send(body).read();
        }
        assertEquals(200, response.status());
        assertEquals("read " + body.length, response.text());
        assertEquals("POST /admin/upload BODY 200 " + ("read " + body.length).length(), logged());
    }

    @Test
    void continueIsSentOnlyWhenTheFiltersLetTheRequestThrough() throws Exception {
        start(router().build());
        try (RawClient client = new RawClient(port)) {
            RawClient.Response refused = client.send("POST /admin/upload HTTP/1.1\r\nHost: x\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n").read();
            assertEquals(401, refused.status(), "a refused request gets its answer, not 100 Continue");
        }
        assertEquals("POST /admin/upload BODY 401 12", logged());
        try (RawClient client = new RawClient(port)) {
            client.send("POST /admin/upload HTTP/1.1\r\nHost: x\r\nAuthorization: secret\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            RawClient.Response interim = client.read(true);
            assertEquals(100, interim.status());
            RawClient.Response response = client.send("hello").read();
            assertEquals("read 5", response.text());
        }
    }

    @Test
    void optionsIsAnsweredWithTheAllowedMethods() throws Exception {
        start(router().build());
        try (RawClient client = new RawClient(port)) {
            RawClient.Response options = client.send("OPTIONS /users/3 HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(204, options.status());
            assertEquals("GET, HEAD, POST, OPTIONS", options.header("Allow"));
            assertEquals("outer", options.header("X-Trace"));

            RawClient.Response notAllowed = client.send("DELETE /users/3 HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(405, notAllowed.status());
            assertEquals("GET, HEAD, POST, OPTIONS", notAllowed.header("Allow"));

            RawClient.Response server = client.send("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(204, server.status());
            assertEquals("GET, HEAD, POST, OPTIONS", server.header("Allow"));

            RawClient.Response unknown = client.send("OPTIONS /nowhere HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(404, unknown.status());
        }
        // one after-filter per answer; each runs after its answer is handed off, so two requests'
        // filters may finish in either order: compare them sorted
        List<String> four = new java.util.ArrayList<>(List.of(logged(), logged(), logged(), logged()));
        java.util.Collections.sort(four);
        assertEquals(List.of("DELETE /users/3 BODY 405 18", "OPTIONS * BODY 204 0", "OPTIONS /nowhere BODY 404 9",
                "OPTIONS /users/3 BODY 204 0"), four);
    }

    @Test
    void automaticOptionsCanBeTurnedOff() throws Exception {
        start(router().automaticOptions(false).build());
        RawClient.Response options;
        try (RawClient client = new RawClient(port)) {
            options = client.send("OPTIONS /users/3 HTTP/1.1\r\nHost: x\r\n\r\n").read();
        }
        assertEquals(405, options.status());
        assertEquals("GET, HEAD, POST", options.header("Allow"));
    }
}
