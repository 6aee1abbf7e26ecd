package mummy.io.internal.http;

import static mummy.io.internal.http.ParserCase.head;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The parser's contract with the IO loop: consumption, pipelining, continue, idleness, failure. */
class HttpRequestParserTest {

    private final HttpRequestParser parser = new HttpRequestParser(HttpLimits.defaults());

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private ParsedRequest parse(String latin1) throws HttpParseException {
        byte[] buf = bytes(latin1);
        return parser.parse(buf, 0, buf.length);
    }

    @Test
    void pipelinedRequestsInOneBufferAreReturnedOneByOneInOrder() throws HttpParseException {
        String first = head("GET /1 HTTP/1.1", "Host: h");
        String second = head("POST /2 HTTP/1.1", "Host: h", "Content-Length: 3") + "two";
        String third = head("POST /3 HTTP/1.1", "Host: h", "Transfer-Encoding: chunked") + "5\r\nthree\r\n0\r\n\r\n";
        byte[] buf = bytes(first + second + third);
        int pos = 0;
        for (String[] expected : new String[][] {{"/1", first, ""}, {"/2", second, "two"}, {"/3", third, "three"}}) {
            ParsedRequest request = parser.parse(buf, pos, buf.length);
            assertNotNull(request);
            assertEquals(expected[0], request.path());
            assertEquals(expected[1].length(), parser.consumed());
            assertEquals(expected[2], new String(request.body(), StandardCharsets.ISO_8859_1));
            pos += parser.consumed();
        }
        assertEquals(buf.length, pos);
    }

    @Test
    void partialLineIsLeftUnconsumedAndCompleteLinesAreConsumed() throws HttpParseException {
        assertNull(parse("GET / HTTP/1.1\r\nHost: h\r\nX-Par"));
        assertEquals("GET / HTTP/1.1\r\nHost: h\r\n".length(), parser.consumed());
        assertNull(parse("X-Par"));
        assertEquals(0, parser.consumed());
        assertNotNull(parse("X-Partial: 1\r\n\r\n"));
    }

    @Test
    void bodyBytesAreConsumedAsTheyArrive() throws HttpParseException {
        assertNull(parse(head("PUT / HTTP/1.1", "Host: h", "Content-Length: 10") + "abc"));
        assertEquals(head("PUT / HTTP/1.1", "Host: h", "Content-Length: 10").length() + 3, parser.consumed());
        ParsedRequest request = parse("defghij");
        assertEquals(7, parser.consumed());
        assertArrayEquals(bytes("abcdefghij"), request.body());
    }

    @Test
    void awaitingContinueHoldsFromTheHeadUntilTheBodyIsComplete() throws HttpParseException {
        assertFalse(parser.awaitingContinue());
        assertNull(parse(head("PUT / HTTP/1.1", "Host: h", "Expect: 100-continue", "Content-Length: 4")));
        assertTrue(parser.awaitingContinue());
        assertNull(parse("ab"));
        assertTrue(parser.awaitingContinue());
        ParsedRequest request = parse("cd");
        assertTrue(request.expectContinue());
        assertFalse(parser.awaitingContinue());
    }

    @Test
    void awaitingContinueHoldsForAChunkedBodyUntilItsTrailersEnd() throws HttpParseException {
        assertNull(parse(head("PUT / HTTP/1.1", "Host: h", "Expect: 100-continue", "Transfer-Encoding: chunked")));
        assertTrue(parser.awaitingContinue());
        assertNull(parse("2\r\nab\r\n0\r\n"));
        assertTrue(parser.awaitingContinue());
        assertNotNull(parse("\r\n"));
        assertFalse(parser.awaitingContinue());
    }

    @Test
    void awaitingContinueEndsWhenTheBodyFails() {
        assertThrows(HttpParseException.class, () -> parse(head("PUT / HTTP/1.1", "Host: h", "Expect: 100-continue",
                "Transfer-Encoding: chunked") + "2\r\nabX"));
        assertFalse(parser.awaitingContinue());
    }

    @Test
    void awaitingContinueIsFalseWithoutTheExpectation() throws HttpParseException {
        assertNull(parse(head("PUT / HTTP/1.1", "Host: h", "Content-Length: 4")));
        assertFalse(parser.awaitingContinue());
    }

    @Test
    void continueRequestWithoutBodyIsCompleteAtOnce() throws HttpParseException {
        ParsedRequest request = parse(head("GET / HTTP/1.1", "Host: h", "Expect: 100-continue"));
        assertTrue(request.expectContinue());
        assertFalse(parser.awaitingContinue());
    }

    @Test
    void idleOnlyWhenNoByteOfANextRequestWasSeen() throws HttpParseException {
        assertTrue(parser.idle());
        assertNull(parse("G"));
        assertEquals(0, parser.consumed());
        assertFalse(parser.idle(), "a byte seen but not consumed");
        assertNotNull(parse(head("GET / HTTP/1.1", "Host: h")));
        assertTrue(parser.idle());
        assertNull(parse("\r\n"));
        assertEquals(2, parser.consumed());
        assertFalse(parser.idle(), "an empty line consumed");
    }

    @Test
    void notIdleWhileABodyArrives() throws HttpParseException {
        assertNull(parse(head("PUT / HTTP/1.1", "Host: h", "Content-Length: 2") + "a"));
        assertFalse(parser.idle());
        assertNull(parse(""));
        assertFalse(parser.idle());
        assertNotNull(parse("b"));
        assertTrue(parser.idle());
    }

