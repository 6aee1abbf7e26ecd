package mummy.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.api.ServerSentEvent;
import org.junit.jupiter.api.Test;

/** TestServer and TestClient through real sockets on 127.0.0.1. */
class TestServerTest {

    private static final Router ROUTER = Router.builder()
            .get("/hello", request -> request.respond(200, "Hello, World!"))
            .post("/echo", request -> request.respond(201,
                    HttpHeaders.of("Content-Type", request.headers().get("Content-Type"), "X-Length",
                            Integer.toString(request.body().length)), request.body()))
            .get("/fields", request -> request.respond(200, HttpHeaders.of("X-Seen", request.headers().get("X-Test"),
                    "Set-Cookie", "a=1", "Set-Cookie", "b=2"), new byte[0]))
            .route("PUT", "/items/@id", request -> request.respond(200, "put " + request.pathParams().get("id")
                    + " " + request.bodyText() + " " + request.queryParams().get("q")))
            .build();

    @Test
    void getReturnsStatusFieldsAndBody() {
        try (TestServer server = TestServer.start(ROUTER)) {
            TestResponse response = server.get("/hello");
            assertEquals(200, response.status());
            assertEquals("text/plain; charset=utf-8", response.header("content-type"));
            assertEquals("Hello, World!", response.text());
            assertEquals(404, server.get("/nowhere").status());
        }
    }

    @Test
    void postSendsTheBodyAndItsType() {
        try (TestServer server = TestServer.start(ROUTER)) {
            TestResponse response = server.post("/echo", "h\u00e9llo");
            assertEquals(201, response.status());
            assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
            assertEquals("6", response.header("X-Length"));
            assertEquals("h\u00e9llo", response.text());

            byte[] bytes = {0, 1, 2, (byte) 0xff};
            TestResponse binary = server.client().post("/echo", HttpHeaders.of("Content-Type", "application/octet-stream"), bytes);
            assertArrayEquals(bytes, binary.body());
        }
    }

    @Test
    void requestFieldsGoOutAndRepeatedResponseFieldsComeBack() {
        try (TestServer server = TestServer.start(ROUTER)) {
            TestResponse response = server.client().get("/fields", HttpHeaders.of("X-Test", "yes"));
            assertEquals("yes", response.header("X-Seen"));
            assertEquals(java.util.List.of("a=1", "b=2"), response.headers().all("Set-Cookie"));
        }
    }

    @Test
    void anyMethodWithPathQueryAndBody() {
        try (TestServer server = TestServer.start(ROUTER)) {
            TestResponse response = server.request("PUT", "/items/7?q=x%20y", HttpHeaders.empty(),
                    "it".getBytes(StandardCharsets.UTF_8));
            assertEquals("put 7 it x y", response.text());
            TestResponse head = server.request("HEAD", "/hello", HttpHeaders.empty(), null);
            assertEquals(200, head.status());
            assertEquals("13", head.header("Content-Length"));
            assertEquals(0, head.body().length);
        }
    }

    @Test
    void uriAndBaseUriNameTheLoopbackPort() {
        try (TestServer server = TestServer.start(ROUTER)) {
            assertEquals("http://127.0.0.1:" + server.port(), server.baseUri().toString());
            assertEquals("http://127.0.0.1:" + server.port() + "/a?b=c", server.uri("/a?b=c").toString());
            assertThrows(IllegalArgumentException.class, () -> server.uri("a"));
        }
    }

    @Test
    void startWithAppliesTheSettingsAndTheScheduler() {
        try (TestServer server = TestServer.startWith(builder -> builder.handler(ROUTER).scheduler("virtual").maxBodyLength(4))) {
            assertEquals("virtual", server.server().schedulerName());
            assertEquals(413, server.post("/echo", "too long").status());
            assertEquals(201, server.post("/echo", "ok").status());
        }
    }

    @Test
    void startWithoutAHandlerFails() {
        assertThrows(IllegalStateException.class, () -> TestServer.startWith(builder -> builder.scheduler("virtual")));
    }

    @Test
    void afterCloseThePortRefusesConnections() throws IOException {
        int port;
        try (TestServer server = TestServer.start(ROUTER)) {
            port = server.port();
            assertEquals(200, server.get("/hello").status());
        }
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000));
        }
        try (TestClient client = TestClient.create(port)) {
            UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> client.get("/hello"));
            assertTrue(failure.getCause() instanceof ConnectException, failure.toString());
        }
    }

    @Test
    void aStreamIsReadAsItArrivesAndClosingItEndsTheEventStream() throws Exception {
        CountDownLatch clientLeft = new CountDownLatch(1);
        CountDownLatch secondEvent = new CountDownLatch(1);
        Router events = Router.builder().get("/events", request -> {
            EventStream stream = request.respondEventStream();
            stream.onClose(clientLeft::countDown);
            stream.send("first " + stream.lastEventId());
            Thread.ofVirtual().start(() -> {
                try {
                    secondEvent.await();
                    stream.send("second");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }).build();
        try (TestServer server = TestServer.startWith(builder -> builder.handler(events).scheduler("virtual"))) {
            try (TestStream stream = server.client().stream("GET", "/events", HttpHeaders.of("Last-Event-ID", "7"), null)) {
                assertEquals(200, stream.status());
                assertEquals("text/event-stream", stream.header("Content-Type"));
                assertEquals("data: first 7", stream.readLine());
                assertEquals("", stream.readLine());
                secondEvent.countDown();
                assertEquals("data: second", stream.readLine());
            }
            assertTrue(clientLeft.await(10, TimeUnit.SECONDS), "the server saw the client go");
        }
    }

    @Test
    void readEventParsesEventsAsAnEventSourceDoes() {
        Router events = Router.builder().get("/events", request -> {
            EventStream stream = request.respondEventStream();
            stream.comment("keep-alive");
            stream.send(new ServerSentEvent("update", "line one\nline two", "42", java.time.Duration.ofSeconds(3)));
            stream.send("plain");
            stream.send(new ServerSentEvent(null, "", "43", null));
            stream.close();
        }).build();
        try (TestServer server = TestServer.startWith(builder -> builder.handler(events).scheduler("virtual"));
             TestStream stream = server.client().stream("GET", "/events", HttpHeaders.empty(), null)) {
            assertEquals(new ServerSentEvent("update", "line one\nline two", "42", java.time.Duration.ofSeconds(3)),
                    stream.readEvent());
            assertEquals(ServerSentEvent.of("plain"), stream.readEvent());
            assertEquals(new ServerSentEvent(null, "", "43", null), stream.readEvent(), "an id alone is an event too");
            assertEquals(null, stream.readEvent(), "the end of the stream");
        }
    }

    @Test
    void httpClientIsTheClientUnderneath() {
        try (TestServer server = TestServer.start(ROUTER)) {
            assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, server.client().httpClient().version());
        }
    }

    @Test
    void aTlsClientTakesOnlyHttpsBaseUrisAndPrefersHttp2() throws Exception {
        SSLContext context = SSLContext.getDefault();
        assertThrows(IllegalArgumentException.class, () -> TestClient.create(URI.create("http://127.0.0.1:1"), context));
        assertThrows(IllegalArgumentException.class, () -> TestClient.create(URI.create("https://127.0.0.1:1")));
        try (TestClient client = TestClient.create(URI.create("https://127.0.0.1:8443/"), context)) {
            assertEquals(URI.create("https://127.0.0.1:8443"), client.baseUri());
            assertEquals(java.net.http.HttpClient.Version.HTTP_2, client.httpClient().version());
            assertEquals(context, client.httpClient().sslContext());
        }
    }
}
