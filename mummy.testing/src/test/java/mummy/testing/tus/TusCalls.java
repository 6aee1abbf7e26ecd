package mummy.testing.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mummy.api.HttpHeaders;
import mummy.testing.FakeRequest;
import mummy.web.tus.TusUploads;

/** tus requests through {@link TusUploads#handle} with fake requests, for the tests of this package. */
final class TusCalls {

    private TusCalls() {
    }

    static FakeRequest post(TusUploads uploads, long length) throws IOException {
        FakeRequest request = fake("POST", "/files/",
                HttpHeaders.of("Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(length)),
                InputStream.nullInputStream());
        uploads.handle(request);
        return request;
    }

    /** Creates an upload; its id. */
    static String create(TusUploads uploads, long length) throws IOException {
        FakeRequest request = post(uploads, length);
        assertEquals(201, request.status(), request.isResponded() ? request.responseText() : "no answer");
        return request.responseHeader("Location").substring("/files/".length());
    }

    static FakeRequest head(TusUploads uploads, String id) throws IOException {
        return send(uploads, "HEAD", id);
    }

    static FakeRequest delete(TusUploads uploads, String id) throws IOException {
        return send(uploads, "DELETE", id);
    }

    static FakeRequest options(TusUploads uploads) throws IOException {
        FakeRequest request = fake("OPTIONS", "/files/", HttpHeaders.of(),
                InputStream.nullInputStream());
        uploads.handle(request);
        return request;
    }

    static FakeRequest patch(TusUploads uploads, String id, long offset, byte[] chunk) throws IOException {
        FakeRequest request = patchRequest(id, offset, new ByteArrayInputStream(chunk));
        uploads.handle(request);
        return request;
    }

    static FakeRequest patchRequest(String id, long offset, InputStream body) {
        return fake("PATCH", "/files/" + id, HttpHeaders.of("Tus-Resumable", "1.0.0",
                "Content-Type", "application/offset+octet-stream", "Upload-Offset", Long.toString(offset)), body);
    }

    /** A tus request whose body is streamed, as on the streaming routes TusUploads adds. */
    static FakeRequest fake(String method, String target, HttpHeaders headers, InputStream body) {
        return FakeRequest.builder(method, target).headers(headers).streamedBody(body).build();
    }

    /** The names of the files in {@code directory}, sorted. */
    static java.util.List<String> files(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static FakeRequest send(TusUploads uploads, String method, String id) throws IOException {
        FakeRequest request = fake(method, "/files/" + id,
                HttpHeaders.of("Tus-Resumable", "1.0.0"), InputStream.nullInputStream());
        uploads.handle(request);
        return request;
    }
}
