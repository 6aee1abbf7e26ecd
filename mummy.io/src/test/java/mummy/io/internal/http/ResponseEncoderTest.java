package mummy.io.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import mummy.api.HttpHeaders;
import mummy.api.Status;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {

    private static final ResponseEncoder.RequestInfo GET_11 = new ResponseEncoder.RequestInfo(false, true, false, null);

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The encoded response with the Date line (which changes every second) cut out. */
    private static String withoutDate(byte[] bytes) {
        return text(bytes).replaceAll("Date: [^\r]*\r\n", "");
    }

    @Test
    void finalResponseHasStatusLineFieldsDateLengthAndBody() {
        ResponseEncoder.Encoded encoded = ResponseEncoder.encodeFinal(200, HttpHeaders.of("Content-Type", "text/plain"),
                "Hello".getBytes(StandardCharsets.US_ASCII), GET_11);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nHello",
                withoutDate(encoded.bytes()));
        assertTrue(text(encoded.bytes()).matches("(?s).*\r\nDate: \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n.*"));
        assertFalse(encoded.close());
    }

    @Test
    void headKeepsTheLengthButSendsNoBody() {
        byte[] bytes = ResponseEncoder.encodeFinal(200, HttpHeaders.empty(), new byte[42],
                new ResponseEncoder.RequestInfo(true, true, false, null)).bytes();
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n", withoutDate(bytes));
    }

    @Test
    void noContentAndNotModifiedCarryNoBodyOrAddedLength() {
        assertEquals("HTTP/1.1 204 No Content\r\n\r\n",
                withoutDate(ResponseEncoder.encodeFinal(204, HttpHeaders.empty(), new byte[0], GET_11).bytes()));
        assertEquals("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n", withoutDate(ResponseEncoder.encodeFinal(304,
                HttpHeaders.of("ETag", "\"x\""), new byte[0], GET_11).bytes()));
    }

    @Test
    void connectionHeaderFollowsTheRequestsPersistence() {
        ResponseEncoder.Encoded closing = ResponseEncoder.encodeFinal(200, HttpHeaders.empty(), new byte[0],
                new ResponseEncoder.RequestInfo(false, false, false, null));
        assertTrue(text(closing.bytes()).contains("Connection: close\r\n"));
        assertTrue(closing.close());
        ResponseEncoder.Encoded http10 = ResponseEncoder.encodeFinal(200, HttpHeaders.empty(), new byte[0],
                new ResponseEncoder.RequestInfo(false, true, true, null));
        assertTrue(text(http10.bytes()).contains("Connection: keep-alive\r\n"));
        ResponseEncoder.Encoded handlerCloses = ResponseEncoder.encodeFinal(200, HttpHeaders.of("Connection", "close"),
                new byte[0], GET_11);
        assertTrue(handlerCloses.close());
    }

    @Test
    void theServersPersistenceDecisionReplacesTheHandlersCloseAndKeepAliveTokens() {
        ResponseEncoder.RequestInfo closing = new ResponseEncoder.RequestInfo(false, false, false, null);
        ResponseEncoder.Encoded overruled = ResponseEncoder.encodeFinal(200,
                HttpHeaders.of("Connection", "keep-alive, X-Trace"), new byte[0], closing);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close, X-Trace\r\n\r\n",
                withoutDate(overruled.bytes()));
        assertTrue(overruled.close());
        ResponseEncoder.Encoded http10 = ResponseEncoder.encodeFinal(200, HttpHeaders.of("Connection", "x-trace"),
                new byte[0], new ResponseEncoder.RequestInfo(false, true, true, null));
        assertTrue(text(http10.bytes()).contains("\r\nConnection: keep-alive, x-trace\r\n"), text(http10.bytes()));
        ResponseEncoder.Encoded kept = ResponseEncoder.encodeFinal(200, HttpHeaders.of("Connection", "keep-alive"),
                new byte[0], GET_11);
        assertFalse(text(kept.bytes()).contains("Connection"), "HTTP/1.1 persists without saying so");
        ResponseEncoder.Encoded streamClose = ResponseEncoder.encodeStreamHead(200,
                HttpHeaders.of("Connection", "Close"), ResponseEncoder.StreamFraming.CHUNKED, GET_11);
        assertTrue(streamClose.close());
        assertTrue(text(streamClose.bytes()).contains("\r\nConnection: close\r\n"));
    }

    @Test
    void aHeadStreamOverHttp10NeedNotCloseToEndItsBody() {
        ResponseEncoder.Encoded head = ResponseEncoder.encodeStreamHead(200, HttpHeaders.empty(),
                ResponseEncoder.StreamFraming.UNTIL_CLOSE, new ResponseEncoder.RequestInfo(true, true, true, null));
        assertFalse(head.close());
        assertTrue(text(head.bytes()).contains("\r\nConnection: keep-alive\r\n"));
        ResponseEncoder.Encoded get = ResponseEncoder.encodeStreamHead(200, HttpHeaders.empty(),
                ResponseEncoder.StreamFraming.UNTIL_CLOSE, new ResponseEncoder.RequestInfo(false, true, true, null));
        assertTrue(get.close(), "a GET's raw stream ends with the connection");
    }

    @Test
    void handlersMayNotContradictTheFraming() {
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.encodeFinal(200,
                HttpHeaders.of("Transfer-Encoding", "chunked"), new byte[0], GET_11));
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () ->
                ResponseEncoder.encodeFinal(200, HttpHeaders.of("Content-Length", "3"), new byte[4], GET_11));
        assertTrue(mismatch.getMessage().contains("does not match"), mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.encodeFinal(204,
                HttpHeaders.of("Content-Length", "0"), new byte[0], GET_11));
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.encodeFinal(101, HttpHeaders.empty(),
                new byte[0], GET_11));
    }

    @Test
    void compressibleBodiesAreGzippedOrDeflatedAsAccepted() throws Exception {
        byte[] body = "abc ".repeat(500).getBytes(StandardCharsets.US_ASCII);
        HttpHeaders json = HttpHeaders.of("Content-Type", "application/json");
        byte[] gzipped = ResponseEncoder.encodeFinal(200, json, body,
                new ResponseEncoder.RequestInfo(false, true, false, "gzip, deflate")).bytes();
        assertTrue(text(gzipped).contains("Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"));
        assertArrayEquals(body, new GZIPInputStream(new ByteArrayInputStream(bodyOf(gzipped))).readAllBytes());
        byte[] deflated = ResponseEncoder.encodeFinal(200, json, body,
                new ResponseEncoder.RequestInfo(false, true, false, "gzip;q=0.1, deflate")).bytes();
        assertTrue(text(deflated).contains("Content-Encoding: deflate\r\n"));
        assertArrayEquals(body, new InflaterInputStream(new ByteArrayInputStream(bodyOf(deflated))).readAllBytes());
        byte[] identity = ResponseEncoder.encodeFinal(200, json, body,
                new ResponseEncoder.RequestInfo(false, true, false, null)).bytes();
        assertTrue(text(identity).contains("Vary: Accept-Encoding\r\n"), "cacheable variants are announced");
        assertArrayEquals(body, bodyOf(identity));
        byte[] image = ResponseEncoder.encodeFinal(200, HttpHeaders.of("Content-Type", "image/png"), body,
                new ResponseEncoder.RequestInfo(false, true, false, "gzip")).bytes();
        assertFalse(text(image).contains("Content-Encoding"));
    }

    @Test
    void errorResponsesAreShortPlainTextAndClose() {
        String text = withoutDate(ResponseEncoder.encodeError(431, "Request Header Fields Too Large", true));
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 32\r\nConnection: close\r\n\r\nRequest Header Fields Too Large\n", text);
    }

    @Test
    void unknownCodesGetTheirClassReason() {
        assertEquals("Client Error", HttpStatus.reasonPhrase(499));
        assertEquals("HTTP/1.1 299 Success\r\n", text(HttpStatus.statusLine(299)));
        assertEquals("HTTP/1.1 306 Redirection\r\n", text(HttpStatus.statusLine(306)));
        assertEquals("HTTP/1.1 742 Unknown\r\n", text(HttpStatus.statusLine(742)));
    }

    @Test
    void registeredCodesGetTheRegistrysReason() {
        assertEquals("HTTP/1.1 418 I'm a teapot\r\n", text(HttpStatus.statusLine(418)));
        assertEquals("HTTP/1.1 208 Already Reported\r\n", text(HttpStatus.statusLine(208)));
        assertEquals("HTTP/1.1 226 IM Used\r\n", text(HttpStatus.statusLine(226)));
        assertEquals("HTTP/1.1 424 Failed Dependency\r\n", text(HttpStatus.statusLine(424)));
        assertEquals("HTTP/1.1 506 Variant Also Negotiates\r\n", text(HttpStatus.statusLine(506)));
        assertEquals("HTTP/1.1 507 Insufficient Storage\r\n", text(HttpStatus.statusLine(507)));
        assertEquals("HTTP/1.1 508 Loop Detected\r\n", text(HttpStatus.statusLine(508)));
        assertEquals("HTTP/1.1 510 Not Extended\r\n", text(HttpStatus.statusLine(510)));
        assertEquals("HTTP/1.1 511 Network Authentication Required\r\n", text(HttpStatus.statusLine(511)));
        for (int code = 100; code < 600; code++) {
            String expected = code == 460 ? "Checksum Mismatch" : Status.reasonPhrase(code);
            assertEquals(expected, HttpStatus.reasonPhrase(code));
            assertEquals("HTTP/1.1 " + code + " " + expected + "\r\n", text(HttpStatus.statusLine(code)));
        }
    }

    @Test
    void aHandlersTeapotGoesOutWithItsPhrase() {
        assertEquals("HTTP/1.1 418 I'm a teapot\r\nContent-Length: 5\r\n\r\nshort",
                withoutDate(ResponseEncoder.encodeFinal(Status.IM_A_TEAPOT, HttpHeaders.empty(),
                        "short".getBytes(StandardCharsets.US_ASCII), GET_11).bytes()));
    }

    private static byte[] bodyOf(byte[] response) {
        String text = text(response);
        int start = text.indexOf("\r\n\r\n") + 4;
        return java.util.Arrays.copyOfRange(response, start, response.length);
    }
}
