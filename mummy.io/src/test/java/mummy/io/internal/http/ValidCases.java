package mummy.io.internal.http;

import static mummy.io.internal.http.ExpectedRequest.get;
import static mummy.io.internal.http.ExpectedRequest.request;
import static mummy.io.internal.http.ParserCase.head;
import static mummy.io.internal.http.ParserCase.valid;

import java.util.List;

/** The valid rows of the parser's table: inputs and the requests they give. */
final class ValidCases {

    /** Small limits, each reached exactly by one of the boundary cases. */
    static final HttpLimits SMALL = new HttpLimits(26, 44, 3, 10, 12);

    private ValidCases() {
    }

    static List<ParserCase> all() {
        return List.of(
                // Request line and target forms (RFC 9112 sections 3, 3.2)
                valid("simple GET", head("GET / HTTP/1.1", "Host: example.com"),
                        get("/").header("Host", "example.com")),
                valid("origin-form path and query, query escapes kept as sent",
                        head("GET /a/b.txt?x=1&y=%zz+z HTTP/1.1", "Host: h"),
                        get("/a/b.txt?x=1&y=%zz+z").path("/a/b.txt").query("x=1&y=%zz+z").header("Host", "h")),
                valid("question mark with an empty query", head("GET /p? HTTP/1.1", "Host: h"),
                        get("/p?").path("/p").query("").header("Host", "h")),
                valid("query holding slash and question mark", head("GET /s?a=/b?c HTTP/1.1", "Host: h"),
                        get("/s?a=/b?c").path("/s").query("a=/b?c").header("Host", "h")),
                valid("path percent-decoded as UTF-8, either hex case",
                        head("GET /caf%C3%a9/%41%2fb HTTP/1.1", "Host: h"),
                        get("/caf%C3%a9/%41%2fb").path("/caf\u00e9/A/b").header("Host", "h")),
                valid("path with sub-delims, colon and at sign", head("GET /a;b=c,d/@x:y!$&'()*+~ HTTP/1.1", "Host: h"),
                        get("/a;b=c,d/@x:y!$&'()*+~").path("/a;b=c,d/@x:y!$&'()*+~").header("Host", "h")),
                valid("absolute-form with port, path and query",
                        head("GET http://example.com:8080/a/%62?c=d HTTP/1.1", "Host: other"),
                        get("http://example.com:8080/a/%62?c=d").path("/a/b").query("c=d").header("Host", "other")),
                valid("absolute-form without a path has path /", head("GET http://example.com HTTP/1.1", "Host: h"),
                        get("http://example.com").path("/").header("Host", "h")),
                valid("absolute-form with upper-case https scheme, IPv6 host and only a query",
                        head("GET HTTPS://[::1]:8443?q HTTP/1.1", "Host: h"),
                        get("HTTPS://[::1]:8443?q").path("/").query("q").header("Host", "h")),
                valid("asterisk-form with OPTIONS", head("OPTIONS * HTTP/1.1", "Host: h"),
                        request("OPTIONS", "*").path("*").header("Host", "h")),
                valid("unknown and lower-case methods are tokens kept as sent",
                        head("M-SEARCH / HTTP/1.1", "Host: h") + head("get / HTTP/1.1", "Host: h"),
                        request("M-SEARCH", "/").header("Host", "h"), request("get", "/").header("Host", "h")),
                valid("common methods", head("POST / HTTP/1.1", "Host: h") + head("PUT / HTTP/1.1", "Host: h")
                                + head("DELETE / HTTP/1.1", "Host: h") + head("HEAD / HTTP/1.1", "Host: h"),
                        request("POST", "/").header("Host", "h"), request("PUT", "/").header("Host", "h"),
                        request("DELETE", "/").header("Host", "h"), request("HEAD", "/").header("Host", "h")),
                valid("empty lines before the request line are skipped",
                        "\r\n\r\n" + head("GET / HTTP/1.1", "Host: h"), get("/").header("Host", "h")),
                // Versions and persistence (RFC 9112 sections 2.3, 9.3)
                valid("HTTP/1.0 needs no Host and closes", head("GET /old HTTP/1.0"), get("/old").http10()),
                valid("HTTP/1.0 with Connection keep-alive persists", head("GET / HTTP/1.0", "Connection: Keep-Alive"),
                        get("/").http10().header("Connection", "Keep-Alive").keepAlive(true)),
                valid("HTTP/1.1 with Connection close does not persist", head("GET / HTTP/1.1", "Host: h", "Connection: close"),
                        get("/").header("Host", "h").header("Connection", "close").keepAlive(false)),
                valid("close found in any case in a Connection list",
                        head("GET / HTTP/1.1", "Host: h", "Connection: upgrade,, CLOSE "),
                        get("/").header("Host", "h").header("Connection", "upgrade,, CLOSE").keepAlive(false)),
                valid("HTTP/1.1 persists with other Connection options",
                        head("GET / HTTP/1.1", "Host: h", "Connection: keep-alive, closed"),
                        get("/").header("Host", "h").header("Connection", "keep-alive, closed")),
                valid("HTTP/1.2 is treated as HTTP/1.1", head("GET / HTTP/1.2", "Host: h"), get("/").header("Host", "h")),
                // Field lines (RFC 9112 section 5, RFC 9110 section 5)
                valid("values trimmed of OWS, order, spelling and repeats kept",
                        head("GET / HTTP/1.1", "Host: h", "X-A:  1 \t", "x-a:2", "X-Empty:", "X-Blank: \t ",
                                "X-Inner: a \t b", "X-Sym: \"q\" (c) <d>"),
                        get("/").header("Host", "h").header("X-A", "1").header("x-a", "2").header("X-Empty", "")
                                .header("X-Blank", "").header("X-Inner", "a \t b").header("X-Sym", "\"q\" (c) <d>")),
                valid("obs-text kept in a value as ISO-8859-1", head("GET / HTTP/1.1", "Host: h", "X-Name: caf\u00e9\u00ff"),
                        get("/").header("Host", "h").header("X-Name", "caf\u00e9\u00ff")),
                valid("field name with every tchar", head("GET / HTTP/1.1", "Host: h", "!#$%&'*+-.^_`|~09Az: v"),
                        get("/").header("Host", "h").header("!#$%&'*+-.^_`|~09Az", "v")),
                valid("IPv6 Host with port", head("GET / HTTP/1.1", "Host: [::1]:8080"), get("/").header("Host", "[::1]:8080")),
                valid("empty Host is allowed", head("GET / HTTP/1.1", "Host:"), get("/").header("Host", "")),
                valid("Host with a percent-escape and an empty port", head("GET / HTTP/1.1", "Host: ex%41mple.com:"),
                        get("/").header("Host", "ex%41mple.com:")),
                // Content-Length bodies (RFC 9112 section 6.3, RFC 9110 section 8.6)
                valid("Content-Length body", head("POST /f HTTP/1.1", "Host: h", "Content-Length: 5") + "hello",
                        request("POST", "/f").header("Host", "h").header("Content-Length", "5").body("hello")),
                valid("Content-Length 0 has an empty body", head("POST / HTTP/1.1", "Host: h", "Content-Length: 0"),
                        request("POST", "/").header("Host", "h").header("Content-Length", "0")),
                valid("Content-Length with OWS", head("POST / HTTP/1.1", "Host: h", "Content-Length: \t 3 ") + "abc",
                        request("POST", "/").header("Host", "h").header("Content-Length", "3").body("abc")),
                valid("identical Content-Length fields", head("POST / HTTP/1.1", "Host: h", "Content-Length: 3",
                                "content-length: 3") + "abc",
                        request("POST", "/").header("Host", "h").header("Content-Length", "3")
                                .header("content-length", "3").body("abc")),
                valid("identical Content-Length list, leading zeros", head("POST / HTTP/1.1", "Host: h",
                                "Content-Length: 3, 003") + "abc",
                        request("POST", "/").header("Host", "h").header("Content-Length", "3, 003").body("abc")),
                valid("binary body with CRLF, NUL and high bytes",
                        head("PUT /b HTTP/1.1", "Host: h", "Content-Length: 8") + "\r\n\u0000\u00ff\r\n\r\n",
                        request("PUT", "/b").header("Host", "h").header("Content-Length", "8")
                                .body("\r\n\u0000\u00ff\r\n\r\n")),
                valid("POST without Content-Length has no body", head("POST / HTTP/1.1", "Host: h"),
                        request("POST", "/").header("Host", "h")),
                // Chunked bodies (RFC 9112 section 7.1)
                valid("chunked body", head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked")
                                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
                        request("POST", "/").header("Host", "h").header("Transfer-Encoding", "chunked").body("hello world")),
                valid("chunked coding in any case, with OWS and an empty list element",
                        head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding:  Chunked ,") + "1\r\nx\r\n0\r\n\r\n",
                        request("POST", "/").header("Host", "h").header("Transfer-Encoding", "Chunked ,").body("x")),
                valid("hex chunk sizes in either case with leading zeros",
                        head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked")
                                + "000A\r\n0123456789\r\na\r\nabcdefghij\r\n1f\r\n" + "z".repeat(31) + "\r\n00\r\n\r\n",
                        request("POST", "/").header("Host", "h").header("Transfer-Encoding", "chunked")
                                .body("0123456789abcdefghij" + "z".repeat(31))),
                valid("chunk extensions are parsed and ignored",
                        head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked")
                                + "5 ; name = value ;flag\t;q=\"a \\\" ;\u00e9\"\r\nhello\r\n0;last\r\n\r\n",
                        request("POST", "/").header("Host", "h").header("Transfer-Encoding", "chunked").body("hello")),
                valid("trailer fields kept apart from the headers",
                        head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked")
                                + "3\r\nabc\r\n0\r\nX-Checksum: 123\r\nx-more:  d \r\n\r\n",
                        request("POST", "/").header("Host", "h").header("Transfer-Encoding", "chunked").body("abc")
                                .trailer("X-Checksum", "123").trailer("x-more", "d")),
                valid("empty chunked body", head("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked") + "0\r\n\r\n",
                        request("POST", "/").header("Host", "h").header("Transfer-Encoding", "chunked")),
                // Expect (RFC 9110 section 10.1.1)
                valid("Expect 100-continue", head("PUT / HTTP/1.1", "Host: h", "Expect: 100-continue",
                                "Content-Length: 2") + "ok",
                        request("PUT", "/").header("Host", "h").header("Expect", "100-continue")
                                .header("Content-Length", "2").body("ok").expectContinue()),
                valid("Expect 100-continue in any case", head("GET / HTTP/1.1", "Host: h", "Expect: 100-CONTINUE"),
                        get("/").header("Host", "h").header("Expect", "100-CONTINUE").expectContinue()),
                valid("Expect 100-continue is ignored in HTTP/1.0", head("GET / HTTP/1.0", "Expect: 100-continue"),
                        get("/").http10().header("Expect", "100-continue")),
                // Pipelining
                valid("pipelined requests come back in order",
                        head("GET /1 HTTP/1.1", "Host: h")
                                + head("POST /2 HTTP/1.1", "Host: h", "Content-Length: 3") + "two"
                                + head("POST /3 HTTP/1.1", "Host: h", "Transfer-Encoding: chunked") + "5\r\nthree\r\n0\r\n\r\n"
                                + head("GET /4 HTTP/1.0"),
                        get("/1").header("Host", "h"),
                        request("POST", "/2").header("Host", "h").header("Content-Length", "3").body("two"),
                        request("POST", "/3").header("Host", "h").header("Transfer-Encoding", "chunked").body("three"),
                        get("/4").http10()),
                // Limits reached exactly (SMALL: line 26, fields 40 bytes, 3 fields, body 10, chunk line 12)
                valid("request line exactly at its limit", SMALL, head("GET /abcdefghij HTTP/1.1", "Host: h"),
                        get("/abcdefghij").header("Host", "h")),
                valid("field lines exactly at their length limit", SMALL,
                        head("GET / HTTP/1.1", "Host: h", "X-A: " + "v".repeat(28)),
                        get("/").header("Host", "h").header("X-A", "v".repeat(28))),
                valid("field count exactly at its limit", SMALL, head("GET / HTTP/1.1", "Host: h", "A: 1", "B: 2"),
                        get("/").header("Host", "h").header("A", "1").header("B", "2")),
                valid("Content-Length body exactly at the body limit", SMALL,
                        head("PUT / HTTP/1.1", "Host: h", "Content-Length: 10") + "0123456789",
                        request("PUT", "/").header("Host", "h").header("Content-Length", "10").body("0123456789")),
                valid("chunked body and chunk-size line exactly at their limits", SMALL,
                        head("PUT / HTTP/1.1", "Host: h", "Transfer-encoding: chunked")
                                + "4;e=123456\r\n0123\r\n6\r\n456789\r\n0\r\n\r\n",
                        request("PUT", "/").header("Host", "h").header("Transfer-encoding", "chunked").body("0123456789")),
                valid("limits and empty lines count afresh for each pipelined request", SMALL,
                        "\r\n".repeat(10) + head("GET /1 HTTP/1.1", "Host: h", "A: 1", "B: " + "2".repeat(24))
                                + "\r\n".repeat(10) + head("GET /2 HTTP/1.1", "Host: h", "A: 1", "B: " + "2".repeat(24)),
                        get("/1").header("Host", "h").header("A", "1").header("B", "2".repeat(24)),
                        get("/2").header("Host", "h").header("A", "1").header("B", "2".repeat(24))),
                valid("headers and trailers together exactly at the field count and length limits", SMALL,
                        head("PUT / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked") + "0\r\nT: 12\r\n\r\n",
                        request("PUT", "/").header("Host", "h").header("Transfer-Encoding", "chunked").trailer("T", "12")));
    }
}
