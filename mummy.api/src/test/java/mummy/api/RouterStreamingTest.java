package mummy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouterStreamingTest {

    private static final RequestHandler OK = request -> request.respond(200);

    @Test
    void streamingMarksOnlyTheRouteAddedLast() {
        Router router = Router.builder()
                .post("/upload", OK).streaming()
                .post("/form", OK)
                .put("/files/@name", OK).streaming()
                .build();
        assertTrue(router.streamsBody("POST", "/upload"));
        assertTrue(router.streamsBody("POST", "/upload?x=1"));
        assertFalse(router.streamsBody("POST", "/form"));
        assertTrue(router.streamsBody("PUT", "/files/a%20b"));
        assertFalse(router.streamsBody("GET", "/upload"), "another method is another route");
        assertFalse(router.streamsBody("POST", "/nowhere"));
        assertFalse(router.streamsBody("OPTIONS", "*"));
        assertFalse(router.streamsBody("POST", "http://example.com/upload"), "absolute-form is not matched here");
    }

    @Test
    void aRouterWithoutStreamingRoutesNeverStreams() {
        Router router = Router.builder().post("/upload", OK).build();
        assertFalse(router.streamsBody("POST", "/upload"));
    }

    @Test
    void streamingBeforeAnyRouteIsAMistake() {
        var e = assertThrows(IllegalStateException.class, () -> Router.builder().streaming());
        assertEquals("streaming() marks the route added last, and there is none yet", e.getMessage());
    }
}
