package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import mummy.api.RequestBodyException;
import mummy.api.Router;
import mummy.web.multipart.MultipartOptions;
import mummy.web.multipart.MultipartReader;
import mummy.web.multipart.Part;
import mummy.web.upload.SavedUpload;
import mummy.web.upload.UploadDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A multipart form with fields and a 5 MiB file, posted by {@code java.net.http.HttpClient} to a
 * streaming route that reads it part by part and saves the file with {@link UploadDirectory}; the
 * route answers JSON with what it read, which must match what was sent.
 */
@ParameterizedClass
@ValueSource(strings = {"pool", "forkjoin", "virtual"})
class MultipartUploadTest {

    private static final String BOUNDARY = "----MummyFormBoundary7MA4YWxkTrZu0gW";

    @Parameter
    String scheduler;

    @TempDir
    Path uploadDir;

    private Server server;
    private URI base;

    @BeforeEach
    void startServer() {
        UploadDirectory uploads = UploadDirectory.builder(uploadDir).maxSize(64 << 20).build();
        MultipartOptions options = MultipartOptions.builder().maxParts(10).maxPartSize(32 << 20).build();
        Router router = Router.builder()
                .post("/form", request -> readForm(request, uploads, options)).streaming()
                .build();
        // The default maxBodyLength (1 MiB) is far below the 5 MiB form: it passes only because the route streams.
        server = Server.builder().handler(router).scheduler(scheduler).build();
        base = URI.create("http://127.0.0.1:" + server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The route: each field's value and size, each file's saved name, size and SHA-256, as JSON. */
    private static void readForm(Request request, UploadDirectory uploads, MultipartOptions options) throws IOException {
        StringBuilder json = new StringBuilder("[");
        try {
            MultipartReader reader = MultipartReader.of(request, options);
            for (Part part = reader.next(); part != null; part = reader.next()) {
                json.append(json.length() > 1 ? "," : "").append("{\"name\":").append(quote(part.name()));
                if (part.isFile()) {
                    SavedUpload saved = uploads.save(part.inputStream(), part.filename());
                    json.append(",\"filename\":").append(quote(part.filename()))
                            .append(",\"saved\":").append(quote(saved.path().getFileName().toString()))
                            .append(",\"size\":").append(saved.size())
                            .append(",\"sha256\":").append(quote(saved.sha256()));
                } else {
                    String value = part.text(1000);
                    json.append(",\"value\":").append(quote(value))
                            .append(",\"size\":").append(value.getBytes(StandardCharsets.UTF_8).length);
                }
                json.append('}');
            }
        } catch (RequestBodyException e) {
            if (e.status() == 0) {
                throw e; // the client is gone: nobody to answer
            }
            request.respond(e.status(), HttpHeaders.of("Content-Type", "text/plain"), e.getMessage());
            return;
        }
        request.respond(200, HttpHeaders.of("Content-Type", "application/json"), json.append(']').toString());
    }

    /** A JSON string; the test's names and values need only quotes and backslashes escaped. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** A form as a browser would send it: two fields and two files. */
    private static byte[] form(byte[] photo) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String utf8 = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHoliday ☀ \"2026\"\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nsea,sun\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"../../evil/photo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        body.writeBytes(utf8.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(photo);
        body.writeBytes(("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"notes\"; filename=\"x.txt\";"
                + " filename*=UTF-8''r%C3%A9sum%C3%A9.txt\r\n\r\nshort file\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(base.resolve("/form")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).POST(body).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String expectedJson(byte[] photo, String photoSaved, String notesSaved) throws Exception {
        return "[{\"name\":\"title\",\"value\":\"Holiday ☀ \\\"2026\\\"\",\"size\":18},"
                + "{\"name\":\"tags\",\"value\":\"sea,sun\",\"size\":7},"
                + "{\"name\":\"photo\",\"filename\":\"../../evil/photo.jpg\",\"saved\":\"" + photoSaved + "\","
                + "\"size\":" + photo.length + ",\"sha256\":\"" + sha256(photo) + "\"},"
                + "{\"name\":\"notes\",\"filename\":\"résumé.txt\",\"saved\":\"" + notesSaved + "\","
                + "\"size\":10,\"sha256\":\"" + sha256("short file".getBytes(StandardCharsets.US_ASCII)) + "\"}]";
    }

    @Test
    void formWithA5MiBFileIsReadPartByPartAndSaved() throws Exception {
        byte[] photo = new byte[5 << 20];
        new Random(7).nextBytes(photo);
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(form(photo)));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(expectedJson(photo, "photo.jpg", "résumé.txt"), response.body());
        assertEquals(sha256(photo), sha256(Files.readAllBytes(uploadDir.resolve("photo.jpg"))));
        assertEquals("short file", Files.readString(uploadDir.resolve("résumé.txt")));
    }

    @Test
    void chunkedFormIsReadTheSameWayAndNamesDoNotCollide() throws Exception {
        byte[] photo = new byte[5 << 20];
        new Random(8).nextBytes(photo);
        byte[] form = form(photo);
        HttpResponse<String> first = post(HttpRequest.BodyPublishers.ofByteArray(form));
        assertEquals(200, first.statusCode(), first.body());
        // ofInputStream has no length: the client sends the body chunked.
        HttpResponse<String> second = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(form)));
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(expectedJson(photo, "photo-1.jpg", "résumé-1.txt"), second.body());
        try (var files = Files.list(uploadDir)) {
            assertEquals(4, files.count(), "two of each file, and no temporary file left");
        }
    }

    @Test
    void malformedFormIsAnswered400WithTheReason() throws Exception {
        String truncated = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing delimiter";
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(truncated));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("ended before the closing boundary delimiter"), response.body());
    }

    @Test
    void tooManyPartsIsAnswered413() throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            form.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"f").append(i)
                    .append("\"\r\n\r\nv\r\n");
        }
        form.append("--").append(BOUNDARY).append("--\r\n");
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(form.toString()));
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("more than 10 parts"), response.body());
    }
}
