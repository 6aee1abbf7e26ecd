package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mummy.api.Router;
import mummy.testing.FakeRequest;
import mummy.testing.TestResponse;
import mummy.testing.TestServer;
import org.junit.jupiter.api.Test;

/** HelloApp's routes, tested as an application's own tests would: through a real server, and without one. */
class HelloAppTest {

    private static final Router ROUTER = HelloApp.router();

    @Test
    void routesAnswerThroughARealServer() {
        try (TestServer server = TestServer.start(ROUTER)) {
            TestResponse page = server.get("/");
            assertEquals(200, page.status());
            assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
            assertEquals("object 42", server.get("/objects/42").text());
            assertEquals("caf\u00e9", server.post("/echo", "caf\u00e9").text());
            assertEquals(404, server.get("/nowhere").status());
        }
    }

    @Test
    void routesAnswerAFakeRequestWithoutSockets() throws Exception {
        FakeRequest request = FakeRequest.of("GET", "/files/docs/readme.txt");
        ROUTER.handle(request);
        assertEquals(200, request.status());
        assertTrue(request.responseText().endsWith("/files/docs/readme.txt"), request.responseText());

        FakeRequest echo = FakeRequest.builder("POST", "/echo").body("hi").build();
        ROUTER.handle(echo);
        assertEquals("hi", echo.responseText());
    }
}
