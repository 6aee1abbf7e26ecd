package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.web.cors.Cors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Cors} filter through real sockets, the way a browser talks to it: preflights
 * answered 204 (or 403 saying why) without reaching a route, allowed origins marked on every kind
 * of answer, other origins and same-origin requests passed through unmarked, and
 * {@code Vary: Origin} everywhere.
 */
class CorsTest {

    private static final String APP = "https://app.example.com";
    private final AtomicInteger routed = new AtomicInteger();
    private Server server;
    private int port;

    private void start(Cors cors) {
        Router router = Router.builder()
                .filter(cors)
                .get("/todos", request -> {
                    routed.incrementAndGet();
                    request.respond(200, HttpHeaders.of("Content-Type", "application/json", "ETag", "\"1\""), "[]");
                })
                .put("/todos/@id", request -> {
                    routed.incrementAndGet();
                    request.respond(204);
                })
                .options("/todos/@id", request -> {
                    routed.incrementAndGet();
                    request.respond(200, "the route's own OPTIONS");
                })
                .build();
        server = Server.builder().handler(router).scheduler("virtual").shutdownGracePeriod(Duration.ofSeconds(5))
                .build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    private static Cors appCors() {
        return Cors.builder().allowOrigins(APP).allowMethods("GET", "PUT", "DELETE")
                .allowHeaders("Content-Type", "Authorization").exposeHeaders("ETag").allowCredentials(true)
                .maxAge(Duration.ofMinutes(10)).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawClient.Response send(String head) throws IOException {
        try (RawClient client = new RawClient(port)) {
            return client.send(head + "Host: api.example.com\r\n\r\n").read();
        }
    }

    @Test
    void allowedPreflightIsAnsweredWithoutReachingTheRoute() throws IOException {
        start(appCors());
        RawClient.Response preflight = send("OPTIONS /todos/3 HTTP/1.1\r\nOrigin: " + APP + "\r\n"
                + "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: content-type, authorization\r\n");
        assertEquals(204, preflight.status());
        assertEquals(APP, preflight.header("Access-Control-Allow-Origin"));
        assertEquals("true", preflight.header("Access-Control-Allow-Credentials"));
        assertEquals("GET, PUT, DELETE", preflight.header("Access-Control-Allow-Methods"));
        assertEquals("Content-Type, Authorization", preflight.header("Access-Control-Allow-Headers"));
        assertEquals("600", preflight.header("Access-Control-Max-Age"));
        assertTrue(preflight.header("Vary").contains("Origin"), preflight.header("Vary"));
        assertEquals(0, routed.get());
    }

    @Test
    void refusedPreflightSaysWhyAndCarriesNoCorsFields() throws IOException {
        start(appCors());
        RawClient.Response origin = send("OPTIONS /todos/3 HTTP/1.1\r\nOrigin: https://evil.example\r\n"
                + "Access-Control-Request-Method: PUT\r\n");
        assertEquals(403, origin.status());
        assertEquals("CORS preflight refused: the origin https://evil.example is not allowed\n", origin.text());
        assertNull(origin.header("Access-Control-Allow-Origin"));

        RawClient.Response method = send("OPTIONS /todos/3 HTTP/1.1\r\nOrigin: " + APP + "\r\n"
                + "Access-Control-Request-Method: PATCH\r\n");
        assertEquals(403, method.status());
        assertTrue(method.text().contains("the method PATCH is not allowed"), method.text());

        RawClient.Response header = send("OPTIONS /todos/3 HTTP/1.1\r\nOrigin: " + APP + "\r\n"
                + "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: x-secret\r\n");
        assertEquals(403, header.status());
        assertTrue(header.text().contains("the request header x-secret is not allowed"), header.text());
        assertEquals(0, routed.get());
    }

    @Test
    void actualRequestsFromAnAllowedOriginAreMarked() throws IOException {
        start(appCors());
        RawClient.Response list = send("GET /todos HTTP/1.1\r\nOrigin: " + APP + "\r\n");
        assertEquals(200, list.status());
        assertEquals(APP, list.header("Access-Control-Allow-Origin"));
        assertEquals("true", list.header("Access-Control-Allow-Credentials"));
        assertEquals("ETag", list.header("Access-Control-Expose-Headers"));
        assertEquals("Origin", list.header("Vary"));

        RawClient.Response missing = send("GET /nothing HTTP/1.1\r\nOrigin: " + APP + "\r\n");
        assertEquals(404, missing.status());
        assertEquals(APP, missing.header("Access-Control-Allow-Origin"), "even a 404 is readable by the page");
    }

    @Test
    void otherOriginsAndPlainRequestsPassThroughUnmarked() throws IOException {
        start(appCors());
        RawClient.Response other = send("GET /todos HTTP/1.1\r\nOrigin: https://evil.example\r\n");
        assertEquals(200, other.status());
        assertNull(other.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", other.header("Vary"));

        RawClient.Response plain = send("GET /todos HTTP/1.1\r\n");
        assertEquals(200, plain.status());
        assertNull(plain.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", plain.header("Vary"), "a cache must not hand this answer to a CORS request");

        RawClient.Response ownOptions = send("OPTIONS /todos/3 HTTP/1.1\r\nOrigin: " + APP + "\r\n");
        assertEquals("the route's own OPTIONS", ownOptions.text(), "OPTIONS without a request method is no preflight");
        assertEquals(2 + 1, routed.get());
    }

    @Test
    void anyOriginIsAStarWithoutVary() throws IOException {
        start(Cors.builder().allowAnyOrigin().allowAnyHeader().build());
        RawClient.Response list = send("GET /todos HTTP/1.1\r\nOrigin: https://anyone.example\r\n");
        assertEquals("*", list.header("Access-Control-Allow-Origin"));
        assertNull(list.header("Vary"));
        RawClient.Response preflight = send("OPTIONS /todos HTTP/1.1\r\nOrigin: https://anyone.example\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: x-one,x-two\r\n");
        assertEquals(204, preflight.status());
        assertEquals("x-one, x-two", preflight.header("Access-Control-Allow-Headers"));
    }

    @Test
    void misuseIsRefusedWhenBuilt() {
        assertTrue(assertThrows(IllegalStateException.class, () -> Cors.builder().build()).getMessage()
                .contains("allows no origin"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> Cors.builder().allowAnyOrigin().allowCredentials(true).build()).getMessage()
                .contains("list the origins"));
        assertThrows(IllegalArgumentException.class, () -> Cors.builder().allowOrigins("https://app.example.com/"));
        assertThrows(IllegalArgumentException.class, () -> Cors.builder().allowOrigins("app.example.com"));
    }
}
