package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Requests and responses over a raw socket, asserting bytes; once per scheduler. */
class ServerBasicsTest extends EveryScheduler {

    @Test
    void helloWorldHasStatusLineDateLengthAndBody() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawClient.Response response = client.read();
            assertEquals("HTTP/1.1 200 OK", response.statusLine());
            assertEquals("text/plain", response.header("Content-Type"));
            assertEquals("13", response.header("Content-Length"));
            assertTrue(response.header("Date").endsWith(" GMT"), response.headers().toString());
            assertNull(response.header("Connection"));
            assertEquals("Hello, World!", response.text());
        }
    }

    @Test
    void requestPartsReachTheHandler() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("PATCH /info?x=1 HTTP/1.1\r\nHost: example.org:81\r\n\r\n");
            assertEquals("PATCH /info?x=1 HTTP/1.1 example.org:81 127.0.0.1", client.read().text());
        }
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            for (int i = 0; i < 20; i++) {
                client.send("GET /n?i=" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals(Integer.toString(i), client.read().text());
            }
        }
    }

    @Test
    void headHasGetLengthButNoBody() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\nGET /n?i=7 HTTP/1.1\r\nHost: h\r\n\r\n");
            RawClient.Response head = client.read(true);
            assertEquals(200, head.status());
            assertEquals("13", head.header("Content-Length"));
            assertEquals("7", client.read().text(), "the HEAD response carried no body bytes");
        }
    }

    @Test
    void theServersDecisionToCloseShowsWhateverTheHandlersConnectionFieldSays() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /conn?v=keep-alive HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertEquals("close", client.read().header("Connection"), "the server closes, and says so");
            assertTrue(client.closedByServer());
        }
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /conn?v=close HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("close", client.read().header("Connection"));
            assertTrue(client.closedByServer(), "a handler's Connection: close closes the connection");
        }
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /conn?v=X-Trace HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("X-Trace", client.read().header("Connection"), "other connection options stay");
            client.send("GET /n?i=3 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("3", client.read().text());
        }
    }

    @Test
    void connectionCloseIsHonouredAndAnnounced() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            RawClient.Response response = client.read();
            assertEquals("close", response.header("Connection"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveAsked() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET / HTTP/1.0\r\n\r\n");
            assertEquals("close", client.read().header("Connection"));
            assertTrue(client.closedByServer());
        }
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals("keep-alive", client.read().header("Connection"));
            client.send("GET /n?i=2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals("2", client.read().text());
        }
    }

    @Test
    void contentLengthBodyIsEchoed() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world");
            RawClient.Response response = client.read();
            assertEquals("application/octet-stream", response.header("Content-Type"));
            assertEquals("hello world", response.text());
        }
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsEchoed() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=\"v\"\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n");
            assertEquals("hello world", client.read().text());
        }
    }

    @Test
    void expectContinueGetsInterimBeforeTheBodyIsSent() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            RawClient.Response interim = client.read();
            assertEquals("HTTP/1.1 100 Continue", interim.statusLine());
            client.send("data");
            assertEquals("data", client.read().text());
        }
    }

    @Test
    void earlyHintsPrecedeTheFinalResponse() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /hints HTTP/1.1\r\nHost: h\r\n\r\n");
            RawClient.Response hints = client.read();
            assertEquals("HTTP/1.1 103 Early Hints", hints.statusLine());
            assertEquals("</style.css>; rel=preload", hints.header("Link"));
            assertEquals("hinted", client.read().text());
        }
    }

    @Test
    void throwingHandlerGets500AndConnectionStaysUsable() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /throw HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(500, client.read().status());
            client.send("GET /n?i=1 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("1", client.read().text());
        }
    }

    @Test
    void handlerReturningWithoutResponseGets500() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /silent HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(500, client.read().status());
        }
    }

    @Test
    void secondFinalResponseThrowsAndOnlyTheFirstIsSent() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /twice HTTP/1.1\r\nHost: h\r\n\r\nGET /n?i=3 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("first", client.read().text());
            assertEquals("3", client.read().text());
            assertInstanceOf(IllegalStateException.class, app.secondRespond.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void largeTextIsGzippedWhenAccepted() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /big HTTP/1.1\r\nHost: h\r\nAccept-Encoding: deflate;q=0.5, gzip\r\n\r\n");
            RawClient.Response response = client.read();
            assertEquals("gzip", response.header("Content-Encoding"));
            assertEquals("Accept-Encoding", response.header("Vary"));
            byte[] plain = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
            assertEquals("x".repeat(5000), new String(plain, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    @Test
    void compressionIsSkippedForQZeroAndSmallBodies() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /big HTTP/1.1\r\nHost: h\r\nAccept-Encoding: gzip;q=0, deflate;q=0\r\n\r\n");
            RawClient.Response refused = client.read();
            assertNull(refused.header("Content-Encoding"));
            assertEquals(5000, refused.body().length);
            client.send("GET /big?size=100 HTTP/1.1\r\nHost: h\r\nAccept-Encoding: gzip\r\n\r\n");
            assertNull(client.read().header("Content-Encoding"));
        }
    }

    @Test
    void unknownPathGets404() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /nothing-here HTTP/1.1\r\nHost: h\r\n\r\n");
            RawClient.Response response = client.read();
            assertEquals(404, response.status());
            assertNotNull(response.header("Date"));
        }
    }
}
