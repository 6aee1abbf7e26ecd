package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import mummy.io.Server;
import mummy.testing.TestResponse;
import mummy.web.tus.CompletedUpload;
import mummy.web.tus.TusUploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of tus 1.0.0 (core, creation, termination, checksum, expiration) and the limits of
 * {@link TusUploads} through {@link TusServer}'s sockets.
 */
class TusProtocolTest {

    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);
    /** RFC 9110 section 5.6.7, IMF-fixdate. */
    private static final String IMF_FIXDATE = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
            + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT";

    @TempDir
    Path directory;

    private final List<CompletedUpload> completed = new CopyOnWriteArrayList<>();
    private Server server;
    private TusClient tus;

    @BeforeEach
    void start() {
        server = Server.builder().handler(TusServer.router(TusServer.uploads(directory, completed::add))).build();
        tus = new TusClient(server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort());
    }

    @AfterEach
    void stop() {
        tus.close();
        server.close();
    }

    @Test
    void optionsAnnouncesVersionExtensionsTheDefaultMaxSizeAndChecksumAlgorithms() throws Exception {
        for (String path : List.of("/files/", "/files", tus.create(5))) {
            TestResponse response = tus.sendWithout("OPTIONS", path, null);
            assertEquals(204, response.status(), path);
            assertEquals("1.0.0", header(response, "Tus-Version"));
            assertEquals("1.0.0", header(response, "Tus-Resumable"));
            assertEquals("creation,termination,checksum,expiration", header(response, "Tus-Extension"));
            assertEquals("1073741824", header(response, "Tus-Max-Size"));
            assertEquals("sha1,sha256", header(response, "Tus-Checksum-Algorithm"));
        }
    }

    @ParameterizedTest
    @CsvSource({"POST,/files/,", "HEAD,@,", "PATCH,@,", "DELETE,@,", "HEAD,@,0.2.2", "PATCH,@,1.0"})
    void requestsWithoutTusResumable100Get412WithTusVersionAndChangeNothing(String method, String path,
            String version) throws Exception {
        String upload = tus.create(5);
        String target = path.equals("@") ? upload : path;
        String[] headers = version == null ? new String[] {"Content-Type", TusClient.OCTETS, "Upload-Offset", "0"}
                : new String[] {"Tus-Resumable", version, "Content-Type", TusClient.OCTETS, "Upload-Offset", "0"};
        TestResponse response = tus.sendWithout(method, target, method.equals("PATCH") ? HELLO : null, headers);
        assertEquals(412, response.status());
        assertEquals("1.0.0", header(response, "Tus-Version"));
        assertEquals("1.0.0", header(response, "Tus-Resumable"));
        assertEquals("0", header(tus.head(upload), "Upload-Offset"), "not processed");
        try (var files = Files.list(directory)) {
            assertEquals(2, files.count(), "one upload: data and info");
        }
    }

    @Test
    void creationAnswers201WithAFreshUnguessableLocation() throws Exception {
        TestResponse response = tus.send("POST", "/files/", null, "Upload-Length", "11");
        assertEquals(201, response.status());
        assertEquals("1.0.0", header(response, "Tus-Resumable"));
        String location = header(response, "Location");
        assertTrue(location.matches("/files/[0-9a-f]{32}"), location);
        assertNotEquals(location, tus.create(11), "every upload gets its own 128-bit id");
        assertEquals(201, tus.send("POST", "/files", null, "Upload-Length", "0").status(), "without the slash too");
    }

    @Test
    void headReportsOffsetLengthMetadataAndForbidsCaching() throws Exception {
        String metadata = "filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential";
        String upload = tus.create(11, "Upload-Metadata", metadata);
        assertEquals(204, tus.patch(upload, 0, "hello".getBytes(StandardCharsets.US_ASCII)).status());
        TestResponse head = tus.head(upload);
        assertEquals(200, head.status());
        assertEquals("5", header(head, "Upload-Offset"));
        assertEquals("11", header(head, "Upload-Length"));
        assertEquals(metadata, header(head, "Upload-Metadata"));
        assertEquals("no-store", header(head, "Cache-Control"));
        assertEquals("1.0.0", header(head, "Tus-Resumable"));
        assertNull(tus.head(tus.create(3)).header("Upload-Metadata"), "none given");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Upload-Metadata|x|400|Upload-Length is required",
        "Upload-Length|-1|400|Upload-Length must be a non-negative integer",
        "Upload-Length|+5|400|Upload-Length must be a non-negative integer",
        "Upload-Length|5 6|400|Upload-Length must be a non-negative integer",
        "Upload-Length|99999999999999999999|400|Upload-Length must be a non-negative integer",
        "Upload-Defer-Length|1|400|Upload-Defer-Length is not supported",
    })
    void creationRefusesMissingMalformedAndOversizedLengths(String name, String value, int status, String message)
            throws Exception {
        TestResponse response = tus.send("POST", "/files/", null, name, value);
        assertEquals(status, response.status(), response.text());
        assertTrue(response.text().startsWith(message), response.text());
        assertEquals("1.0.0", header(response, "Tus-Resumable"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "filename|Upload-Metadata value of \"filename\" is not Base64",
        "a YQ==,,b|Upload-Metadata has an empty pair",
        "a YQ==,a YQ==|Upload-Metadata key \"a\" appears twice",
        "a Y Q==|Upload-Metadata value of \"a\" has a space",
    })
    void creationRefusesMalformedMetadata(String metadata, String message) throws Exception {
        TestResponse response = tus.send("POST", "/files/", null, "Upload-Length", "5",
                "Upload-Metadata", metadata.equals("filename") ? "filename not*base64" : metadata);
        assertEquals(400, response.status());
        assertTrue(response.text().startsWith(message), response.text());
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count(), "nothing created");
        }
    }

    @Test
    void patchesAppendAtTheOffsetAndTheLastOneCompletesTheUpload() throws Exception {
        String upload = tus.create(11, "Upload-Metadata", "filename aGVsbG8udHh0");
        TestResponse first = tus.patch(upload, 0, "hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(204, first.status());
        assertEquals("5", header(first, "Upload-Offset"));
        assertEquals("1.0.0", header(first, "Tus-Resumable"));
        assertTrue(completed.isEmpty());
        TestResponse second = tus.patch(upload, 5, " world".getBytes(StandardCharsets.US_ASCII));
        assertEquals("11", header(second, "Upload-Offset"));
        assertEquals(1, completed.size(), "the callback ran before the 204");
        CompletedUpload done = completed.getFirst();
        assertEquals(upload, "/files/" + done.id());
        assertEquals(11, done.length());
        assertEquals("hello.txt", done.metadata().text("filename"));
        assertEquals("hello world", Files.readString(done.file(), StandardCharsets.US_ASCII));
        assertEquals(204, tus.patch(upload, 11, new byte[0]).status(), "an empty PATCH at the end is fine");
        assertEquals(1, completed.size(), "and completes nothing twice");
    }

    @Test
    void aPatchAtAnotherOffsetGets409AndChangesNothing() throws Exception {
        String upload = tus.create(11);
        assertEquals(204, tus.patch(upload, 0, "hello".getBytes(StandardCharsets.US_ASCII)).status());
        for (long offset : new long[] {0, 4, 6, 11}) {
            TestResponse response = tus.patch(upload, offset, " world".getBytes(StandardCharsets.US_ASCII));
            assertEquals(409, response.status());
            assertEquals("Upload-Offset is " + offset + " but the upload is at 5", response.text());
        }
        assertEquals("5", header(tus.head(upload), "Upload-Offset"));
    }

    @ParameterizedTest
    @CsvSource({"application/octet-stream", "text/plain", "application/offset+octet-streams"})
    void aPatchOfAnotherContentTypeGets415(String type) throws Exception {
        String upload = tus.create(11);
        TestResponse response = tus.send("PATCH", upload, HELLO, "Content-Type", type, "Upload-Offset", "0");
        assertEquals(415, response.status());
        assertEquals(415, tus.send("PATCH", upload, HELLO, "Upload-Offset", "0").status(), "or none");
        assertEquals("0", header(tus.head(upload), "Upload-Offset"));
    }

    @Test
    void aPatchWithoutOrWithAMalformedOffsetGets400() throws Exception {
        String upload = tus.create(11);
        assertEquals(400, tus.send("PATCH", upload, HELLO, "Content-Type", TusClient.OCTETS).status());
        assertEquals(400, tus.send("PATCH", upload, HELLO, "Content-Type", TusClient.OCTETS,
                "Upload-Offset", "-0").status());
    }

    @Test
    void aPatchPastUploadLengthGets413AndKeepsNothingOfIt() throws Exception {
        String upload = tus.create(10);
        assertEquals(204, tus.patch(upload, 0, "hello".getBytes(StandardCharsets.US_ASCII)).status());
        TestResponse response = tus.patch(upload, 5, " world".getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, response.status());
        assertEquals("5", header(tus.head(upload), "Upload-Offset"));
        assertTrue(completed.isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"sha1,SHA-1", "sha256,SHA-256"})
    void aMatchingChecksumStoresTheChunkAndAMismatchGets460AndDiscardsIt(String algorithm, String jdkName)
            throws Exception {
        String upload = tus.create(22);
        TestResponse good = tus.patch(upload, 0, HELLO, "Upload-Checksum",
                TusClient.checksum(algorithm, jdkName, HELLO));
        assertEquals(204, good.status());
        assertEquals("11", header(good, "Upload-Offset"));
        byte[] other = "hello World".getBytes(StandardCharsets.US_ASCII);
        TestResponse bad = tus.patch(upload, 11, other, "Upload-Checksum",
                TusClient.checksum(algorithm, jdkName, HELLO));
        assertEquals(460, bad.status());
        assertEquals("Checksum Mismatch", bad.text());
        assertEquals("1.0.0", header(bad, "Tus-Resumable"));
        assertEquals("11", header(tus.head(upload), "Upload-Offset"), "the chunk was discarded");
        assertEquals(204, tus.patch(upload, 11, other, "Upload-Checksum",
                TusClient.checksum(algorithm, jdkName, other)).status(), "the same chunk again, right this time");
        assertEquals("hello worldhello World", Files.readString(completed.getFirst().file(), StandardCharsets.US_ASCII));
    }

    @Test
    void theSpecificationsChecksumExampleIsAccepted() throws Exception {
        String upload = tus.create(11);
        assertEquals(204, tus.patch(upload, 0, HELLO, "Upload-Checksum", "sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=")
                .status());
    }

    @ParameterizedTest
    @CsvSource({"'md5 XrY7u+Ae7tCTyyK7j1rNww=='", "'crc32 DUoRhQ=='", "'sha1'", "'sha1 ***'"})
    void anUnsupportedOrMalformedChecksumGets400AndStoresNothing(String checksum) throws Exception {
        String upload = tus.create(11);
        TestResponse response = tus.patch(upload, 0, HELLO, "Upload-Checksum", checksum);
        assertEquals(400, response.status(), response.text());
        assertEquals("0", header(tus.head(upload), "Upload-Offset"));
    }

    @Test
    void deleteTerminatesTheUploadAndRemovesItsFiles() throws Exception {
        String upload = tus.create(11);
        assertEquals(204, tus.patch(upload, 0, "hello".getBytes(StandardCharsets.US_ASCII)).status());
        TestResponse response = tus.send("DELETE", upload, null);
        assertEquals(204, response.status());
        assertEquals("1.0.0", header(response, "Tus-Resumable"));
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
        assertEquals(404, tus.head(upload).status());
        assertEquals(404, tus.patch(upload, 5, HELLO).status());
        assertEquals(404, tus.send("DELETE", upload, null).status());
    }

    @Test
    void xHttpMethodOverrideIsTheMethod() throws Exception {
        String upload = tus.create(11);
        TestResponse response = tus.send("POST", upload, HELLO, "X-HTTP-Method-Override", "PATCH",
                "Content-Type", TusClient.OCTETS, "Upload-Offset", "0");
        assertEquals(204, response.status());
        assertEquals("11", header(response, "Upload-Offset"));
        assertEquals(204, tus.send("POST", upload, null, "X-HTTP-Method-Override", "DELETE").status());
        assertEquals(404, tus.head(upload).status());
    }

    @Test
    void creationPatchAndHeadAnswerAWellFormedUploadExpiresADayAhead() throws Exception {
        Instant before = Instant.now();
        TestResponse created = tus.send("POST", "/files/", null, "Upload-Length", "11");
        String upload = header(created, "Location");
        TestResponse patched = tus.patch(upload, 0, "hello".getBytes(StandardCharsets.US_ASCII));
        TestResponse head = tus.head(upload);
        Instant after = Instant.now();
        for (var answer : java.util.Map.of("POST", created, "PATCH", patched, "HEAD", head).entrySet()) {
            String expires = header(answer.getValue(), "Upload-Expires");
            assertTrue(expires != null && expires.matches(IMF_FIXDATE), answer.getKey() + ": " + expires);
            Instant time = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            assertTrue(!time.isBefore(before.plus(Duration.ofHours(24)).minusSeconds(1))
                    && !time.isAfter(after.plus(Duration.ofHours(24))), expires);
        }
        TestResponse last = tus.patch(upload, 5, " world".getBytes(StandardCharsets.US_ASCII));
        assertEquals("11", header(last, "Upload-Offset"));
        assertNull(last.header("Upload-Expires"), "complete: it no longer expires");
    }

    @Test
    void anUploadLengthOverTheDefaultMaximumGets413AndCreatesNothing() throws Exception {
        TestResponse response = tus.send("POST", "/files/", null, "Upload-Length", "1073741825");
        assertEquals(413, response.status());
        assertEquals("Upload-Length 1073741825 is over Tus-Max-Size 1073741824", response.text());
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anUploadIdleForLongerThanExpireAfterAnswers410ThenIsGone() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-06-01T12:00:00Z"));
        TusUploads uploads = TusUploads.builder().directory(directory.resolve("expiring"))
                .expireAfter(Duration.ofHours(1)).clock(now::get).build();
        try (Server expiring = Server.builder().handler(TusServer.router(uploads)).build();
                TusClient client = new TusClient(expiring.start(new InetSocketAddress("127.0.0.1", 0)).getFirst()
                        .getPort())) {
            TestResponse created = client.send("POST", "/files/", null, "Upload-Length", "11");
            assertEquals("Sun, 01 Jun 2025 13:00:00 GMT", header(created, "Upload-Expires"));
            String upload = header(created, "Location");
            now.set(now.get().plusSeconds(3600));
            assertEquals(410, client.patch(upload, 0, HELLO).status());
            assertEquals(404, client.head(upload).status());
            try (var files = Files.list(uploads.directory())) {
                assertEquals(0, files.count(), "its files are deleted");
            }
        }
    }

    @Test
    void pastMaxUploadsUnfinishedUploadsACreationGets503WithRetryAfter() throws Exception {
        TusUploads uploads = TusUploads.builder().directory(directory.resolve("limited")).maxUploads(2).build();
        try (Server limited = Server.builder().handler(TusServer.router(uploads)).build();
                TusClient client = new TusClient(limited.start(new InetSocketAddress("127.0.0.1", 0)).getFirst()
                        .getPort())) {
            String first = client.create(5);
            client.create(5);
            TestResponse refused = client.send("POST", "/files/", null, "Upload-Length", "5");
            assertEquals(503, refused.status());
            assertEquals("60", header(refused, "Retry-After"));
            assertEquals("1.0.0", header(refused, "Tus-Resumable"));
            assertEquals(204, client.send("DELETE", first, null).status());
            assertEquals(201, client.send("POST", "/files/", null, "Upload-Length", "5").status(),
                    "a terminated upload made room");
        }
    }

    private static String header(TestResponse response, String name) {
        return response.header(name);
    }
}
