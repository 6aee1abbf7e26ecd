package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mummy.api.HttpHeaders;
import mummy.testing.TestClient;
import mummy.testing.TestResponse;
import mummy.testing.TestServer;
import mummy.testing.TestStream;
import mummy.testing.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TodoAppTest}'s scenarios against {@link TodoAppOldApi}, the same service written with the
 * API of commit 8722d5a: REST with JSON through Jackson, the {@code /live} WebSocket and the
 * {@code /events} feed hearing of each change, CORS for the one origin, problem details for
 * errors, and a line in the access log per request.
 */
class TodoAppOldApiTest {

    private static final String ORIGIN = "http://localhost:5173";
    private static final HttpHeaders JSON = HttpHeaders.of("Content-Type", "application/json");
    private final BlockingQueue<String> accessLog = new LinkedBlockingQueue<>();
    private TestServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        TodoAppOldApi app = new TodoAppOldApi(ORIGIN);
        server = TestServer.startWith(builder -> builder.scheduler("virtual")
                .handler(app.handler(accessLog::add))
                .webSocketHandler(app.webSocketHandler()));
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestResponse send(String method, String path, String json) {
        return client.request(method, path, json == null ? HttpHeaders.empty() : JSON,
                json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void crudWithLiveUpdatesOnTheWebSocketAndTheFeed() throws Exception {
        try (TestWebSocket live = client.webSocket("/live");
             TestStream feed = client.stream("GET", "/events", HttpHeaders.empty(), null)) {
            assertEquals("text/event-stream", feed.header("Content-Type"));
            awaitSubscribers(live, feed);

            TestResponse created = send("POST", "/todos", "{\"title\":\" Buy milk \"}");
            assertEquals(201, created.status());
            assertEquals("/todos/1", created.header("Location"));
            assertEquals("{\"id\":1,\"title\":\"Buy milk\",\"done\":false}", created.text());
            assertEquals("created 1", live.receiveText());
            assertEquals(List.of("event: created", "data: 1", ""),
                    List.of(feed.readLine(), feed.readLine(), feed.readLine()));

            TestResponse done = send("PATCH", "/todos/1", "{\"done\":true}");
            assertEquals("{\"id\":1,\"title\":\"Buy milk\",\"done\":true}", done.text());
            assertEquals("updated 1", live.receiveText());

            assertEquals("[{\"id\":1,\"title\":\"Buy milk\",\"done\":true}]", send("GET", "/todos", null).text());
            assertEquals(204, send("DELETE", "/todos/1", null).status());
            assertEquals("deleted 1", live.receiveText());
            assertEquals("[]", send("GET", "/todos", null).text());
        }
    }

    /** Both say they are subscribed once the app holds them: from then on they hear of every change. */
    private static void awaitSubscribers(TestWebSocket live, TestStream feed) {
        assertEquals("subscribed", live.receiveText());
        assertEquals(List.of("event: subscribed", "data: 0", ""),
                List.of(feed.readLine(), feed.readLine(), feed.readLine()));
    }

    @Test
    void errorsAreProblemDetails() {
        TestResponse missing = send("GET", "/todos/42", null);
        assertEquals(404, missing.status());
        assertEquals("application/problem+json", missing.header("Content-Type"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no to-do at"
                + " /todos/42\"}", missing.text());

        TestResponse untitled = send("POST", "/todos", "{\"title\":\"  \"}");
        assertEquals(422, untitled.status());
        assertTrue(untitled.text().contains("\"detail\":\"a to-do needs a title\""), untitled.text());

        TestResponse malformed = send("POST", "/todos", "{\"title\":");
        assertEquals(400, malformed.status());
        assertEquals("application/problem+json", malformed.header("Content-Type"));

        TestResponse notANumber = send("DELETE", "/todos/abc", null);
        assertEquals(404, notANumber.status());
        TestResponse wrongMethod = send("PUT", "/todos/1", "{}");
        assertEquals(405, wrongMethod.status());
        assertEquals("GET, HEAD, PATCH, DELETE, OPTIONS", wrongMethod.header("Allow"));
    }

    @Test
    void theBrowserOriginMayCallTheApi() {
        TestResponse preflight = client.request("OPTIONS", "/todos/1", HttpHeaders.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "PATCH", "Access-Control-Request-Headers", "content-type"), new byte[0]);
        assertEquals(204, preflight.status());
        assertEquals(ORIGIN, preflight.header("Access-Control-Allow-Origin"));
        assertEquals("GET, POST, PATCH, DELETE", preflight.header("Access-Control-Allow-Methods"));

        TestResponse created = client.request("POST", "/todos", HttpHeaders.of("Origin", ORIGIN,
                "Content-Type", "application/json"), "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(ORIGIN, created.header("Access-Control-Allow-Origin"));
        assertEquals("Location", created.header("Access-Control-Expose-Headers"));

        TestResponse other = client.request("GET", "/todos", HttpHeaders.of("Origin", "https://elsewhere.example"),
                new byte[0]);
        assertEquals(200, other.status());
        assertEquals(null, other.header("Access-Control-Allow-Origin"));
    }

    @Test
    void everyRequestIsInTheAccessLog() throws InterruptedException {
        send("GET", "/todos", null);
        send("GET", "/todos/9", null);
        String first = accessLog.poll(10, TimeUnit.SECONDS);
        String second = accessLog.poll(10, TimeUnit.SECONDS);
        assertTrue(first != null && first.contains("\"GET /todos HTTP/1.1\" 200 2 "), first);
        assertTrue(second != null && second.contains("\"GET /todos/9 HTTP/1.1\" 404 "), second);
    }
}
