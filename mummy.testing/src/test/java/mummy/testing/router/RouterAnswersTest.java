package mummy.testing.router;

import static mummy.testing.router.RouterMatchingTest.route;
import static mummy.testing.router.RouterMatchingTest.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.api.RequestHandler;
import mummy.api.Router;
import mummy.testing.FakeRequest;
import org.junit.jupiter.api.Test;

/** What a route's handler answers reaches the request the router was given. */
class RouterAnswersTest {

    @Test
    void eachShortcutRegistersItsMethod() throws Exception {
        Router router = Router.builder()
                .get("/r", tag("GET"))
                .head("/r", tag("HEAD"))
                .post("/r", tag("POST"))
                .put("/r", tag("PUT"))
                .delete("/r", tag("DELETE"))
                .patch("/r", tag("PATCH"))
                .options("/r", tag("OPTIONS"))
                .route("PROPFIND", "/r", tag("PROPFIND"))
                .build();

        for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND")) {
            assertEquals(method + "{}", route(router, method, "/r"));
        }
    }

    @Test
    void routesAddedAfterBuildDoNotChangeTheBuiltRouter() throws Exception {
        Router.Builder builder = Router.builder().get("/a", tag("a"));
        Router router = builder.build();

        builder.get("/b", tag("b"));

        assertEquals("404", route(router, "GET", "/b"));
        assertEquals("b{}", route(builder.build(), "GET", "/b"));
    }

    @Test
    void streamingWrapperStreamsEverythingAndDelegates() throws Exception {
        RequestHandler plain = request -> request.respond(204);
        assertFalse(plain.streamsBody("POST", "/"));
        RequestHandler streaming = RequestHandler.streaming(plain);
        assertTrue(streaming.streamsBody("POST", "/anything"));
        FakeRequest request = FakeRequest.of("POST", "/x");
        streaming.handle(request);
        assertEquals(204, request.status());
    }

    @Test
    void aRouteHandlerReadsTheOriginalRequestAndAnswersThroughIt() throws Exception {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder().post("/users/@id", request -> {
            seen.add(request.pathParams().get("id") + " " + request.bodyText() + " " + request.queryParams().get("x"));
            request.sendInformational(103, HttpHeaders.empty());
            request.respond(201, "made");
            assertTrue(request.isResponded());
            assertThrows(IllegalStateException.class, () -> request.respond(200));
        }).build();
        FakeRequest original = FakeRequest.builder("POST", "/users/42?x=1")
                .header("Content-Type", "text/plain; charset=iso-8859-1")
                .body("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))
                .build();

        router.handle(original);

        assertEquals(List.of("42 caf\u00e9 1"), seen);
        assertEquals(List.of(103), original.informational());
        assertEquals(201, original.status());
        assertEquals("made", original.responseText());
    }
}
