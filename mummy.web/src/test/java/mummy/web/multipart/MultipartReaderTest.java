package mummy.web.multipart;

import static mummy.web.multipart.Pieces.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mummy.api.HttpHeaders;
import mummy.api.RequestBodyException;
import mummy.web.multipart.Pieces.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid bodies, each read by the streaming reader in pieces of 1, 2, 3, 7, 64 and random sizes,
 * split in two at every index, and decoded whole by {@link MultipartDecoder}: all must give the
 * same parts.
 */
class MultipartReaderTest {

    static final String FORM = "multipart/form-data; boundary=AaB03x";

    /** One valid body and the parts it holds. */
    record Case(String name, String contentType, byte[] body, List<Read> parts) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Read field(String name, String content) {
        return new Read(name, null, "text/plain", content);
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // RFC 7578 4.5's example, and 4.3's file part.
        cases.add(new Case("RFC 7578 section 4 example", FORM, latin1("--AaB03x\r\n"
                + "content-disposition: form-data; name=\"field1\"\r\n"
                + "content-type: text/plain;charset=UTF-8\r\n"
                + "content-transfer-encoding: quoted-printable\r\n\r\n"
                + "Joe owes =E2=82=AC100.\r\n"
                + "--AaB03x\r\n"
                + "Content-Disposition: form-data; name=\"pics\"; filename=\"file1.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "...contents of file1.txt...\r\n"
                + "--AaB03x--\r\n"),
                List.of(new Read("field1", null, "text/plain;charset=UTF-8", "Joe owes =E2=82=AC100."),
                        new Read("pics", "file1.txt", "text/plain", "...contents of file1.txt..."))));
        // RFC 2046 5.1.1's example: quoted boundary with a space, preamble, epilogue, a part with no headers.
        cases.add(new Case("RFC 2046 section 5.1.1 example", "multipart/mixed; boundary=\"simple boundary\"", latin1(
                "This is the preamble.  It is to be ignored, though it\r\nis a handy place for composition agents.\r\n"
                + "\r\n--simple boundary\r\n\r\n"
                + "This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak."
                + "\r\n--simple boundary\r\n"
                + "Content-type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n"
                + "\r\n--simple boundary--\r\n\r\nThis is the epilogue.  It is also to be ignored.\r\n"),
                List.of(new Read(null, null, "text/plain",
                                "This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak."),
                        new Read(null, null, "text/plain; charset=us-ascii",
                                "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n"))));
        cases.add(new Case("empty parts and an empty file", FORM, latin1("--AaB03x\r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
                + "\r\n--AaB03x\r\n"
                + "Content-Disposition: form-data; name=\"b\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "\r\n--AaB03x\r\n"
                + "Content-Disposition: form-data; name=\"c\"\r\n\r\n"
                + "--AaB03x--"),
                List.of(field("a", ""), new Read("b", "", "application/octet-stream", ""), field("c", ""))));
        cases.add(new Case("boundary text inside content without CRLF before it", FORM, latin1("--AaB03x\r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
                + "x--AaB03x\r\n--AaB03\r\n-AaB03x\r\n\r\n--AaB03xyz\r\n--AaB03x-y --AaB03x--"
                + "\r\n--AaB03x--"),
                List.of(field("a", "x--AaB03x\r\n--AaB03\r\n-AaB03x\r\n\r\n--AaB03xyz\r\n--AaB03x-y --AaB03x--"))));
        cases.add(new Case("CR, LF and CRLF at the content's edges", FORM, latin1("--AaB03x\r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
                + "\r\n\r\r\n\n\r\n"
                + "\r\n--AaB03x\r\n"
                + "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
                + "\n\r"
                + "\r\n--AaB03x--\r\n"),
                List.of(field("a", "\r\n\r\r\n\n\r\n"), field("b", "\n\r"))));
        cases.add(new Case("transport padding, preamble, epilogue, no final CRLF", FORM, latin1("preamble\r\n--AaB03x \t \r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
                + "one\r\n--AaB03x  \r\n"
                + "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
                + "two\r\n--AaB03x-- \r\nepilogue\r\n--AaB03x\r\nnot a part"),
                List.of(field("a", "one"), field("b", "two"))));
        cases.add(new Case("a part without a body section: the blank line is the delimiter's CRLF", FORM,
                latin1("--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--AaB03x\r\n"
                        + "Content-Disposition: form-data; name=\"b\"\r\n\r\n--AaB03x--"),
                List.of(field("a", ""), field("b", ""))));
        cases.add(new Case("no parts at all", FORM, latin1("--AaB03x--\r\n"), List.of()));
        cases.add(new Case("filename* is decoded and preferred; quoted-pairs; odd spacing", FORM, latin1("--AaB03x\r\n"
                + "Content-Disposition: form-data ;name=\"f\"; filename=\"fallback.txt\";"
                + " filename*=UTF-8''na%C3%AFve%20%E2%82%AC.txt\r\n\r\n"
                + "x\r\n--AaB03x\r\n"
                + "content-disposition:form-data; NAME = \"q\\\"uote\\\\d\"; filename=\"C:\\x\\a.txt\"\r\n\r\n"
                + "y\r\n--AaB03x\r\n"
                + "Content-Disposition: form-data; name=plain; filename*=\"iso-8859-1'en'caf%E9\"\r\n\r\n"
                + "z\r\n--AaB03x--"),
                List.of(new Read("f", "naïve €.txt", "text/plain", "x"),
                        new Read("q\"uote\\d", "C:\\x\\a.txt", "text/plain", "y"),
                        new Read("plain", "café", "text/plain", "z"))));
        String webkit = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
        cases.add(new Case("a browser's dashed boundary against dashed content", "multipart/form-data; boundary=" + webkit,
                latin1("--" + webkit + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
                        + "\r\n------\r\n--" + webkit.substring(0, 30) + "\r\n---" + webkit + "\r\n"
                        + "\r\n--" + webkit + "--\r\n"),
                List.of(field("a", "\r\n------\r\n--" + webkit.substring(0, 30) + "\r\n---" + webkit + "\r\n"))));
        byte[] utf8Name = ("--AaB03x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"résumé 履歴書.pdf\"\r\n\r\n"
                + "%PDF\r\n--AaB03x--").getBytes(StandardCharsets.UTF_8);
        cases.add(new Case("a raw UTF-8 file name, as browsers send it", FORM, utf8Name,
                List.of(new Read("f", "résumé 履歴書.pdf", "text/plain", "%PDF"))));
        return cases;
    }