    @Test
    void bodyOverTheLimitFailsWhenOnlyTheHeadIsPresented() throws HttpParseException {
        assertNull(parse("PUT / HTTP/1.1\r\n"));
        assertEquals("PUT / HTTP/1.1\r\n".length(), parser.consumed());
        HttpParseException e = assertThrows(HttpParseException.class,
                () -> parse("Host: h\r\nContent-Length: 1048577\r\n\r\n"));
        assertEquals(413, e.status());
    }

    @Test
    void announcedBodyIsNotAllocatedBeforeItsBytesArrive() throws HttpParseException {
        assertNull(parse(head("PUT / HTTP/1.1", "Host: h", "Content-Length: 1048576")));
        assertEquals(0, parser.bodyCapacity());
        assertNull(parse("x".repeat(100)));
        assertEquals(BodyBuffer.INITIAL_CAPACITY, parser.bodyCapacity());
    }

    @Test
    void announcedChunkIsNotAllocatedBeforeItsBytesArrive() throws HttpParseException {
        assertNull(parse(head("PUT / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked") + "100000\r\n"));
        assertEquals(0, parser.bodyCapacity());
        assertNull(parse("x"));
        assertEquals(BodyBuffer.INITIAL_CAPACITY, parser.bodyCapacity());
    }

    @Test
    void smallBodyAllocatesOnlyItsLength() throws HttpParseException {
        assertNull(parse(head("PUT / HTTP/1.1", "Host: h", "Content-Length: 10") + "a"));
        assertEquals(10, parser.bodyCapacity());
    }

    @Test
    void largeBodyGrowsInStepsToExactlyItsLengthAndIsNeverKeptByTheCaller() throws HttpParseException {
        int length = 300_000;
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) (i * 31);
        }
        byte[] head = bytes(head("PUT / HTTP/1.1", "Host: h", "Content-Length: " + length));
        byte[] input = Arrays.copyOf(head, head.length + length);
        System.arraycopy(body, 0, input, head.length, length);
        Feeder feeder = new Feeder(HttpLimits.defaults());
        for (int from = 0; from < input.length; from += 4096) {
            feeder.feed(input, from, Math.min(input.length, from + 4096));
            assertTrue(feeder.parser().bodyCapacity() <= length);
        }
        assertEquals(1, feeder.requests().size());
        assertArrayEquals(body, feeder.requests().getFirst().body());
        assertTrue(feeder.largestTail() < 64, "the caller kept " + feeder.largestTail() + " bytes");
    }

    @Test
    void unconsumedTailIsAtMostAPartialLineUnderTheLimits() throws HttpParseException {
        HttpLimits limits = new HttpLimits(64, 256, 10, 1000, 32);
        String input = head("GET /" + "p".repeat(45) + " HTTP/1.1", "Host: h", "X-Long: " + "v".repeat(200))
                + head("PUT / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked")
                + "10;e=" + "x".repeat(20) + "\r\n" + "b".repeat(16) + "\r\n0\r\n\r\n";
        Feeder feeder = Feeder.inPieces(limits, bytes(input), 5);
        assertEquals(2, feeder.requests().size());
        assertTrue(feeder.largestTail() >= 200, "the long field line was kept until complete");
        assertTrue(feeder.largestTail() < 256, "tail of " + feeder.largestTail());
    }

    @Test
    void bodyOfAReturnedRequestIsNotChangedByLaterParsing() throws HttpParseException {
        byte[] buf = bytes(head("PUT / HTTP/1.1", "Host: h", "Content-Length: 3") + "one"
                + head("PUT / HTTP/1.1", "Host: h", "Content-Length: 3") + "two");
        ParsedRequest first = parser.parse(buf, 0, buf.length);
        ParsedRequest second = parser.parse(buf, parser.consumed(), buf.length);
        Arrays.fill(buf, (byte) 'z');
        assertArrayEquals(bytes("one"), first.body());
        assertArrayEquals(bytes("two"), second.body());
    }

    @Test
    void commonMethodsAndNamesAreSharedAndAnUndecodedPathIsTheTarget() throws HttpParseException {
        ParsedRequest first = parse(head("GET /plain HTTP/1.1", "Host: h"));
        ParsedRequest second = parse(head("GET /plain HTTP/1.1", "Host: h"));
        assertSame(first.method(), second.method());
        assertSame(first.headers().name(0), second.headers().name(0));
        assertSame(first.target(), first.path());
    }

    @Test
    void parserIsDeadAfterAFailure() {
        HttpParseException e = assertThrows(HttpParseException.class, () -> parse(head("GET / HTTP/2.0", "Host: h")));
        assertEquals(505, e.status());
        assertThrows(IllegalStateException.class, () -> parse(head("GET / HTTP/1.1", "Host: h")));
    }

    @Test
    void emptyRangeNeedsMoreBytesAndARangeOutsideTheBufferIsRefused() throws HttpParseException {
        assertNull(parser.parse(new byte[4], 2, 2));
        assertEquals(0, parser.consumed());
        assertTrue(parser.idle());
        assertThrows(IndexOutOfBoundsException.class, () -> parser.parse(new byte[4], 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> parser.parse(new byte[4], 0, 5));
    }
}
