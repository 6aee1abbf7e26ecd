package mummy.testing.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mummy.api.ResponseInfo;
import mummy.api.Router;
import mummy.api.WebSocketEvent;
import mummy.testing.FakeRequest;
import org.junit.jupiter.api.Test;

/** The order of {@link Router}'s filters and what they may do, on fake requests. */
class RouterFiltersTest {

    private final List<String> trace = new CopyOnWriteArrayList<>();

    @Test
    void beforeAroundAndAfterFiltersRunInTheirDefinedOrder() throws Exception {
        Router router = Router.builder()
                .after((request, response, elapsed) -> trace.add("after1 " + response.status()))
                .filter((request, chain) -> {
                    trace.add("around1 in");
                    chain.proceed();
                    trace.add("around1 out " + request.response().status());
                })
                .before(request -> trace.add("before1"))
                .before("/other/**", request -> trace.add("before-other"))
                .filter("/items/@id", (request, chain) -> {
                    trace.add("around2 " + request.pathParams().get("id"));
                    chain.proceed();
                })
                .after("/items/**", (request, response, elapsed) -> trace.add("after2 " + response.kind()))
                .get("/items/@item", request -> {
                    trace.add("handler " + request.pathParams().get("item"));
                    request.respond(200, "ok");
                })
                .build();

        router.handle(FakeRequest.of("GET", "/items/9"));

        assertEquals(List.of("around1 in", "before1", "around2 9", "handler 9", "around1 out 200", "after1 200",
                "after2 BODY"), trace);
    }

    @Test
    void proceedingTwiceIsRefusedAndGoesToOnError() throws Exception {
        Router router = Router.builder()
                .filter((request, chain) -> {
                    chain.proceed();
                    chain.proceed();
                })
                .get("/", request -> request.respond(200, "once"))
                .onError((request, error) -> trace.add(error.getClass().getSimpleName()))
                .build();
        FakeRequest request = FakeRequest.of("GET", "/");

        router.handle(request);

        assertEquals("once", request.responseText());
        assertEquals(List.of("IllegalStateException"), trace);
    }

    @Test
    void aFailureWithoutOnErrorIsAnsweredForTheAfterFiltersAndStillPropagates() {
        IllegalStateException boom = new IllegalStateException("boom");
        Router router = Router.builder()
                .after((request, response, elapsed) -> trace.add("after " + response))
                .after((request, response, elapsed) -> {
                    throw new IllegalArgumentException("after broke");
                })
                .get("/", request -> {
                    throw boom;
                })
                .build();
        FakeRequest request = FakeRequest.of("GET", "/");

        Exception thrown = assertThrows(Exception.class, () -> router.handle(request));

        assertSame(boom, thrown, "the server gets the handler's exception, to log it");
        assertEquals("after broke", thrown.getSuppressed()[0].getMessage());
        assertEquals(500, request.status());
        assertEquals(List.of("after " + new ResponseInfo(ResponseInfo.Kind.BODY, 500, 21)), trace);
    }

    @Test
    void filtersDoNotHideAStreamingRoute() {
        Router router = Router.builder()
                .filter((request, chain) -> chain.proceed())
                .after((request, response, elapsed) -> { })
                .post("/upload", request -> request.respond(204)).streaming()
                .post("/form", request -> request.respond(204))
                .build();

        assertTrue(router.streamsBody("POST", "/upload"));
        assertFalse(router.streamsBody("POST", "/form"));
    }

    @Test
    void webSocketRouteHandsItsHandlerTheOpenEventWithThePathParams() throws Exception {
        List<WebSocketEvent.Open> opened = new CopyOnWriteArrayList<>();
        Router router = Router.builder()
                .webSocket("/rooms/@room", (socket, event) -> {
                    if (event instanceof WebSocketEvent.Open open) {
                        opened.add(open);
                    }
                })
                .build();
        FakeRequest handshake = FakeRequest.builder("GET", "/rooms/attic")
                .header("Upgrade", "websocket").header("X-User", "ann").build();

        router.handle(handshake);
        handshake.webSocketHandler().onEvent(handshake.webSocket(),
                new WebSocketEvent.Open(mummy.api.Parameters.empty(), handshake.headers()));

        assertEquals(101, handshake.status());
        assertEquals(ResponseInfo.Kind.WEBSOCKET, handshake.response().kind());
        assertEquals("attic", opened.getFirst().pathParams().get("room"));
        assertEquals("ann", opened.getFirst().requestHeaders().get("X-User"));

        FakeRequest plain = FakeRequest.of("GET", "/rooms/attic");
        router.handle(plain);
        assertEquals(426, plain.status());
        assertEquals("websocket", plain.responseHeader("Upgrade"));
    }

    @Test
    void fieldsAddedByAFilterFollowTheHandlersOwn() throws Exception {
        Router router = Router.builder()
                .before(request -> request.addResponseHeader("X-Frame-Options", "DENY"))
                .get("/", request -> request.respond(200, "page"))
                .build();
        FakeRequest request = FakeRequest.of("GET", "/");

        router.handle(request);

        assertEquals("DENY", request.responseHeader("X-Frame-Options"));
        assertEquals("text/plain; charset=utf-8", request.responseHeader("Content-Type"));
        assertThrows(IllegalStateException.class, () -> request.addResponseHeader("X-Late", "1"));
    }
}
