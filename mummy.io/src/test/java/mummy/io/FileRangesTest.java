package mummy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mummy.io.internal.http.HttpDates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code respondFile} over real sockets: the whole file, byte ranges (RFC 9110 14), HEAD, large files. */
class FileRangesTest extends FileFixture {

    @Test
    void wholeFileWithValidators() throws Exception {
        RawClient.Response response = get("/static/ten.bin", "");
        assertEquals(200, response.status());
        assertArrayEquals(TEN, response.body());
        assertEquals("10000", response.header("Content-Length"));
        assertEquals("application/octet-stream", response.header("Content-Type"));
        assertEquals("bytes", response.header("Accept-Ranges"));
        assertEquals(HttpDates.format(MODIFIED.getEpochSecond()), response.header("Last-Modified"));
        assertTrue(response.header("ETag").matches("\"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+\""), response.header("ETag"));
        assertNull(response.header("Content-Encoding"), "files are never compressed");
    }

    @Test
    void textTypesCarryTheirCharsetAndHandlerFieldsAreAdded() throws Exception {
        RawClient.Response text = get("/file?name=hello.txt&cache=max-age%3D60", "Accept-Encoding: gzip\r\n");
        assertEquals("text/plain; charset=utf-8", text.header("Content-Type"));
        assertEquals("max-age=60", text.header("Cache-Control"));
        assertEquals("hello\n", text.text());
        RawClient.Response typed = get("/file?name=ten.bin&type=image/png", "");
        assertEquals("image/png", typed.header("Content-Type"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bytes=0-499             | 0    | 499
            bytes=500-999           | 500  | 999
            bytes=-500              | 9500 | 9999
            bytes=9500-             | 9500 | 9999
            bytes=500-600,601-999   | 500  | 999
            bytes=500-700,601-999   | 500  | 999
            BYTES = 0-9 ,           | 0    | 9
            bytes=9990-20000        | 9990 | 9999
            bytes=-20000            | 0    | 9999
            bytes=0-999,0-999,0-999,100-200 | 0 | 999
            """)
    void rfc9110ExamplesGiveOneRange(String range, int first, int last) throws Exception {
        RawClient.Response response = get("/static/ten.bin", "Range: " + range + "\r\n");
        assertEquals(206, response.status(), range);
        assertEquals("bytes " + first + "-" + last + "/10000", response.header("Content-Range"));
        assertEquals(Integer.toString(last - first + 1), response.header("Content-Length"));
        assertArrayEquals(slice(first, last), response.body());
    }

    @Test
    void firstAndLastBytesComeAsMultipartByteranges() throws Exception {
        RawClient.Response response = get("/static/ten.bin", "Range: bytes=0-0,-1\r\n");
        assertEquals(206, response.status());
        List<Part> parts = parseMultipart(response);
        assertEquals(2, parts.size());
        assertEquals("bytes 0-0/10000", parts.get(0).contentRange);
        assertArrayEquals(slice(0, 0), parts.get(0).body);
        assertEquals("bytes 9999-9999/10000", parts.get(1).contentRange);
        assertArrayEquals(slice(9999, 9999), parts.get(1).body);
        parts.forEach(part -> assertEquals("application/octet-stream", part.contentType));
    }

    @Test
    void multipartKeepsTheRequestedOrderAndMergesNeighbours() throws Exception {
        RawClient.Response response = get("/file?name=ten.bin&type=text/plain",
                "Range: bytes=9000-9099, 0-99, 5000-5009, 5050-5059\r\n");
        List<Part> parts = parseMultipart(response);
        assertEquals(List.of("bytes 9000-9099/10000", "bytes 0-99/10000", "bytes 5000-5059/10000"),
                parts.stream().map(part -> part.contentRange).toList());
        assertArrayEquals(slice(5000, 5059), parts.get(2).body);
        assertEquals("text/plain", parts.get(0).contentType, "the parts carry the representation's type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=10000-", "bytes=20000-30000", "bytes=-0", "bytes=10000-10001,-0"})
    void unsatisfiableRangeIs416(String range) throws Exception {
        RawClient.Response response = get("/static/ten.bin", "Range: " + range + "\r\n");
        assertEquals(416, response.status());
        assertEquals("bytes */10000", response.header("Content-Range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=500-100", "bytes=abc", "items=0-5", "bytes=", "bytes=1-2-3", "bytes=0x10-20",
            "bytes 0-5"})
    void invalidRangeIsIgnored(String range) throws Exception {
        RawClient.Response response = get("/static/ten.bin", "Range: " + range + "\r\n");
        assertEquals(200, response.status(), range);
        assertArrayEquals(TEN, response.body());
    }

    @Test
    void tooManyRangesGetTheWholeFile() throws Exception {
        StringBuilder ranges = new StringBuilder("bytes=");
        for (int i = 0; i < 33; i++) {
            ranges.append(i == 0 ? "" : ",").append(i * 200).append('-').append(i * 200);
        }
        RawClient.Response response = get("/static/ten.bin", "Range: " + ranges + "\r\n");
        assertEquals(200, response.status());
        assertArrayEquals(TEN, response.body());
    }

    @Test
    void ifRangeWithTheCurrentValidatorsSendsTheRangeElseTheWholeFile() throws Exception {
        String etag = get("/static/ten.bin", "").header("ETag");
        String date = HttpDates.format(MODIFIED.getEpochSecond());
        assertEquals(206, get("/static/ten.bin", "Range: bytes=0-9\r\nIf-Range: " + etag + "\r\n").status());
        assertEquals(206, get("/static/ten.bin", "Range: bytes=0-9\r\nIf-Range: " + date + "\r\n").status());
        for (String other : List.of("\"other\"", "W/" + etag, HttpDates.format(MODIFIED.getEpochSecond() - 1), "junk")) {
            RawClient.Response response = get("/static/ten.bin", "Range: bytes=0-9\r\nIf-Range: " + other + "\r\n");
            assertEquals(200, response.status(), other);
            assertArrayEquals(TEN, response.body(), other);
        }
    }

    @Test
    void headGetsTheHeadOfGetWithoutBodyAndIgnoresRange() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("HEAD /static/ten.bin HTTP/1.1\r\nHost: h\r\nRange: bytes=0-9\r\n\r\n"
                    + "GET /static/hello.txt HTTP/1.1\r\nHost: h\r\n\r\n");
            RawClient.Response head = client.read(true);
            assertEquals(200, head.status());
            assertEquals("10000", head.header("Content-Length"));
            assertEquals("bytes", head.header("Accept-Ranges"));
            assertEquals("hello\n", client.read().text(), "no body came between");
        }
    }

    @Test
    void pipelinedFileResponsesComeInRequestOrder() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /static/ten.bin HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /static/ten.bin HTTP/1.1\r\nHost: h\r\nRange: bytes=0-0,-1\r\n\r\n"
                    + "GET /static/nothing HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /static/hello.txt HTTP/1.1\r\nHost: h\r\n\r\n");
            assertArrayEquals(TEN, client.read().body());
            assertEquals(2, parseMultipart(client.read()).size());
            assertEquals(404, client.read().status());
            assertEquals("hello\n", client.read().text());
        }
    }

    @Test
    void emptyFileAndMissingFiles() throws Exception {
        RawClient.Response empty = get("/static/empty.txt", "Range: bytes=0-5\r\n");
        assertEquals(200, empty.status());
        assertEquals("0", empty.header("Content-Length"));
        for (String target : List.of("/file?name=missing.txt", "/file?name=sub", "/outside?name=nowhere/x")) {
            RawClient.Response response = get(target, "");
            assertEquals(404, response.status(), target);
            assertEquals("Not Found\n", response.text(), "the body never names the path");
        }
    }

    @Test
    void offsetsPastTwoAndFourGibibytesWork() throws Exception {
        long size = 5L << 30;
        long at = (4L << 30) + 5;
        byte[] marker = "past four GiB".getBytes(StandardCharsets.US_ASCII);
        sparseFile("huge.bin", size, at, marker);
        try {
            RawClient.Response head = exchange("HEAD /static/huge.bin HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(Long.toString(size), head.header("Content-Length"));
            RawClient.Response range = get("/static/huge.bin", "Range: bytes=" + at + "-" + (at + marker.length - 1) + "\r\n");
            assertEquals(206, range.status());
            assertEquals("bytes " + at + "-" + (at + marker.length - 1) + "/" + size, range.header("Content-Range"));
            assertArrayEquals(marker, range.body());
            RawClient.Response tail = get("/static/huge.bin", "Range: bytes=-3\r\n");
            assertArrayEquals(new byte[3], tail.body());
        } finally {
            java.nio.file.Files.delete(root.resolve("huge.bin"));
        }
    }

    /** One part of a multipart/byteranges body. */
    private record Part(String contentType, String contentRange, byte[] body) {
    }

    /** Parses a multipart/byteranges body (RFC 9110 14.6, RFC 2046 5.1.1) strictly: CRLFs, delimiters, close delimiter. */
    static List<Part> parseMultipart(RawClient.Response response) {
        String type = response.header("Content-Type");
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        assertEquals(Integer.toString(response.body().length), response.header("Content-Length"));
        String boundary = type.substring(type.indexOf('=') + 1);
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        assertTrue(body.startsWith(delimiter + "\r\n"), body);
        assertTrue(body.endsWith("\r\n" + delimiter + "--\r\n"), body);
        String inner = body.substring(0, body.length() - (delimiter.length() + 6)); // without CRLF "--" boundary "--" CRLF
        List<Part> parts = new ArrayList<>();
        for (String chunk : inner.split("\r\n" + delimiter + "\r\n|^" + delimiter + "\r\n", -1)) {
            if (chunk.isEmpty()) {
                continue;
            }
            int end = chunk.indexOf("\r\n\r\n");
            String type1 = null;
            String range = null;
            for (String line : chunk.substring(0, end).split("\r\n")) {
                String name = line.substring(0, line.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).strip();
                if (name.equals("content-type")) {
                    type1 = value;
                } else if (name.equals("content-range")) {
                    range = value;
                }
            }
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.writeBytes(chunk.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1));
            parts.add(new Part(type1, range, data.toByteArray()));
        }
        return parts;
    }
}
