package mummy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import mummy.io.internal.http.HttpDates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conditional requests against {@code respondFile} (RFC 9110 13.1, in the order of 13.2.2), over real sockets. */
class FileConditionsTest extends FileFixture {

    private String etag;
    private String modified;
    private String earlier;
    private String later;

    @BeforeEach
    void validators() throws Exception {
        etag = get("/static/ten.bin", "").header("ETag");
        modified = HttpDates.format(MODIFIED.getEpochSecond());
        earlier = HttpDates.format(MODIFIED.getEpochSecond() - 60);
        later = HttpDates.format(MODIFIED.getEpochSecond() + 60);
    }

    private int status(String headerLines) throws Exception {
        return get("/static/ten.bin", headerLines).status();
    }

    @Test
    void ifNoneMatchWithTheCurrentTagIs304WithTheTagAndNoBody() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /file?name=ten.bin&cache=no-cache HTTP/1.1\r\nHost: h\r\nIf-None-Match: \"x\", " + etag
                    + "\r\n\r\nGET /static/hello.txt HTTP/1.1\r\nHost: h\r\n\r\n");
            RawClient.Response response = client.read();
            assertEquals(304, response.status());
            assertEquals(etag, response.header("ETag"));
            assertEquals("no-cache", response.header("Cache-Control"), "RFC 9110 15.4.5: fields a 200 would have had");
            assertNull(response.header("Content-Length"));
            assertNull(response.header("Content-Type"));
            assertEquals("hello\n", client.read().text(), "no body came between");
        }
    }

    @Test
    void ifNoneMatchComparesWeakly() throws Exception {
        assertEquals(304, status("If-None-Match: W/" + etag + "\r\n"));
        assertEquals(304, status("If-None-Match: *\r\n"));
        assertEquals(304, status("If-None-Match: \"a\"\r\nIf-None-Match: " + etag + "\r\n"));
        assertEquals(200, status("If-None-Match: \"other\"\r\n"));
        assertEquals(200, status("If-None-Match: not-a-tag\r\n"));
    }

    @Test
    void headIsAnsweredLikeGet() throws Exception {
        RawClient.Response response = exchange("HEAD /static/ten.bin HTTP/1.1\r\nHost: h\r\nIf-None-Match: " + etag
                + "\r\n\r\n");
        assertEquals(304, response.status());
    }

    @Test
    void ifModifiedSinceApplies304OnlyWithoutIfNoneMatch() throws Exception {
        assertEquals(304, status("If-Modified-Since: " + modified + "\r\n"));
        assertEquals(304, status("If-Modified-Since: " + later + "\r\n"));
        assertEquals(200, status("If-Modified-Since: " + earlier + "\r\n"));
        assertEquals(200, status("If-Modified-Since: yesterday\r\n"), "an invalid date is ignored");
        assertEquals(200, status("If-None-Match: \"other\"\r\nIf-Modified-Since: " + modified + "\r\n"),
                "If-None-Match wins over If-Modified-Since (13.2.2 step 4)");
    }

    @Test
    void obsoleteDateFormsAreAccepted() throws Exception {
        java.time.ZonedDateTime time = MODIFIED.atZone(java.time.ZoneOffset.UTC);
        String rfc850 = java.time.format.DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'",
                java.util.Locale.ENGLISH).format(time);
        String asctime = java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
                java.util.Locale.ENGLISH).format(time);
        assertEquals(304, status("If-Modified-Since: " + rfc850 + "\r\n"), rfc850);
        assertEquals(304, status("If-Modified-Since: " + asctime + "\r\n"), asctime);
    }

    @Test
    void ifMatchComparesStronglyAndFailsWith412() throws Exception {
        assertEquals(200, status("If-Match: " + etag + "\r\n"));
        assertEquals(200, status("If-Match: *\r\n"));
        assertEquals(200, status("If-Match: \"a\", " + etag + "\r\n"));
        assertEquals(412, status("If-Match: W/" + etag + "\r\n"));
        assertEquals(412, status("If-Match: \"other\"\r\n"));
        assertEquals(412, status("If-Match: garbage\r\n"));
    }

    @Test
    void ifUnmodifiedSinceFailsWith412WhenModifiedAfterIt() throws Exception {
        assertEquals(412, status("If-Unmodified-Since: " + earlier + "\r\n"));
        assertEquals(200, status("If-Unmodified-Since: " + modified + "\r\n"));
        assertEquals(200, status("If-Match: " + etag + "\r\nIf-Unmodified-Since: " + earlier + "\r\n"),
                "If-Unmodified-Since is not evaluated when If-Match is present (13.2.2 step 2)");
        assertEquals(412, status("If-Unmodified-Since: " + earlier + "\r\nIf-None-Match: " + etag + "\r\n"),
                "412 before 304 (13.2.2 steps 2 and 3)");
    }

    @Test
    void ifNoneMatchOnOtherMethodsIs412() throws Exception {
        RawClient.Response response = exchange("POST /file?name=ten.bin HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n"
                + "If-None-Match: " + etag + "\r\n\r\n");
        assertEquals(412, response.status());
        RawClient.Response plain = exchange("POST /file?name=ten.bin HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n"
                + "Range: bytes=0-9\r\n\r\n");
        assertEquals(200, plain.status(), "Range is for GET only (RFC 9110 14.2)");
        assertArrayEquals(TEN, plain.body());
    }

    @Test
    void preconditionsComeBeforeRange() throws Exception {
        assertEquals(304, status("If-None-Match: " + etag + "\r\nRange: bytes=0-9\r\n"));
        assertEquals(412, status("If-Match: \"other\"\r\nRange: bytes=0-9\r\n"));
        for (String tag : List.of(etag)) {
            assertEquals(206, status("If-Match: " + tag + "\r\nRange: bytes=0-9\r\n"));
        }
    }
}
