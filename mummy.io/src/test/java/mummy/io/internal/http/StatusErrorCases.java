package mummy.io.internal.http;

import static mummy.io.internal.http.ParserCase.head;
import static mummy.io.internal.http.ParserCase.invalid;
import static mummy.io.internal.http.ParserCase.limit;
import static mummy.io.internal.http.ValidCases.SMALL;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the parser's table that fail with a status other than 400: unsupported features
 * (501, 505, 417) and passed limits (414, 431, 413), the latter with the byte count at which the
 * failure must be raised. {@link ValidCases#SMALL} has the same limits reached exactly.
 */
final class StatusErrorCases {

    private static final String CHUNKED = head("PUT / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked");

    private StatusErrorCases() {
    }

    static List<ParserCase> all() {
        List<ParserCase> cases = new ArrayList<>(List.of(
                // RFC 9112 section 6.1: 501 for a transfer coding other than exactly one chunked
                invalid("Transfer-Encoding gzip", 501, head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: gzip")),
                invalid("Transfer-Encoding chunked twice in a list", 501,
                        head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked, chunked") + "0\r\n\r\n"),
                invalid("Transfer-Encoding chunked in two fields", 501,
                        head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked", "Transfer-Encoding: chunked")),
                invalid("Transfer-Encoding gzip then chunked", 501,
                        head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: gzip, chunked") + "0\r\n\r\n"),
                invalid("Transfer-Encoding chunked then xchunked", 501,
                        head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked, xchunked")),
                invalid("Transfer-Encoding identity", 501, head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: identity")),
                invalid("Transfer-Encoding with a parameter", 501,
                        head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked;q=1")),
                invalid("empty Transfer-Encoding", 501, head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding:")),
                // RFC 9110 section 9.3.6: CONNECT is not supported
                invalid("CONNECT", 501, head("CONNECT example.com:443 HTTP/1.1", "Host: example.com:443")),
                // RFC 9110 section 15.6.6: 505 for a major version other than 1
                invalid("HTTP/2.0", 505, head("GET / HTTP/2.0", "Host: h")),
                invalid("HTTP/3.0", 505, head("GET / HTTP/3.0", "Host: h")),
                invalid("HTTP/0.9 with its version field", 505, head("GET / HTTP/0.9")),
                // RFC 9110 section 10.1.1: 417 for an expectation other than 100-continue
                invalid("Expect other than 100-continue", 417, head("GET / HTTP/1.1", "Host: h", "Expect: something")),
                invalid("Expect list with a second expectation", 417,
                        head("PUT / HTTP/1.1", "Host: h", "Expect: 100-continue, x", "Content-Length: 1") + "x"),
                invalid("Expect other than 100-continue in HTTP/1.0", 417, head("GET / HTTP/1.0", "Expect: 200-ok"))));
        cases.addAll(limits());
        return cases;
    }

    /** Limit cases: SMALL is line 26, fields 44 bytes, 3 fields, body 10, chunk line 12. */
    private static List<ParserCase> limits() {
        String longLine = head("GET /abcdefghijk HTTP/1.1", "Host: h");
        String longTarget = head("GET /" + "a".repeat(8200) + " HTTP/1.1", "Host: h");
        String longFields = head("GET / HTTP/1.1", "Host: h", "X-A: " + "v".repeat(29));
        String manyFields = head("GET / HTTP/1.1", "Host: h", "A: 1", "B: 2", "C: 3");
        String hugeField = head("GET / HTTP/1.1", "Host: h", "X-Big: " + "b".repeat(8200));
        String hundredAndOne = hundredAndOneFields();
        String longTrailer = CHUNKED + "0\r\nT: 123\r\n\r\n";
        String manyTrailers = CHUNKED + "0\r\nT: 1\r\nU: 2\r\n\r\n";
        String largeBody = head("PUT / HTTP/1.1", "Host: h", "Content-Length: 11") + "hello world";
        String oneMiBAndOne = head("PUT / HTTP/1.1", "Host: h", "Content-Length: 1048577") + "abc";
        String thirtyDigits = head("PUT / HTTP/1.1", "Host: h", "Content-Length: " + "9".repeat(30)) + "abc";
        String largeChunked = CHUNKED + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        String longChunkLine = CHUNKED + "a;e=1234567\r\n0123456789\r\n0\r\n\r\n";
        return List.of(
                // RFC 9112 section 3: 414, known when the limit's worth of bytes holds no LF
                limit("request line one byte over its limit", 414, SMALL, longLine, longLine.indexOf('\n')),
                limit("request line over the default limit", 414, HttpLimits.defaults(), longTarget, 8192),
                // RFC 6585 section 5: 431, known as soon as the field lines or fields are too many
                limit("field lines one byte over their limit", 431, SMALL, longFields, lfAfter(longFields, "X-A")),
                limit("field lines over the default limit", 431, HttpLimits.defaults(), hugeField,
                        hugeField.indexOf("X-Big") + 8192 - "Host: h\r\n".length()),
                limit("one field over the count limit", 431, SMALL, manyFields, manyFields.indexOf("C: 3") + 1),
                limit("101 fields over the default count", 431, HttpLimits.defaults(), hundredAndOne,
                        hundredAndOne.indexOf("X-100") + 1),
                limit("trailers pass the field length limit", 431, SMALL, longTrailer, lfAfter(longTrailer, "T: 123")),
                limit("trailers pass the field count limit", 431, SMALL, manyTrailers, manyTrailers.indexOf("U: 2") + 1),
                // RFC 9110 section 15.5.14: 413, known from the head, before any body byte
                limit("Content-Length one over the body limit", 413, SMALL, largeBody, headLength(largeBody)),
                limit("Content-Length over the default body limit", 413, HttpLimits.defaults(), oneMiBAndOne,
                        headLength(oneMiBAndOne)),
                limit("Content-Length of 30 digits", 413, HttpLimits.defaults(), thirtyDigits, headLength(thirtyDigits)),
                limit("chunked body announced past the body limit", 413, SMALL, largeChunked,
                        largeChunked.indexOf("6\r\n world") + 3),
                // RFC 9112 section 7.1: a chunk-size line longer than the server accepts is malformed
                limit("chunk-size line one byte over its limit", 400, SMALL, longChunkLine, lfAfter(longChunkLine, "a;e=")));
    }

    private static String hundredAndOneFields() {
        String[] lines = new String[102];
        lines[0] = "GET / HTTP/1.1";
        lines[1] = "Host: h";
        for (int i = 1; i <= 100; i++) {
            lines[i + 1] = "X-" + i + ": " + i;
        }
        return head(lines);
    }

    /** The index of the LF ending the line that starts with {@code marker}: the line minus its LF. */
    private static int lfAfter(String input, String marker) {
        return input.indexOf('\n', input.indexOf(marker));
    }

    private static int headLength(String input) {
        return input.indexOf("\r\n\r\n") + 4;
    }
}
