package mummy.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.ResponseStream;
import mummy.api.SendResult;
import mummy.api.ServerSentEvent;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.api.WebSocketOptions;
import org.junit.jupiter.api.Test;

/** FakeRequest: what the builder sets, and what it records of the handler's answer. */
class FakeRequestTest {

    @Test
    void theBuilderSetsWhatTheHandlerReads() {
        FakeRequest request = FakeRequest.builder("POST", "/users/42")
                .query("sort", "last name").query("page", "2")
                .header("Content-Type", "text/plain; charset=iso-8859-1").header("Accept", "a").header("accept", "b")
                .body("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))
                .pathParam("id", "42")
                .version("HTTP/1.0")
                .remoteAddress(new InetSocketAddress("10.0.0.1", 5000))
                .build();

        assertEquals("POST", request.method());
        assertEquals("/users/42?sort=last+name&page=2", request.target());
        assertEquals("/users/42", request.path());
        assertEquals("last name", request.queryParams().get("sort"));
        assertEquals(List.of("a", "b"), request.headers().all("Accept"));
        assertEquals("caf\u00e9", request.bodyText());
        assertEquals("42", request.pathParams().get("id"));
        assertEquals("HTTP/1.0", request.version());
        assertEquals(5000, request.remoteAddress().getPort());
        assertFalse(request.isBodyStreamed());
        assertSame(request.bodyStream(), request.bodyStream());
    }

    @Test
    void ofHasNoFieldsAnEmptyBodyAndDecodesThePath() {
        FakeRequest request = FakeRequest.of("GET", "/a%20b?x=1");
        assertEquals("/a b", request.path());
        assertEquals("x=1", request.rawQuery());
        assertTrue(request.headers().isEmpty());
        assertEquals(0, request.body().length);
        assertEquals(FakeRequest.DEFAULT_REMOTE_ADDRESS, request.remoteAddress());
        assertEquals(0, request.status());
        assertNull(request.responseText());
    }

    @Test
    void aStreamedBodyIsReadFromItsStreamOnly() throws Exception {
        FakeRequest request = FakeRequest.builder("PUT", "/f").streamedBody(new ByteArrayInputStream(new byte[] {1, 2})).build();
        assertTrue(request.isBodyStreamed());
        assertThrows(IllegalStateException.class, request::body);
        assertArrayEquals(new byte[] {1, 2}, request.bodyStream().readAllBytes());
    }

    @Test
    void theFinalResponseAndInterimStatusesAreRecordedOnce() {
        FakeRequest request = FakeRequest.of("GET", "/");
        AtomicInteger probe = new AtomicInteger();
        request.onRespond(() -> probe.set(request.status()));

        request.sendInformational(103, HttpHeaders.of("Link", "</a.css>"));
        request.respond(201, HttpHeaders.of("Location", "/users/1"), "made");

        assertEquals(List.of(103), request.informational());
        assertEquals(201, request.status());
        assertEquals("/users/1", request.responseHeader("location"));
        assertEquals("made", request.responseText());
        assertEquals(201, probe.get(), "onRespond ran after the answer was recorded");
        assertTrue(request.isResponded());
        assertThrows(IllegalStateException.class, () -> request.respond(200));
        assertThrows(IllegalStateException.class, () -> request.sendInformational(103, HttpHeaders.empty()));
    }

    @Test
    void statusesOutsideTheirRangesAreRefused() {
        FakeRequest request = FakeRequest.of("GET", "/");
        assertThrows(IllegalArgumentException.class, () -> request.respond(101));
        assertThrows(IllegalArgumentException.class, () -> request.sendInformational(101, HttpHeaders.empty()));
        assertThrows(IllegalArgumentException.class, () -> request.respondStream(204, HttpHeaders.empty()));
        assertFalse(request.isResponded());
    }

    @Test
    void aFileIsRecordedWithItsExtraFields() {
        FakeRequest request = FakeRequest.of("GET", "/download");
        request.respondFile(Path.of("report.pdf"), HttpHeaders.of("Content-Disposition", "attachment"));
        assertEquals(200, request.status());
        assertEquals(Path.of("report.pdf"), request.file());
        assertEquals("attachment", request.responseHeader("Content-Disposition"));
    }

    @Test
    void aResponseStreamRecordsItsBytesAndTrailers() {
        FakeRequest request = FakeRequest.of("GET", "/stream");
        ResponseStream stream = request.respondStream(200, HttpHeaders.of("Content-Type", "text/plain"));
        assertEquals(SendResult.QUEUED, stream.write("ab"));
        assertEquals(SendResult.QUEUED, stream.write(new byte[] {'c'}));
        assertEquals("abc", request.responseText());
        assertTrue(request.isStreamOpen());
        assertNull(request.trailers());
        stream.close(HttpHeaders.of("X-Checksum", "1"));
        assertEquals("1", request.trailers().get("X-Checksum"));
        assertEquals(SendResult.CLOSED, stream.write("more"));
        assertFalse(request.isStreamOpen());
        assertEquals("abc", request.responseText());
    }

    @Test
    void disconnectEndsAStreamAndRunsItsCallbacks() {
        FakeRequest request = FakeRequest.of("GET", "/stream");
        ResponseStream stream = request.respondStream(200, HttpHeaders.empty());
        AtomicInteger closes = new AtomicInteger();
        stream.onClose(closes::incrementAndGet);
        request.disconnect();
        request.disconnect();
        assertEquals(1, closes.get());
        assertFalse(stream.isOpen());
        assertNull(request.trailers(), "the client went away: no trailers");
        stream.onClose(closes::incrementAndGet);
        assertEquals(2, closes.get(), "a callback registered after the end runs at once");
    }

    @Test
    void anEventStreamRecordsEventsAndComments() {
        FakeRequest request = FakeRequest.builder("GET", "/events").header("Last-Event-ID", "41").build();
        EventStream events = request.respondEventStream();
        AtomicInteger closes = new AtomicInteger();
        events.onClose(closes::incrementAndGet);
        assertEquals("41", events.lastEventId());
        events.send(ServerSentEvent.of("tick", "1").withId("42"));
        events.comment("keep-alive");
        assertEquals(200, request.status());
        assertEquals("text/event-stream", request.responseHeader("Content-Type"));
        assertEquals(List.of(ServerSentEvent.of("tick", "1").withId("42")), request.events());
        assertEquals(List.of("keep-alive"), request.comments());
        request.disconnect();
        assertEquals(SendResult.CLOSED, events.send("late"));
        assertEquals(1, closes.get());
        assertEquals(1, request.events().size());
    }

    @Test
    void anUpgradeRecords101TheOptionsAndTheConnection() {
        FakeRequest request = FakeRequest.builder("GET", "/chat?room=1").header("Sec-WebSocket-Protocol", "x, chat").build();
        WebSocketOptions options = WebSocketOptions.subprotocols("chat").withResponseHeaders(HttpHeaders.of("X-Room", "1"));
        WebSocket socket = request.upgradeToWebSocket(options);

        assertEquals(101, request.status());
        assertSame(options, request.upgradeOptions());
        assertSame(socket, request.webSocket());
        assertEquals("1", request.responseHeader("X-Room"));
        assertEquals("chat", socket.subprotocol());
        assertEquals("/chat", socket.path());
        socket.send("hi");
        assertEquals(List.of("hi"), request.webSocket().sentTexts());
        assertThrows(IllegalStateException.class, () -> request.respond(200));
    }

    @Test
    void awaitResponseWaitsForAnAnswerFromAnotherThread() throws Exception {
        FakeRequest request = FakeRequest.of("GET", "/slow");
        assertFalse(request.awaitResponse(Duration.ofMillis(10)));
        Thread answering = Thread.ofPlatform().start(() -> request.respond(202, "later"));
        assertTrue(request.awaitResponse(Duration.ofSeconds(10)));
        answering.join();
        assertEquals(202, request.status());
        assertEquals("later", request.responseText());
    }

    @Test
    void aFakeWebSocketRecordsSendsUntilTheHandlerCloses() throws Exception {
        FakeWebSocket socket = FakeWebSocket.of("/echo");
        mummy.api.WebSocketHandler handler = (ws, event) -> {
            if (event instanceof WebSocketEvent.Message message) {
                ws.send("echo: " + message.asText());
                ws.send(message.data());
                ws.ping(new byte[0]);
                ws.close(4000, "once");
            }
        };
        handler.onEvent(socket, WebSocketEvent.Message.text("hi"));

        assertEquals(List.of(WebSocketEvent.Message.text("echo: hi"), WebSocketEvent.Message.binary("hi".getBytes(StandardCharsets.UTF_8))),
                socket.sent());
        assertEquals(List.of("echo: hi"), socket.sentTexts());
        assertEquals(1, socket.pings());
        assertEquals(new WebSocketEvent.Close(4000, "once"), socket.closed());
        assertFalse(socket.isOpen());
        assertEquals(SendResult.CLOSED, socket.send("late"));
        assertEquals(2, socket.sent().size());
    }
}
