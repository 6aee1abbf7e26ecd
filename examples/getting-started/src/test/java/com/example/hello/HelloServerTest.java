package com.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mummy.api.HttpHeaders;
import mummy.testing.FakeRequest;
import mummy.testing.TestServer;
import mummy.testing.TestStream;
import mummy.testing.TestWebSocket;
import org.junit.jupiter.api.Test;

/** The service's routes: through a real server on a free port, and one without sockets. */
class HelloServerTest {

    @Test
    void greetsByName() {
        try (TestServer server = TestServer.start(HelloServer.router(), HelloServer.echo())) {
            assertEquals("Hello, World!", server.get("/").text());
            assertEquals("Hello, Ann!", server.get("/hello/Ann").text());
            assertEquals(404, server.get("/nothing").status());
        }
    }

    @Test
    void echoesWebSocketMessages() {
        try (TestServer server = TestServer.start(HelloServer.router(), HelloServer.echo());
                TestWebSocket socket = server.webSocket("/ws")) {
            socket.sendText("hi");
            assertEquals("hi", socket.receiveText());
        }
    }

    @Test
    void sendsThreeEvents() throws Exception {
        try (TestServer server = TestServer.start(HelloServer.router(), HelloServer.echo());
                TestStream events = server.client().stream("GET", "/events", HttpHeaders.empty(), null)) {
            assertTrue(events.header("Content-Type").startsWith("text/event-stream"), events.header("Content-Type"));
            StringBuilder data = new StringBuilder();
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                if (line.startsWith("data: ")) {
                    data.append(line.substring(6)).append(';');
                }
            }
            assertEquals("tick 1;tick 2;tick 3;", data.toString());
        }
    }

    @Test
    void greetsWithoutSockets() throws Exception {
        FakeRequest request = FakeRequest.of("GET", "/hello/Bob");
        HelloServer.router().handle(request);
        assertEquals(200, request.status());
        assertTrue(request.responseText().endsWith("Bob!"), request.responseText());
    }
}
