package mummy.io.internal.http;

import static mummy.io.internal.http.ParserCase.head;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mummy.api.HttpHeaders;
import org.junit.jupiter.api.Test;

/** The parser's streamed-body mode: head first, then body bytes to a sink, in any split. */
class HttpRequestParserStreamingTest {

    /** Collects what the parser hands over. */
    private static final class Sink implements BodySink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HttpHeaders trailers;

        @Override
        public void bodyBytes(byte[] buf, int offset, int length) {
            bytes.write(buf, offset, length);
        }

        @Override
        public void bodyEnd(HttpHeaders trailers) {
            this.trailers = trailers;
        }
    }

    private static HttpRequestParser streamingParser(long limit) {
        return new HttpRequestParser(new HttpLimits(8192, 8192, 100, 10, 4096),
                (method, target) -> method.equals("POST") && target.startsWith("/up"), limit);
    }

    /** Feeds {@code wire} in pieces of {@code piece} bytes, keeping unconsumed bytes as the IO loop does. */
    private static List<Object> feed(HttpRequestParser parser, String wire, int piece) throws HttpParseException {
        byte[] all = wire.getBytes(StandardCharsets.ISO_8859_1);
        List<Object> seen = new ArrayList<>();
        byte[] carry = new byte[0];
        Sink sink = null;
        for (int at = 0; at < all.length; at += piece) {
            int n = Math.min(piece, all.length - at);
            byte[] buf = new byte[carry.length + n];
            System.arraycopy(carry, 0, buf, 0, carry.length);
            System.arraycopy(all, at, buf, carry.length, n);
            int pos = 0;
            while (pos < buf.length) {
                ParsedRequest request = parser.parse(buf, pos, buf.length);
                pos += parser.consumed();
                if (sink != null && sink.trailers != null) {
                    seen.add(sink.bytes.toString(StandardCharsets.ISO_8859_1) + " " + sink.trailers.get("X-T"));
                    sink = null;
                }
                if (request == null) {
                    break;
                }
                seen.add(request.method() + " " + request.target() + " " + request.body().length);
                if (parser.streamingBody()) {
                    sink = new Sink();
                    parser.bodySink(sink);
                }
            }
            carry = java.util.Arrays.copyOfRange(buf, pos, buf.length);
        }
        return seen;
    }

    @Test
    void headComesFirstThenTheBodyGoesToTheSinkInEverySplit() throws HttpParseException {
        String wire = head("POST /up HTTP/1.1", "Host: h", "Content-Length: 26") + "abcdefghijklmnopqrstuvwxyz"
                + head("POST /up HTTP/1.1", "Host: h", "Transfer-Encoding: chunked")
                + "3;x=y\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-T: 1\r\n\r\n"
                + head("POST /other HTTP/1.1", "Host: h", "Content-Length: 3") + "xyz"
                + head("GET /up HTTP/1.1", "Host: h");
        List<Object> expected = List.of("POST /up 0", "abcdefghijklmnopqrstuvwxyz null", "POST /up 0",
                "abc0123456789abcdef 1", "POST /other 3", "GET /up 0");
        for (int piece : new int[] {1, 2, 3, 7, 64, wire.length()}) {
            assertEquals(expected, feed(streamingParser(1000), wire, piece), "pieces of " + piece);
        }
    }

    @Test
    void streamedBodiesHaveTheirOwnLimit() throws HttpParseException {
        // 10 bytes for buffered bodies, 100 for streamed ones
        HttpRequestParser parser = streamingParser(100);
        byte[] head = head("POST /up HTTP/1.1", "Host: h", "Content-Length: 100").getBytes(StandardCharsets.ISO_8859_1);
        assertNotNull(parser.parse(head, 0, head.length), "100 bytes streamed are fine");
        assertTrue(parser.streamingBody());

        HttpParseException tooLong = assertThrows(HttpParseException.class, () -> feed(streamingParser(100),
                head("POST /up HTTP/1.1", "Host: h", "Content-Length: 101"), 1000));
        assertEquals(413, tooLong.status());
        assertEquals("body longer than 100 bytes", tooLong.getMessage());

        HttpParseException buffered = assertThrows(HttpParseException.class, () -> feed(streamingParser(100),
                head("POST /other HTTP/1.1", "Host: h", "Content-Length: 11"), 1000));
        assertEquals(413, buffered.status());
        assertEquals("body longer than 10 bytes", buffered.getMessage());

        HttpParseException chunked = assertThrows(HttpParseException.class, () -> feed(streamingParser(100),
                head("POST /up HTTP/1.1", "Host: h", "Transfer-Encoding: chunked") + "40\r\n" + "x".repeat(64)
                        + "\r\n40\r\n", 1000));
        assertEquals(413, chunked.status());
        assertEquals("chunked body longer than 100 bytes", chunked.getMessage());
    }

    @Test
    void theParserLeavesContinueToWhoeverReadsAStreamedBody() throws HttpParseException {
        HttpRequestParser parser = streamingParser(100);
        byte[] head = head("POST /up HTTP/1.1", "Host: h", "Expect: 100-continue", "Content-Length: 5")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertNotNull(parser.parse(head, 0, head.length));
        assertFalse(parser.awaitingContinue());
        assertTrue(parser.readingBody());
    }

    @Test
    void upgradeRequestsAndBodilessRequestsAreNotStreamed() throws HttpParseException {
        HttpRequestParser parser = streamingParser(100);
        byte[] upgrade = (head("POST /up HTTP/1.1", "Host: h", "Upgrade: x", "Connection: upgrade", "Content-Length: 2")
                + "ab").getBytes(StandardCharsets.ISO_8859_1);
        ParsedRequest request = parser.parse(upgrade, 0, upgrade.length);
        assertEquals("ab", new String(request.body(), StandardCharsets.ISO_8859_1));
        assertFalse(parser.streamingBody());
        byte[] empty = head("POST /up HTTP/1.1", "Host: h", "Content-Length: 0").getBytes(StandardCharsets.ISO_8859_1);
        assertNotNull(parser.parse(empty, 0, empty.length));
        assertFalse(parser.streamingBody());
    }

    @Test
    void bodyBytesWithoutASinkAreAProgrammingError() throws HttpParseException {
        HttpRequestParser parser = streamingParser(100);
        byte[] wire = (head("POST /up HTTP/1.1", "Host: h", "Content-Length: 2")).getBytes(StandardCharsets.ISO_8859_1);
        assertNotNull(parser.parse(wire, 0, wire.length));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> parser.parse(new byte[] {'a'}, 0, 1));
        assertEquals("a streamed body arrived before bodySink() named where it goes", e.getMessage());
    }
}
