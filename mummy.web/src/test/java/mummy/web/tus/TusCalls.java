package mummy.web.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mummy.api.HttpHeaders;
import mummy.api.testing.RecordingRequest;

/** tus requests through {@link TusUploads#handle} with fake requests, for the tests of this package. */
final class TusCalls {

    private TusCalls() {
    }

    static RecordingRequest post(TusUploads uploads, long length) throws IOException {
        RecordingRequest request = new RecordingRequest("POST", "/files/",
                HttpHeaders.of("Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(length)),
                InputStream.nullInputStream());
        uploads.handle(request);
        return request;
    }

    /** Creates an upload; its id. */
    static String create(TusUploads uploads, long length) throws IOException {
        RecordingRequest request = post(uploads, length);
        assertEquals(201, request.status(), request.isResponded() ? request.responseText() : "no answer");
        return request.responseHeader("Location").substring("/files/".length());
    }

    static RecordingRequest head(TusUploads uploads, String id) throws IOException {
        return send(uploads, "HEAD", id);
    }

    static RecordingRequest delete(TusUploads uploads, String id) throws IOException {
        return send(uploads, "DELETE", id);
    }

    static RecordingRequest options(TusUploads uploads) throws IOException {
        RecordingRequest request = new RecordingRequest("OPTIONS", "/files/", HttpHeaders.of(),
                InputStream.nullInputStream());
        uploads.handle(request);
        return request;
    }

    static RecordingRequest patch(TusUploads uploads, String id, long offset, byte[] chunk) throws IOException {
        RecordingRequest request = patchRequest(id, offset, new ByteArrayInputStream(chunk));
        uploads.handle(request);
        return request;
    }

    static RecordingRequest patchRequest(String id, long offset, InputStream body) {
        return new RecordingRequest("PATCH", "/files/" + id, HttpHeaders.of("Tus-Resumable", "1.0.0",
                "Content-Type", "application/offset+octet-stream", "Upload-Offset", Long.toString(offset)), body);
    }

    /** The names of the files in {@code directory}, sorted. */
    static java.util.List<String> files(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static RecordingRequest send(TusUploads uploads, String method, String id) throws IOException {
        RecordingRequest request = new RecordingRequest(method, "/files/" + id,
                HttpHeaders.of("Tus-Resumable", "1.0.0"), InputStream.nullInputStream());
        uploads.handle(request);
        return request;
    }
}
