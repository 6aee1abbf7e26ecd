package mummy.io.internal.http;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drives a parser exactly as the IO loop does: it keeps the unconsumed tail, appends newly read
 * bytes, and calls again while a request comes back and bytes remain.
 *
 * <p>Each call presents its bytes in the middle of a larger array whose other bytes are CR before
 * and LF after, so a parser that reads outside {@code [start, end)} gives different results. After
 * each read the tail must be shorter than the largest line limit, as the contract promises.
 */
final class Feeder {

    private static final int GUARD = 3;

    private final HttpRequestParser parser;
    private final int maxTail;
    private final List<ParsedRequest> requests = new ArrayList<>();
    private byte[] pending = new byte[0];
    private int largestTail;

    Feeder(HttpLimits limits) {
        this.parser = new HttpRequestParser(limits);
        this.maxTail = Math.max(limits.maxRequestLineLength(),
                Math.max(limits.maxHeadersLength(), limits.maxChunkLineLength())) - 1;
    }

    static Feeder whole(HttpLimits limits, byte[] input) throws HttpParseException {
        Feeder feeder = new Feeder(limits);
        feeder.feed(input, 0, input.length);
        return feeder;
    }

    static Feeder split(HttpLimits limits, byte[] input, int at) throws HttpParseException {
        Feeder feeder = new Feeder(limits);
        feeder.feed(input, 0, at);
        feeder.feed(input, at, input.length);
        return feeder;
    }

    static Feeder inPieces(HttpLimits limits, byte[] input, int pieceLength) throws HttpParseException {
        Feeder feeder = new Feeder(limits);
        for (int from = 0; from < input.length; from += pieceLength) {
            feeder.feed(input, from, Math.min(input.length, from + pieceLength));
        }
        return feeder;
    }

    /** Reads {@code bytes[from, to)} as one socket read, after the kept tail. */
    void feed(byte[] bytes, int from, int to) throws HttpParseException {
        int length = pending.length + to - from;
        byte[] buf = new byte[GUARD + length + GUARD];
        Arrays.fill(buf, 0, GUARD, (byte) '\r');
        Arrays.fill(buf, GUARD + length, buf.length, (byte) '\n');
        System.arraycopy(pending, 0, buf, GUARD, pending.length);
        System.arraycopy(bytes, from, buf, GUARD + pending.length, to - from);
        int pos = GUARD;
        int end = GUARD + length;
        while (pos < end) {
            ParsedRequest request = parser.parse(buf, pos, end);
            int used = parser.consumed();
            assertTrue(used >= 0 && used <= end - pos, "consumed " + used + " of " + (end - pos));
            pos += used;
            if (request == null) {
                break;
            }
            assertNotEquals(0, used, "a request came back without consuming a byte");
            requests.add(request);
        }
        pending = Arrays.copyOfRange(buf, pos, end);
        largestTail = Math.max(largestTail, pending.length);
        assertTrue(pending.length <= maxTail, "unconsumed tail of " + pending.length + " bytes, limit " + maxTail);
    }

    HttpRequestParser parser() {
        return parser;
    }

    List<ParsedRequest> requests() {
        return requests;
    }

    int pendingLength() {
        return pending.length;
    }

    /** The longest unconsumed tail kept after any read. */
    int largestTail() {
        return largestTail;
    }
}
