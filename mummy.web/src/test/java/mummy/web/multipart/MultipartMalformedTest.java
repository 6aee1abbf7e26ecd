package mummy.web.multipart;

import static mummy.web.multipart.Pieces.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mummy.api.RequestBodyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed bodies and bodies past a limit: each must fail with its status and a message that
 * says what is wrong, the same way through the streaming reader (in any piece sizes) and the
 * buffered decoder.
 */
class MultipartMalformedTest {

    private static final String FORM = MultipartReaderTest.FORM;
    private static final String CD = "Content-Disposition: form-data; name=\"a\"\r\n";

    /** A body that must fail. */
    record Bad(String name, String contentType, MultipartOptions options, String body, int status, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Bad bad(String name, String body, int status, String message) {
        return new Bad(name, FORM, MultipartOptions.defaults(), body, status, message);
    }

    private static Bad badType(String name, String contentType, int status, String message) {
        return new Bad(name, contentType, MultipartOptions.defaults(), "--AaB03x\r\n" + CD + "\r\nx\r\n--AaB03x--",
                status, message);
    }

    private static Bad limit(String name, MultipartOptions options, String body, String message) {
        return new Bad(name, FORM, options, body, 413, message);
    }

    static List<Bad> cases() {
        List<Bad> cases = new ArrayList<>();
        cases.add(badType("no Content-Type", null, 415, "no Content-Type"));
        cases.add(badType("not multipart", "application/x-www-form-urlencoded", 415, "not multipart/form-data"));
        cases.add(badType("no boundary parameter", "multipart/form-data", 400, "has no boundary parameter"));
        cases.add(badType("empty boundary", "multipart/form-data; boundary=\"\"", 400, "1 to 70 characters"));
        cases.add(badType("boundary of 71 characters", "multipart/form-data; boundary=" + "a".repeat(71), 400,
                "1 to 70 characters"));
        cases.add(badType("boundary ending in a space", "multipart/form-data; boundary=\"AaB03x \"", 400,
                "not allowed by RFC 2046"));
        cases.add(badType("boundary with a character outside bchars", "multipart/form-data; boundary=\"a@b\"", 400,
                "not allowed by RFC 2046"));
        cases.add(badType("malformed Content-Type", "multipart/form-data; boundary", 400, "malformed Content-Type"));
        cases.add(badType("two boundaries", "multipart/form-data; boundary=a; boundary=b", 400,
                "repeats the parameter \"boundary\""));
        cases.add(bad("empty body", "", 400, "ended before the closing boundary"));
        cases.add(bad("no delimiter at all", "just some text", 400, "ended before the closing boundary"));
        cases.add(bad("no closing delimiter before the end", "--AaB03x\r\n" + CD + "\r\ncontent", 400,
                "ended before the closing boundary"));
        cases.add(bad("the end inside the delimiter", "--AaB03x\r\n" + CD + "\r\ncontent\r\n--AaB0", 400,
                "ended before the closing boundary"));
        cases.add(bad("the end right after a delimiter", "--AaB03x\r\n" + CD + "\r\ncontent\r\n--AaB03x", 400,
                "ended right after a boundary delimiter"));
        cases.add(bad("the end after one dash of the close", "--AaB03x\r\n" + CD + "\r\nc\r\n--AaB03x-", 400,
                "ended right after a boundary delimiter"));
        cases.add(bad("the end inside the headers", "--AaB03x\r\n" + CD, 400, "ended inside a part's header block"));
        cases.add(bad("LF-only lines", "--AaB03x\n" + CD.replace("\r\n", "\n") + "\nx\n--AaB03x--\n", 400,
                "bare LF; RFC 2046 5.1.1 requires CRLF"));
        cases.add(bad("a bare LF in the headers", "--AaB03x\r\nContent-Disposition: form-data; name=a\n\r\nx\r\n--AaB03x--",
                400, "part header line ends with a bare LF"));
        cases.add(bad("a lone CR in a header", "--AaB03x\r\nContent-Disposition: form-data;\r name=a\r\n\r\nx\r\n--AaB03x--",
                400, "CR not followed by LF"));
        cases.add(bad("junk after a delimiter", "--AaB03x junk\r\n" + CD + "\r\nx\r\n--AaB03x--", 400,
                "followed by neither CRLF nor \"--\""));
        cases.add(bad("too much transport padding", "--AaB03x" + " ".repeat(65) + "\r\n" + CD + "\r\nx\r\n--AaB03x--", 400,
                "bytes of whitespace after a boundary delimiter"));
        cases.add(bad("a header line without a colon", "--AaB03x\r\n" + CD + "garbage\r\n\r\nx\r\n--AaB03x--", 400,
                "malformed part header line"));
        cases.add(bad("whitespace before the colon", "--AaB03x\r\nContent-Disposition : form-data; name=a\r\n\r\nx\r\n--AaB03x--",
                400, "malformed part header line"));
        cases.add(bad("a folded header line", "--AaB03x\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nx\r\n--AaB03x--",
                400, "folded"));
        cases.add(bad("a control character in a header", "--AaB03x\r\n" + CD + "X-A: a\u0001b\r\n\r\nx\r\n--AaB03x--",
                400, "control character"));
        cases.add(bad("no Content-Disposition", "--AaB03x\r\nContent-Type: text/plain\r\n\r\nx\r\n--AaB03x--", 400,
                "has no Content-Disposition (RFC 7578 4.2)"));
        cases.add(bad("two Content-Dispositions", "--AaB03x\r\n" + CD + CD + "\r\nx\r\n--AaB03x--", 400,
                "2 Content-Disposition fields"));
        cases.add(bad("disposition other than form-data", "--AaB03x\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--AaB03x--",
                400, "needs \"Content-Disposition: form-data; name=...\""));
        cases.add(bad("no name parameter", "--AaB03x\r\nContent-Disposition: form-data; filename=a\r\n\r\nx\r\n--AaB03x--",
                400, "needs \"Content-Disposition: form-data; name=...\""));
        cases.add(bad("a repeated name parameter", "--AaB03x\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nx\r\n--AaB03x--",
                400, "repeats the parameter \"name\""));
        cases.add(bad("an unclosed quoted-string", "--AaB03x\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--AaB03x--",
                400, "closing '\"'"));
        cases.add(bad("filename* with a bad escape", "--AaB03x\r\n" + CD.replace("\r\n", "; filename*=UTF-8''a%ZZ\r\n")
                + "\r\nx\r\n--AaB03x--", 400, "%XX escapes"));
        cases.add(bad("filename* that is not UTF-8", "--AaB03x\r\n" + CD.replace("\r\n", "; filename*=UTF-8''a%C3\r\n")
                + "\r\nx\r\n--AaB03x--", 400, "not valid UTF-8"));
        cases.add(bad("filename* in another charset", "--AaB03x\r\n" + CD.replace("\r\n", "; filename*=koi8-r''a\r\n")
                + "\r\nx\r\n--AaB03x--", 400, "must be UTF-8"));
        cases.add(bad("filename* without its quotes", "--AaB03x\r\n" + CD.replace("\r\n", "; filename*=a.txt\r\n")
                + "\r\nx\r\n--AaB03x--", 400, "RFC 8187 ext-value"));
        String three = "--AaB03x\r\n" + CD + "\r\n1\r\n--AaB03x\r\n" + CD + "\r\n2\r\n--AaB03x\r\n" + CD + "\r\n3\r\n--AaB03x--";
        cases.add(limit("more parts than maxParts", MultipartOptions.builder().maxParts(2).build(), three,
                "more than 2 parts"));
        cases.add(limit("a header block past maxHeaderBytes", MultipartOptions.builder().maxHeaderBytes(64).build(),
                "--AaB03x\r\n" + CD + "X-Long: " + "v".repeat(60) + "\r\n\r\nx\r\n--AaB03x--", "larger than 64 bytes"));
        cases.add(limit("one endless header line", MultipartOptions.builder().maxHeaderBytes(64).build(),
                "--AaB03x\r\nX-Long: " + "v".repeat(200), "larger than 64 bytes"));
        cases.add(limit("more header fields than maxHeaderCount", MultipartOptions.builder().maxHeaderCount(2).build(),
                "--AaB03x\r\n" + CD + "A: 1\r\nB: 2\r\n\r\nx\r\n--AaB03x--", "more than 2 header fields"));
        cases.add(limit("a part past maxPartSize", MultipartOptions.builder().maxPartSize(10).build(),
                "--AaB03x\r\n" + CD + "\r\n0123456789\r\n--AaB03x\r\n" + CD + "\r\n0123456789A\r\n--AaB03x--",
                "part \"a\" is larger than 10 bytes"));
        return cases;
    }

    static Stream<Arguments> casesAndStrategies() {
        return cases().stream().flatMap(c -> Pieces.strategies().stream().map(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("casesAndStrategies")
    void streamingReaderFailsWithTheStatusAndMessage(Bad c, Pieces.Strategy strategy) {
        RequestBodyException e = assertThrows(RequestBodyException.class, () -> {
            MultipartReader reader = MultipartReader.of(strategy.stream().apply(latin1(c.body())), c.contentType(),
                    c.options());
            Pieces.readAll(reader);
        });
        assertFailure(c, e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void skippingPartsFailsTheSameWay(Bad c) {
        RequestBodyException e = assertThrows(RequestBodyException.class, () -> {
            MultipartReader reader = MultipartReader.of(Pieces.of(latin1(c.body()), () -> 5), c.contentType(), c.options());
            for (int i = 0; i < 100 && reader.next() != null; i++) {
                // parts skipped unread
            }
        });
        assertFailure(c, e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bufferedDecoderFailsTheSameWay(Bad c) {
        RequestBodyException e = assertThrows(RequestBodyException.class,
                () -> MultipartDecoder.decode(latin1(c.body()), c.contentType(), c.options()));
        assertFailure(c, e);
    }

    private static void assertFailure(Bad c, RequestBodyException e) {
        assertEquals(c.status(), e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(c.message()), "message \"" + e.getMessage() + "\" should say " + c.message());
    }

    @Test
    void afterAFailureEveryCallThrowsItAgain() throws IOException {
        MultipartReader reader = MultipartReader.of(Pieces.of(latin1("--AaB03x\r\n" + CD + "\r\nunfinished"), () -> 4), FORM);
        Part part = reader.next();
        RequestBodyException first = assertThrows(RequestBodyException.class, () -> part.inputStream().readAllBytes());
        assertSame(first, assertThrows(RequestBodyException.class, reader::next));
        assertSame(first, assertThrows(RequestBodyException.class, () -> part.inputStream().read()));
    }

    @Test
    void partExactlyAtMaxPartSizeIsAccepted() throws IOException {
        String body = "--AaB03x\r\n" + CD + "\r\n0123456789\r\n--AaB03x--";
        MultipartOptions options = MultipartOptions.builder().maxPartSize(10).build();
        MultipartReader reader = MultipartReader.of(Pieces.of(latin1(body), () -> 3), FORM, options);
        assertEquals("0123456789", reader.next().text(100));
        assertEquals(10, MultipartDecoder.decode(latin1(body), FORM, options).getFirst().length());
    }

    @Test
    void textPastItsLimitIs413() throws IOException {
        MultipartReader reader = MultipartReader.of(Pieces.of(latin1("--AaB03x\r\n" + CD + "\r\n0123456789\r\n--AaB03x--"),
                () -> 64), FORM);
        RequestBodyException e = assertThrows(RequestBodyException.class, () -> reader.next().text(9));
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("longer than 9 bytes"), e.getMessage());
    }

    @Test
    void optionsOutOfRangeAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultipartOptions.builder().maxHeaderBytes(16 * 1024).bufferSize(16 * 1024).build());
        assertTrue(e.getMessage().contains("at least maxHeaderBytes + 256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultipartOptions.builder().maxParts(0).build());
        assertThrows(IllegalArgumentException.class, () -> MultipartOptions.builder().maxPartSize(-1).build());
    }
}
