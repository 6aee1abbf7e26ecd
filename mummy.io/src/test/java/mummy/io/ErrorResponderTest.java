package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mummy.api.ErrorResponder;
import mummy.api.MalformedJsonException;
import mummy.api.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's {@link ErrorResponder} shapes every answer the server generates itself, through
 * real sockets: the parser's refusals on the IO thread, the router's 404 and 405, the 500 of a
 * failed handler, a malformed JSON body, a refused WebSocket handshake and a handler's own
 * {@code respondError}; a responder that fails or answers too much gives way to plain text.
 */
class ErrorResponderTest {

    private static final String PROBLEM = "application/problem+json";
    private Server server;
    private int port;

    private static final Router ROUTER = Router.builder()
            .get("/boom", request -> {
                throw new IllegalStateException("secret internals");
            })
            .post("/json", request -> {
                throw new MalformedJsonException("expected '{' at 1:1");
            })
            .put("/todos/@id", request -> request.respondError(409, "the title \"milk\" is taken"))
            .get("/ws", request -> request.upgradeToWebSocket())
            .build();

    private void start(ErrorResponder responder) {
        server = Server.builder().handler(ROUTER).errorResponder(responder).maxHeadersLength(1024)
                .webSocketHandler((socket, event) -> { })
                .scheduler("virtual").shutdownGracePeriod(Duration.ofSeconds(5)).build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawClient.Response send(String request) throws IOException {
        try (RawClient client = new RawClient(port)) {
            return client.send(request).read();
        }
    }

    private static void assertProblem(RawClient.Response response, int status, String title, String detail) {
        assertEquals(status, response.status());
        assertEquals(PROBLEM, response.header("Content-Type"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}", response.text());
    }

    @Test
    void routerAndHandlerAnswersAreProblemDetails() throws IOException {
        start(ErrorResponder.problemJson());
        assertProblem(send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"), 404, "Not Found", "Not Found");
        RawClient.Response notAllowed = send("DELETE /boom HTTP/1.1\r\nHost: x\r\n\r\n");
        assertProblem(notAllowed, 405, "Method Not Allowed", "Method Not Allowed");
        assertEquals("GET, HEAD, OPTIONS", notAllowed.header("Allow"));
        assertProblem(send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n"), 500, "Internal Server Error",
                "Internal Server Error");
        assertProblem(send("POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx"), 400, "Bad Request",
                "expected '{' at 1:1");
        assertProblem(send("PUT /todos/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"), 409, "Conflict",
                "the title \\\"milk\\\" is taken");
    }

    @Test
    void refusalsOfTheParserAndTheHandshakeAreProblemDetails() throws IOException {
        start(ErrorResponder.problemJson());
        RawClient.Response badLine = send("GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(400, badLine.status());
        assertEquals(PROBLEM, badLine.header("Content-Type"));
        assertTrue(badLine.text().startsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"),
                badLine.text());

        RawClient.Response tooLarge = send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
        assertEquals(431, tooLarge.status());
        assertEquals(PROBLEM, tooLarge.header("Content-Type"));
        assertTrue(tooLarge.text().contains("\"title\":\"Request Header Fields Too Large\""), tooLarge.text());

        RawClient.Response handshake = send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertEquals(400, handshake.status());
        assertEquals(PROBLEM, handshake.header("Content-Type"));
    }

    @Test
    void aResponderThatFailsOrAnswersTooMuchGivesWayToPlainText() throws IOException {
        start((status, detail) -> {
            if (status == 404) {
                throw new IllegalStateException("responder bug");
            }
            return new ErrorResponder.Body("text/html", new byte[ErrorResponder.MAX_BODY_LENGTH + 1]);
        });
        RawClient.Response notFound = send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(404, notFound.status());
        assertEquals("text/plain; charset=utf-8", notFound.header("Content-Type"));
        assertEquals("Not Found", notFound.text());

        RawClient.Response badLine = send("GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(400, badLine.status());
        assertEquals("text/plain; charset=utf-8", badLine.header("Content-Type"));

        RawClient.Response after = send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(404, after.status(), "the IO thread outlived the responder's failures");
    }

    @Test
    void problemJsonEscapesWhatItQuotes() {
        ErrorResponder.Body body = ErrorResponder.problemJson().render(400, "a \"b\" \\ c\n\u0001");
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"a \\\"b\\\" \\\\ c\\n\\u0001\"}", new String(body.content(), StandardCharsets.UTF_8));
    }
}