    static Stream<Arguments> casesAndStrategies() {
        return cases().stream().flatMap(c -> Pieces.strategies().stream().map(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("casesAndStrategies")
    void readsEveryPartWhateverThePieceSizes(Case c, Pieces.Strategy strategy) throws IOException {
        MultipartReader reader = MultipartReader.of(strategy.stream().apply(c.body()), c.contentType());
        assertEquals(c.parts(), Pieces.readAll(reader));
        assertNull(reader.next(), "after the last part, next() keeps answering null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsEveryPartWhereverTheBodyIsSplit(Case c) throws IOException {
        for (int at = 0; at <= c.body().length; at++) {
            MultipartReader reader = MultipartReader.of(Pieces.splitAt(c.body(), at), c.contentType());
            assertEquals(c.parts(), Pieces.readAll(reader), "split at " + at);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bufferedDecoderAgrees(Case c) throws IOException {
        List<Read> decoded = MultipartDecoder.decode(c.body(), c.contentType()).stream().map(Read::of).toList();
        assertEquals(c.parts(), decoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void skippingPartsUnreadDrainsThem(Case c) throws IOException {
        MultipartReader reader = MultipartReader.of(Pieces.of(c.body(), () -> 3), c.contentType());
        List<String> names = new ArrayList<>();
        for (Part part = reader.next(); part != null; part = reader.next()) {
            names.add(part.name());
            if (names.size() > 100) {
                throw new AssertionError("too many parts");
            }
        }
        assertEquals(c.parts().stream().map(Read::name).toList(), names);
    }

    @Test
    void partStreamEndsOnceTheNextPartIsAsked() throws IOException {
        Case c = cases().getFirst();
        MultipartReader reader = MultipartReader.of(Pieces.of(c.body(), () -> 7), c.contentType());
        Part first = reader.next();
        assertEquals("Joe", new String(first.inputStream().readNBytes(3), StandardCharsets.US_ASCII));
        Part second = reader.next();
        assertEquals(-1, first.inputStream().read(), "the skipped rest is gone, not mixed into the next part");
        assertEquals("...contents of file1.txt...", second.text(100));
        assertNull(reader.next());
    }

    @Test
    void partFieldsKeepTheirOctetsWhileTheFileNameIsReadAsUtf8() throws IOException {
        String disposition = "form-data; name=\"f\"; filename=\"r\u00e9sum\u00e9 \u5c65\u6b74\u66f8.pdf\"";
        byte[] body = ("--AaB03x\r\nContent-Disposition: " + disposition + "\r\n\r\n%PDF\r\n--AaB03x--")
                .getBytes(StandardCharsets.UTF_8);
        String octets = new String(disposition.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Part streamed = MultipartReader.of(Pieces.of(body, () -> 5), FORM).next();
        BufferedPart buffered = MultipartDecoder.decode(body, FORM).getFirst();
        for (FormPart part : List.<FormPart>of(streamed, buffered)) {
            assertEquals("r\u00e9sum\u00e9 \u5c65\u6b74\u66f8.pdf", part.filename());
            assertEquals(octets, part.headers().get("Content-Disposition"), "as the server's request fields are");
            // What a part's fields hold passes HttpHeaders' checks, so a handler may send them on.
            HttpHeaders.Field field = part.headers().iterator().next();
            assertEquals(part.headers(), HttpHeaders.of(field.name(), field.value()));
        }
    }

    @Test
    void textUsesThePartCharset() throws IOException {
        byte[] body = ("--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\n\r\ncaf\u00e9\r\n"
                + "--AaB03x\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] rest = "caf\u00e9\r\n--AaB03x--".getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(body, body.length + rest.length);
        System.arraycopy(rest, 0, all, body.length, rest.length);
        MultipartReader reader = MultipartReader.of(Pieces.of(all, () -> 2), FORM);
        assertEquals("café", reader.next().text(10));
        assertEquals("café", reader.next().text(10), "UTF-8 when the part names no charset (RFC 7578 5.1.2)");
        List<BufferedPart> parts = MultipartDecoder.decode(all, FORM);
        assertEquals(List.of("café", "café"), parts.stream().map(BufferedPart::text).toList());
    }

    @Test
    void bufferedPartsPointIntoTheBody() throws IOException {
        byte[] body = latin1("--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhello\r\n--AaB03x--");
        BufferedPart part = MultipartDecoder.decode(body, FORM).getFirst();
        assertEquals(body, part.body(), "no copy of the body");
        assertEquals("hello", new String(body, part.offset(), part.length(), StandardCharsets.US_ASCII));
        assertEquals(5, part.buffer().remaining());
        assertEquals("hello", new String(part.inputStream().readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void saveToWritesANewFileAndLeavesNothingOnFailure(@TempDir Path dir)
            throws IOException {
        byte[] body = latin1("--AaB03x\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.txt\"\r\n\r\n"
                + "file content\r\n--AaB03x\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nno closing delimiter");
        MultipartReader reader = MultipartReader.of(Pieces.of(body, () -> 5), FORM);
        Path saved = dir.resolve("saved");
        assertEquals(12, reader.next().saveTo(saved));
        assertEquals("file content", Files.readString(saved));
        Part second = reader.next();
        assertThrows(FileAlreadyExistsException.class,
                () -> second.saveTo(saved));
        Path failed = dir.resolve("failed");
        RequestBodyException e = assertThrows(
                RequestBodyException.class, () -> second.saveTo(failed));
        assertEquals(400, e.status());
        assertFalse(Files.exists(failed), "the partial file is deleted");
    }
}
