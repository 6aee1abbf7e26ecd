package mummy.io.internal.http;

import static mummy.io.internal.http.ParserCase.head;
import static mummy.io.internal.http.ParserCase.invalid;

import java.util.List;

/** The rows of the parser's table that are malformed and must fail with 400 (Bad Request). */
final class SyntaxErrorCases {

    private static final String CHUNKED = head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked");

    private SyntaxErrorCases() {
    }

    static List<ParserCase> all() {
        return List.of(
                // Request line (RFC 9112 section 3)
                bad("two spaces after the method", head("GET  / HTTP/1.1", "Host: h")),
                bad("space before the method", head(" GET / HTTP/1.1", "Host: h")),
                bad("space after the version", head("GET / HTTP/1.1 ", "Host: h")),
                bad("space inside the target", head("GET /a b HTTP/1.1", "Host: h")),
                bad("tab as separator", head("GET\t/ HTTP/1.1", "Host: h")),
                bad("missing version", head("GET /", "Host: h")),
                bad("empty version", head("GET / ", "Host: h")),
                bad("method alone", head("GET", "Host: h")),
                bad("method not a token", head("G@T / HTTP/1.1", "Host: h")),
                bad("control byte in the target", head("GET /a\u0001b HTTP/1.1", "Host: h")),
                bad("non-ASCII byte in the target", head("GET /caf\u00e9 HTTP/1.1", "Host: h")),
                bad("bare LF ends the request line", "GET / HTTP/1.1\nHost: h\r\n\r\n"),
                bad("bare CR inside the request line", head("GET /\r HTTP/1.1", "Host: h")),
                bad("CR CR LF ends the request line", head("GET / HTTP/1.1\r", "Host: h")),
                bad("bare LF before the request line", "\n" + head("GET / HTTP/1.1", "Host: h")),
                bad("bare CR before the request line", "\rGET / HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad("too many empty lines before the request line",
                        "\r\n".repeat(HttpRequestParser.MAX_EMPTY_LINES + 1) + head("GET / HTTP/1.1", "Host: h")),
                // HTTP-version (RFC 9112 section 2.3)
                bad("two-digit minor version", head("GET / HTTP/1.10", "Host: h")),
                bad("lower-case protocol name", head("GET / http/1.1", "Host: h")),
                bad("version without minor", head("GET / HTTP/1", "Host: h")),
                bad("version with a trailing letter", head("GET / HTTP/1.1x", "Host: h")),
                bad("version with a letter for minor", head("GET / HTTP/1.x", "Host: h")),
                // Request target (RFC 9112 section 3.2, RFC 3986)
                bad("relative target", head("GET a/b HTTP/1.1", "Host: h")),
                bad("asterisk with GET", head("GET * HTTP/1.1", "Host: h")),
                bad("fragment in the target", head("GET /a#frag HTTP/1.1", "Host: h")),
                bad("quote in the path", head("GET /a\"b HTTP/1.1", "Host: h")),
                bad("angle bracket in the query", head("GET /a?b<c HTTP/1.1", "Host: h")),
                bad("escape with non-hex digits", head("GET /%zz HTTP/1.1", "Host: h")),
                bad("escape cut short", head("GET /a%4 HTTP/1.1", "Host: h")),
                bad("escapes that are not UTF-8", head("GET /%C3%28 HTTP/1.1", "Host: h")),
                bad("scheme other than http", head("GET ftp://h/x HTTP/1.1", "Host: h")),
                bad("absolute-form with an empty host", head("GET http:///x HTTP/1.1", "Host: h")),
                bad("absolute-form with userinfo", head("GET http://user@h/x HTTP/1.1", "Host: h")),
                // Host (RFC 9112 section 3.2)
                bad("HTTP/1.1 without Host", head("GET / HTTP/1.1", "Accept: */*")),
                bad("two Host fields", head("GET / HTTP/1.1", "Host: a", "host: a")),
                bad("space in Host", head("GET / HTTP/1.1", "Host: a b")),
                bad("letter in the Host port", head("GET / HTTP/1.1", "Host: h:8x")),
                bad("userinfo in Host", head("GET / HTTP/1.1", "Host: u@h")),
                bad("unclosed IPv6 Host", head("GET / HTTP/1.1", "Host: [::1")),
                // Field lines (RFC 9112 section 5, RFC 9110 section 5.5)
                bad("whitespace between field name and colon", head("GET / HTTP/1.1", "Host : h")),
                bad("field line without a colon", head("GET / HTTP/1.1", "Host: h", "X-A 1")),
                bad("empty field name", head("GET / HTTP/1.1", "Host: h", ": v")),
                bad("field name not a token", head("GET / HTTP/1.1", "Host: h", "X(A): 1")),
                bad("obs-fold", head("GET / HTTP/1.1", "Host: h", "X-A: 1", "  2")),
                bad("whitespace before the first field", head("GET / HTTP/1.1", " Host: h")),
                bad("NUL in a value", head("GET / HTTP/1.1", "Host: h", "X-A: a\u0000b")),
                bad("DEL in a value", head("GET / HTTP/1.1", "Host: h", "X-A: a\u007fb")),
                bad("bare CR in a value", head("GET / HTTP/1.1", "Host: h", "X-A: a\rb")),
                bad("control byte in a value", head("GET / HTTP/1.1", "Host: h", "X-A: \u0001")),
                bad("bare LF ends a field line", "GET / HTTP/1.1\r\nHost: h\n\r\n"),
                bad("bare LF ends the head", "GET / HTTP/1.1\r\nHost: h\r\n\n"),
                // Content-Length (RFC 9110 section 8.6, RFC 9112 section 6.3)
                bad("Content-Length with a plus sign", head("POST / HTTP/1.1", "Host: h", "Content-Length: +5") + "12345"),
                bad("negative Content-Length", head("POST / HTTP/1.1", "Host: h", "Content-Length: -1")),
                bad("Content-Length with inner space", head("POST / HTTP/1.1", "Host: h", "Content-Length:  5 5") + "12345"),
                bad("hex Content-Length", head("POST / HTTP/1.1", "Host: h", "Content-Length: 0x10")),
                bad("empty Content-Length", head("POST / HTTP/1.1", "Host: h", "Content-Length:")),
                bad("Content-Length with an empty list element", head("POST / HTTP/1.1", "Host: h", "Content-Length: 5,") + "12345"),
                bad("Content-Length list that differs", head("POST / HTTP/1.1", "Host: h", "Content-Length: 3, 4") + "abcd"),
                bad("Content-Length fields that differ",
                        head("POST / HTTP/1.1", "Host: h", "Content-Length: 3", "Content-Length: 4") + "abcd"),
                // Transfer-Encoding framing (RFC 9112 section 6.1)
                bad("Content-Length with Transfer-Encoding",
                        head("POST / HTTP/1.1", "Host: h", "Content-Length: 3", "Transfer-Encoding: chunked") + "3\r\nabc\r\n0\r\n\r\n"),
                bad("Transfer-Encoding in HTTP/1.0", head("POST / HTTP/1.0", "Transfer-Encoding: chunked") + "0\r\n\r\n"),
                // Chunked body (RFC 9112 section 7.1)
                bad("chunk size not hex", CHUNKED + "zz\r\nhello\r\n0\r\n\r\n"),
                bad("empty chunk size", CHUNKED + "\r\nhello\r\n0\r\n\r\n"),
                bad("chunk size of 2^63 overflows", CHUNKED + "8000000000000000\r\n"),
                bad("chunk size of 17 hex digits overflows", CHUNKED + "10000000000000000\r\n"),
                bad("whitespace after the chunk size", CHUNKED + "5 \r\nhello\r\n0\r\n\r\n"),
                bad("unterminated quoted chunk extension", CHUNKED + "5;a=\"x\r\nhello\r\n0\r\n\r\n"),
                bad("CR inside a quoted chunk extension", CHUNKED + "5;a=\"x\ry\"\r\nhello\r\n0\r\n\r\n"),
                bad("chunk extension name followed by a second word", CHUNKED + "5;a b\r\nhello\r\n0\r\n\r\n"),
                bad("empty chunk extension name", CHUNKED + "5;=x\r\nhello\r\n0\r\n\r\n"),
                bad("empty chunk extension value", CHUNKED + "5;a=\r\nhello\r\n0\r\n\r\n"),
                bad("chunk extension value not a token", CHUNKED + "5;a=b@c\r\nhello\r\n0\r\n\r\n"),
                bad("bare LF ends the chunk-size line", CHUNKED + "5\nhello\r\n0\r\n\r\n"),
                bad("chunk data not followed by CRLF", CHUNKED + "5\r\nhelloX\r\n0\r\n\r\n"),
                bad("bare LF after chunk data", CHUNKED + "5\r\nhello\n0\r\n\r\n"),
                bad("bare CR after chunk data", CHUNKED + "5\r\nhello\rX0\r\n\r\n"),
                bad("obs-fold in the trailers", CHUNKED + "0\r\nX-T: 1\r\n 2\r\n\r\n"),
                bad("trailer line without a colon", CHUNKED + "0\r\nX-T\r\n\r\n"),
                bad("bare LF ends the trailers", CHUNKED + "0\r\nX-T: 1\r\n\n"));
    }

    private static ParserCase bad(String name, String input) {
        return invalid(name, 400, input);
    }
}
