package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mummy.api.SendResult;
import org.junit.jupiter.api.Test;

/** Response streams and server-sent events over real sockets. */
class StreamingTest extends EveryScheduler {

    /** Reads until {@code end} appears; returns everything read. */
    private static String readUntil(InputStream in, String end) throws Exception {
        StringBuilder text = new StringBuilder();
        while (text.indexOf(end) < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }

    @Test
    void chunkedStreamWithTrailersThenTheNextRequest() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /stream HTTP/1.1\r\nHost: h\r\n\r\nGET /n?i=after HTTP/1.1\r\nHost: h\r\n\r\n");
            String response = readUntil(client.input(), "X-Done: yes\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.contains("Transfer-Encoding: chunked\r\n"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertEquals("1\r\na\r\n2\r\nbc\r\n1\r\nd\r\n0\r\nX-Done: yes\r\n\r\n", body);
            assertEquals("after", client.read().text(), "the pipelined request waited for the stream's end");
        }
    }

    @Test
    void declaredLengthStreamSendsRawBytes() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /stream-fixed HTTP/1.1\r\nHost: h\r\n\r\n");
            RawClient.Response response = client.read();
            assertEquals("6", response.header("Content-Length"));
            assertEquals(null, response.header("Transfer-Encoding"));
            assertEquals("abcdef", response.text());
        }
    }

    @Test
    void http10StreamEndsWithTheConnection() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /stream HTTP/1.0\r\n\r\n");
            String response = client.readToEnd();
            assertFalse(response.contains("chunked"), response);
            assertTrue(response.endsWith("\r\n\r\nabcd"), response);
        }
    }

    @Test
    void serverSentEventsAreFramedPerTheSpec() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("GET /sse HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            String response = client.readToEnd();
            assertTrue(response.contains("Content-Type: text/event-stream\r\n"), response);
            assertTrue(response.contains("Cache-Control: no-cache\r\n"), response);
            String events = dechunk(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertEquals("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n"
                    + "event: note\nid: 7\ndata: two\ndata: lines\n\n", events);
        }
    }

    @Test
    void aClientThatReadsNothingIsCutOffInsteadOfGrowingTheHeap() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.socket().setReceiveBufferSize(64 * 1024);
            client.send("GET /sse-flood HTTP/1.1\r\nHost: h\r\n\r\n");
            // read nothing: the handler sends 64 KiB events as fast as it can, ignoring BACKPRESSURED
            String outcome = app.flood.get(20, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("CLOSED after (\\d+) events, max buffered (\\d+), onClose ran true").matcher(outcome);
            assertTrue(m.matches(), outcome);
            long highWaterMark = 1 << 20; // the server's default outbound high-water mark
            assertTrue(Long.parseLong(m.group(2)) <= 4 * highWaterMark + 70_000, outcome);
            assertTrue(Integer.parseInt(m.group(1)) < 2000, outcome);
        }
    }

    @Test
    void clientLeavingAnEventStreamIsNoticedPromptly() throws Exception {
        RawClient client = new RawClient(app.port);
        client.send("GET /sse-forever HTTP/1.1\r\nHost: h\r\nLast-Event-ID: 41\r\n\r\n");
        String response = readUntil(client.input(), "hello 41\n\n\r\n");
        assertEquals("data: hello 41\n\n", dechunk(response.substring(response.indexOf("\r\n\r\n") + 4)));
        var stream = app.openStream.get(10, TimeUnit.SECONDS);
        assertTrue(stream.isOpen());
        client.close();
        assertTrue(app.streamClosed.await(1, TimeUnit.SECONDS), "onClose within a second of the client leaving");
        assertFalse(stream.isOpen());
        assertEquals(SendResult.CLOSED, stream.send("nobody listens"), "a send on a closed stream says so");
    }

    @Test
    void headToAStreamWritesOnlyTheHeadAndKeepsTheConnection() throws Exception {
        try (ServerFailureLog log = ServerFailureLog.attach(); RawClient client = new RawClient(app.port)) {
            client.send("HEAD /sse HTTP/1.1\r\nHost: h\r\n\r\nHEAD /stream-fixed HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "HEAD /stream HTTP/1.1\r\nHost: h\r\n\r\nGET /n?i=after HTTP/1.1\r\nHost: h\r\n\r\n");
            RawClient.Response events = client.read(true);
            assertEquals(200, events.status());
            assertEquals("text/event-stream", events.header("Content-Type"));
            assertEquals(null, events.header("Connection"));
            RawClient.Response fixed = client.read(true);
            assertEquals("6", fixed.header("Content-Length"), "HEAD keeps the length a GET would send");
            assertEquals(null, fixed.header("Connection"));
            assertEquals("chunked", client.read(true).header("Transfer-Encoding"));
            RawClient.Response after = client.read();
            assertEquals("HTTP/1.1 200 OK", after.statusLine(), "no body bytes came between the heads");
            assertEquals("after", after.text());
            assertEquals(List.of(), log.failures(), "no stream.incomplete: a HEAD stream is complete at its head");
        }
    }

    @Test
    void headToAStreamOverHttp10KeepsTheConnectionAlive() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            client.send("HEAD /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response head = client.read(true);
            assertEquals("keep-alive", head.header("Connection"), "no body to end by closing");
            client.send("GET /n?i=2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals("2", client.read().text());
        }
    }

    @Test
    void streamHeadsRefuseAContentLengthThatIsNotOneRunOfDigits() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            for (String kind : List.of("plus", "twice", "list")) {
                client.send("GET /stream-length?kind=" + kind + " HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response refused = client.read();
                assertEquals(500, refused.status(), kind);
                assertTrue(refused.text().startsWith("refused: Content-Length "), kind + ": " + refused.text());
            }
            client.send("GET /stream-length?kind=ok HTTP/1.1\r\nHost: h\r\n\r\n");
            RawClient.Response ok = client.read();
            assertEquals("5", ok.header("Content-Length"));
            assertEquals("hello", ok.text());
        }
    }

    @Test
    void aStreamWhoseConnectionClosedBeforeItsHeadIsClosedAndRunsItsCallbacks() throws Exception {
        RawClient client = new RawClient(app.port);
        client.send("GET /sse-late HTTP/1.1\r\nHost: h\r\n\r\n");
        assertTrue(app.lateEntered.await(10, TimeUnit.SECONDS));
        client.socket().setSoLinger(true, 0);
        client.close(); // a reset: the server closes the connection with the handler still working
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (app.server.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling the condition
        }
        assertEquals(0, app.server.openConnections(), "the server closed the connection");
        app.lateRelease.countDown(); // now the handler starts its stream: the head has nowhere to go
        assertEquals("onClose true, open false, send CLOSED", app.late.get(20, TimeUnit.SECONDS));
    }

    /** Removes chunked framing: size lines and the CRLF after each chunk. */
    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int position = 0;
        while (position < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", position);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(position, lineEnd), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            position = lineEnd + 2 + size + 2;
        }
        return new String(out.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
