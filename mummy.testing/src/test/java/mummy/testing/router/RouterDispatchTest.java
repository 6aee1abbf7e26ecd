package mummy.testing.router;

import static mummy.testing.router.RouterMatchingTest.route;
import static mummy.testing.router.RouterMatchingTest.tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import mummy.api.Request;
import mummy.api.Router;
import mummy.testing.FakeRequest;
import org.junit.jupiter.api.Test;

/** What the router does once it has looked at the path: HEAD, 404, 405 and errors. */
class RouterDispatchTest {

    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    @Test
    void headRequestIsServedByTheGetRoute() throws Exception {
        List<String> methodsSeen = new ArrayList<>();
        Router router = Router.builder().get("/a/@id", request -> {
            methodsSeen.add(request.method());
            tag("get").handle(request);
        }).build();

        assertEquals("get{id=1}", route(router, "HEAD", "/a/1"));
        assertEquals(List.of("HEAD"), methodsSeen);
    }

    @Test
    void explicitHeadRouteIsPreferredToAnEarlierGetRoute() throws Exception {
        Router router = Router.builder().get("/a", tag("get")).head("/a", tag("head")).build();

        assertEquals("head{}", route(router, "HEAD", "/a"));
        assertEquals("get{}", route(router, "GET", "/a"));
    }

    @Test
    void headFallsBackToTheFirstMatchingGetRoute() throws Exception {
        Router router = Router.builder()
                .head("/other", tag("head"))
                .get("/x/@id", tag("param"))
                .get("/x/1", tag("literal"))
                .build();

        assertEquals("param{id=1}", route(router, "HEAD", "/x/1"));
    }

    @Test
    void unmatchedPathGetsPlainText404ByDefault() throws Exception {
        Router router = Router.builder().get("/a", tag("a")).build();
        FakeRequest request = FakeRequest.of("GET", "/b");

        router.handle(request);

        assertEquals(404, request.status());
        assertEquals(TEXT_PLAIN, request.responseHeaders().get("Content-Type"));
        assertEquals("Not Found", request.responseText());
    }

    @Test
    void customNotFoundHandlerGetsTheOriginalRequest() throws Exception {
        AtomicReference<Request> seen = new AtomicReference<>();
        Router router = Router.builder().get("/a", tag("a")).notFound(request -> {
            seen.set(request);
            request.respond(410, "gone");
        }).build();
        FakeRequest request = FakeRequest.of("POST", "/b");

        router.handle(request);

        assertEquals(410, request.status());
        assertSame(request, seen.get());
    }

    @Test
    void wrongMethodGets405WithEveryAllowedMethodOnceInRegistrationOrder() throws Exception {
        Router router = Router.builder()
                .post("/a", tag("post"))
                .get("/a", tag("get"))
                .get("/*", tag("any"))
                .delete("/b", tag("other path"))
                .head("/a", tag("head"))
                .patch("/@x", tag("patch"))
                .build();
        FakeRequest request = FakeRequest.of("PUT", "/a");

        router.handle(request);

        assertEquals(405, request.status());
        assertEquals("POST, GET, HEAD, PATCH, OPTIONS", request.responseHeaders().get("Allow"));
        assertEquals(1, request.responseHeaders().all("Allow").size());
        assertEquals(TEXT_PLAIN, request.responseHeaders().get("Content-Type"));
        assertEquals("Method Not Allowed", request.responseText());
    }

    @Test
    void methodsAreMatchedCaseSensitively() throws Exception {
        Router router = Router.builder().get("/a", tag("get")).build();

        assertEquals("405", route(router, "get", "/a"));
    }

    @Test
    void customMethodNotAllowedHandlerReceivesTheAllowedMethods() throws Exception {
        AtomicReference<Set<String>> seen = new AtomicReference<>();
        Router router = Router.builder()
                .put("/a", tag("put"))
                .get("/a", tag("get"))
                .route("PROPFIND", "/**", tag("propfind"))
                .methodNotAllowed((request, allowed) -> {
                    seen.set(allowed);
                    request.respond(405, "no");
                })
                .build();

        assertEquals("405", route(router, "DELETE", "/a"));
        assertEquals(List.of("PUT", "GET", "HEAD", "PROPFIND", "OPTIONS"), List.copyOf(seen.get()));
        assertThrows(UnsupportedOperationException.class, () -> seen.get().add("DELETE"));
    }

