package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import mummy.api.Router;
import mummy.api.WebSocket;
import mummy.testing.TestClient;
import mummy.testing.TestResponse;
import mummy.testing.TestServer;
import mummy.testing.TestStream;
import mummy.testing.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/nginx/mummy.conf}, the README's nginx snippet, in front of a Mummy server: TLS
 * and HTTP/2 towards the client, kept-alive HTTP/1.1 towards Mummy, bodies and their limits,
 * WebSockets, server-sent events and the forwarded fields. The checks go through nginx with the
 * kit's client over TLS (HTTP/2 by ALPN) and with curl for the protocol the client saw.
 */
class NginxProxyTest {

    private static final HttpHeaders OCTETS = HttpHeaders.of("Content-Type", "application/octet-stream");
    private static final Duration CURL_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path directory;
    private static TestServer mummy;
    private static NginxProxy nginx;
    private static TestClient client;
    /** Released by the event-stream test once the first event came through. */
    private static final CountDownLatch secondEvent = new CountDownLatch(1);

    @BeforeAll
    static void startMummyBehindNginx() throws Exception {
        Router router = Router.builder()
                .get("/hello", request -> request.respond(200, "hello over " + request.version()))
                .get("/seen", NginxProxyTest::seen)
                .post("/echo", request -> request.respond(200, OCTETS, request.body()))
                .post("/upload", EchoServer::upload).streaming()
                .get("/events", NginxProxyTest::twoEvents)
                .get("/ws", NginxProxyTest::upgrade)
                .build();
        mummy = TestServer.startWith(builder -> builder.handler(router).webSocketHandler(EchoServer::echo));
        try {
            nginx = NginxProxy.start(mummy.port(), directory);
            client = TestClient.create(URI.create("https://127.0.0.1:" + nginx.port()), nginx.sslContext());
        } catch (Throwable e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        secondEvent.countDown();
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            try {
                if (nginx != null) {
                    nginx.close(); // by its PID, also when a test failed
                }
            } finally {
                mummy.close();
            }
        }
    }

    @Test
    void anHttp2GetOverTlsGetsMummysAnswerOverHttp11() throws Exception {
        String output = NginxProxy.run(List.of("curl", "--http2", "--cacert", nginx.certificate().toString(), "-sS",
                "--max-time", "10", "-w", "\n%{http_version} %{http_code}", client.uri("/hello").toString()),
                CURL_TIMEOUT, "curl (apt-get install -y curl)");
        assertEquals("hello over HTTP/1.1\n2 200", output);
    }

    @Test
    void upstreamConnectionsAreKeptAliveWithoutAConnectionField() {
        Map<String, String> first = fields(client.get("/seen"));
        Map<String, String> second = fields(client.get("/seen"));
        assertEquals("HTTP/1.1", first.get("version"));
        assertEquals("null", first.get("connection"));
        assertEquals(first.get("port"), second.get("port"), "the second request reused nginx's connection to Mummy");
    }

    @Test
    void forwardedFieldsNameTheClientTheSchemeAndTheHost() {
        Map<String, String> seen = fields(client.get("/seen", HttpHeaders.of("X-Forwarded-For", "203.0.113.9")));
        assertEquals("127.0.0.1", seen.get("x-forwarded-for"), "nginx replaces what the client claims");
        assertEquals("https", seen.get("x-forwarded-proto"));
        assertEquals("127.0.0.1", seen.get("host"));
    }

    @Test
    void aPostBodyRoundTripsAndALargerOneThanMummysLimitGets413FromNginx() {
        byte[] body = new byte[256 * 1024];
        new Random(42).nextBytes(body);
        TestResponse echoed = client.post("/echo", OCTETS, body);
        assertEquals(200, echoed.status());
        assertArrayEquals(body, echoed.body());

        TestResponse tooLarge = client.post("/echo", OCTETS, new byte[2 * 1024 * 1024]);
        assertEquals(413, tooLarge.status());
        assertTrue(tooLarge.text().contains("nginx"), tooLarge.text());
    }

    @Test
    void aStreamedUploadPassesAnySize() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(body);
        TestResponse response = client.post("/upload", OCTETS, body);
        assertEquals(200, response.status());
        String sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        assertEquals("{\"bytes\": " + body.length + ", \"sha256\": \"" + sha256 + "\"}", response.text());
    }

    @Test
    void aWebSocketUpgradesThroughNginxAndEchoes() {
        try (TestWebSocket socket = client.webSocket("/ws")) {
            assertEquals("forwarded for 127.0.0.1 over https", socket.receiveText());
            socket.sendText("hello through nginx");
            assertEquals("hello through nginx", socket.receiveText());
            byte[] binary = {0, 1, 2, (byte) 0xff};
            socket.sendBinary(binary);
            assertArrayEquals(binary, socket.receiveBinary());
            socket.close(1000, "done");
            assertEquals(1000, socket.awaitClose().code());
        }
    }

    @Test
    void eventsArriveOneByOneNotBufferedToTheEnd() {
        // As a browser asks: gzip would hold the events back (the snippet turns it off for them).
        try (TestStream events = client.stream("GET", "/events", HttpHeaders.of("Accept-Encoding", "gzip"), null)) {
            assertEquals(200, events.status());
            assertEquals("text/event-stream", events.header("Content-Type"));
            assertEquals(null, events.header("Content-Encoding"));
            assertEquals("data: first", events.readLine());
            assertEquals("", events.readLine());
            secondEvent.countDown(); // the handler holds the second event (and the end) back until now
            assertEquals("data: second", events.readLine());
            assertEquals("", events.readLine());
        }
    }

    /** What the handler saw of the request, one {@code name=value} a line. */
    private static void seen(Request request) {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("x-forwarded-for", "x-forwarded-proto", "host", "connection")) {
            text.append(name).append('=').append(request.headers().get(name)).append('\n');
        }
        text.append("version=").append(request.version()).append('\n');
        text.append("port=").append(request.remoteAddress().getPort()).append('\n');
        request.respond(200, text.toString());
    }

    /** One event, then the second only once the test has seen the first (or after 30 s). */
    private static void twoEvents(Request request) throws InterruptedException {
        EventStream events = request.respondEventStream();
        events.send("first");
        boolean released = secondEvent.await(30, TimeUnit.SECONDS);
        events.send(released ? "second" : "second, but only after 30 s");
        events.close();
    }

    private static void upgrade(Request request) {
        String forwarded = "forwarded for " + request.headers().get("X-Forwarded-For") + " over "
                + request.headers().get("X-Forwarded-Proto");
        WebSocket socket = request.upgradeToWebSocket();
        socket.send(forwarded);
    }

    private static Map<String, String> fields(TestResponse response) {
        assertEquals(200, response.status(), response::text);
        Map<String, String> fields = new HashMap<>();
        for (String line : response.text().split("\n")) {
            int at = line.indexOf('=');
            fields.put(line.substring(0, at), line.substring(at + 1));
        }
        return fields;
    }
}