    @Test
    void handlerExceptionGoesToOnErrorWithTheRequestTheHandlerGot() throws Exception {
        IllegalStateException failure = new IllegalStateException("boom");
        AtomicReference<Throwable> seenError = new AtomicReference<>();
        Router router = Router.builder()
                .get("/users/@id", request -> {
                    throw failure;
                })
                .onError((request, error) -> {
                    seenError.set(error);
                    request.respond(500, "failed for " + request.pathParams().get("id"));
                })
                .build();
        FakeRequest request = FakeRequest.of("GET", "/users/9");

        router.handle(request);

        assertSame(failure, seenError.get());
        assertEquals(500, request.status());
        assertEquals("failed for 9", request.responseText());
    }

    @Test
    void handlerExceptionPropagatesWithoutOnError() {
        Exception failure = new Exception("checked");
        Router router = Router.builder().get("/a", request -> {
            throw failure;
        }).build();

        Exception thrown = assertThrows(Exception.class, () -> router.handle(FakeRequest.of("GET", "/a")));

        assertSame(failure, thrown);
    }

    @Test
    void failingOnErrorPropagatesTheOriginalExceptionWithItsOwnSuppressed() {
        RuntimeException failure = new RuntimeException("handler");
        RuntimeException errorHandlerFailure = new RuntimeException("error handler");
        Router router = Router.builder()
                .get("/a", request -> {
                    throw failure;
                })
                .onError((request, error) -> {
                    throw errorHandlerFailure;
                })
                .build();

        Exception thrown = assertThrows(Exception.class, () -> router.handle(FakeRequest.of("GET", "/a")));

        assertSame(failure, thrown);
        assertArrayEquals(new Throwable[] {errorHandlerFailure}, thrown.getSuppressed());
    }

    @Test
    void onErrorMayRethrowTheSameException() {
        RuntimeException failure = new RuntimeException("handler");
        Router router = Router.builder()
                .get("/a", request -> {
                    throw failure;
                })
                .onError((request, error) -> {
                    throw (RuntimeException) error;
                })
                .build();

        Exception thrown = assertThrows(Exception.class, () -> router.handle(FakeRequest.of("GET", "/a")));

        assertSame(failure, thrown);
        assertEquals(0, thrown.getSuppressed().length);
    }

    @Test
    void notFoundAndMethodNotAllowedHandlerExceptionsGoToOnError() throws Exception {
        List<String> errors = new ArrayList<>();
        Router router = Router.builder()
                .get("/a", tag("a"))
                .notFound(request -> {
                    throw new IllegalStateException("not found failed");
                })
                .methodNotAllowed((request, allowed) -> {
                    throw new IllegalStateException("405 failed");
                })
                .onError((request, error) -> {
                    errors.add(error.getMessage());
                    request.respond(500);
                })
                .build();

        assertEquals("500", route(router, "GET", "/b"));
        assertEquals("500", route(router, "POST", "/a"));
        assertEquals(List.of("not found failed", "405 failed"), errors);
    }

    @Test
    void errorsBypassOnError() {
        List<Throwable> seen = new ArrayList<>();
        Router router = Router.builder()
                .get("/a", request -> {
                    throw new StackOverflowError("deep");
                })
                .onError((request, error) -> seen.add(error))
                .build();

        StackOverflowError thrown = assertThrows(StackOverflowError.class,
                () -> router.handle(FakeRequest.of("GET", "/a")));

        assertEquals("deep", thrown.getMessage());
        assertTrue(seen.isEmpty());
    }

    @Test
    void toStringListsTheRoutesInOrder() {
        Router router = Router.builder().get("/a", tag("a")).post("/b/@id", tag("b")).build();

        assertEquals("Router[GET /a, POST /b/@id]", router.toString());
    }
}
