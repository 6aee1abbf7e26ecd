package mummy.testing.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.api.RequestBodyException;
import mummy.testing.FakeRequest;
import mummy.web.tus.CompletedUpload;
import mummy.web.tus.TusUploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a PATCH keeps when its body stream fails part-way, and the per-upload lock, driven through
 * {@link TusUploads#handle} with a fake streamed request (the server tests cannot make a body fail
 * at an exact byte).
 */
class TusUploadsInterruptionTest {

    private static final byte[] DATA = data(300_000);

    @TempDir
    Path directory;

    private final List<CompletedUpload> completed = new ArrayList<>();

    @Test
    void theBytesReceivedBeforeTheClientWentAwayAreKeptAndHeadReportsThem() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, DATA.length);
        RequestBodyException gone = new RequestBodyException(0, "client went away");
        var e = assertThrows(RequestBodyException.class,
                () -> uploads.handle(patch(id, 0, null, failingAfter(200_000, gone))));
        assertSame(gone, e, "rethrown for the server, which cannot answer a client that is gone");
        assertEquals("200000", head(uploads, id).responseHeader("Upload-Offset"));

        FakeRequest rest = patch(id, 200_000, null, new ByteArrayInputStream(DATA, 200_000, 100_000));
        uploads.handle(rest);
        assertEquals(204, rest.status());
        assertEquals("300000", rest.responseHeader("Upload-Offset"));
        assertEquals(1, completed.size());
        assertEquals(Arrays.hashCode(DATA), Arrays.hashCode(Files.readAllBytes(completed.getFirst().file())));
    }

    @Test
    void aPlainIoExceptionAlsoKeepsTheBytes() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, DATA.length);
        IOException reset = new IOException("Connection reset");
        assertSame(reset, assertThrows(IOException.class,
                () -> uploads.handle(patch(id, 0, null, failingAfter(65_537, reset)))));
        assertEquals("65537", head(uploads, id).responseHeader("Upload-Offset"));
    }

    @Test
    void withAChecksumTheUnverifiablePartialChunkIsDiscarded() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, DATA.length);
        String checksum = "sha256 " + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(DATA));
        assertThrows(RequestBodyException.class, () -> uploads.handle(
                patch(id, 0, checksum, failingAfter(200_000, new RequestBodyException(0, "gone")))));
        assertEquals("0", head(uploads, id).responseHeader("Upload-Offset"));
        assertEquals(0, completed.size());
    }

    @Test
    void aBodyTheServerRefusesIsAnsweredWithItsStatusAndTheOffsetKept() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, DATA.length);
        FakeRequest request = patch(id, 0, null, failingAfter(1000, new RequestBodyException(400, "bad chunk size")));
        uploads.handle(request);
        assertEquals(400, request.status());
        assertEquals("bad chunk size", request.responseText());
        assertEquals(TusUploads.VERSION, request.responseHeader("Tus-Resumable"));
        assertEquals("1000", head(uploads, id).responseHeader("Upload-Offset"));
    }

    @Test
    void aSecondWriterOfOneUploadGets423WhileTheFirstHoldsIt() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, 10);
        // The first PATCH holds the upload's lock while it waits in its body.
        FakeRequest first = patch(id, 0, null, new BlockingStream());
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                uploads.handle(first);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        BlockingStream body = (BlockingStream) first.bodyStream();
        body.awaitReading();
        FakeRequest second = patch(id, 0, null, new ByteArrayInputStream(new byte[3]));
        uploads.handle(second);
        assertEquals(423, second.status());
        FakeRequest delete = request("DELETE", id, HttpHeaders.of("Tus-Resumable", "1.0.0"), InputStream.nullInputStream());
        uploads.handle(delete);
        assertEquals(423, delete.status());
        body.finish();
        writer.join(10_000);
        assertEquals(204, first.status());
        assertEquals("1", head(uploads, id).responseHeader("Upload-Offset"));
    }

    @Test
    void theLockIsReleasedBeforeThe204SoTheNextPatchIsNotRefused() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, 6);
        FakeRequest next = patch(id, 3, null, new ByteArrayInputStream(new byte[3]));
        // As a client does: the next PATCH goes out the moment the 204 of this one is read.
        FakeRequest first = patch(id, 0, null, new ByteArrayInputStream(new byte[3])).onRespond(() -> {
            try {
                uploads.handle(next);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        uploads.handle(first);
        assertEquals(204, first.status());
        assertEquals(204, next.status(), next.isResponded() ? next.responseText() : "no answer");
        assertEquals(1, completed.size());
    }

    @Test
    void aFailingCallbackDoesNotChangeTheAnswer() throws Exception {
        TusUploads uploads = TusUploads.builder().directory(directory).onComplete(upload -> {
            throw new IllegalStateException("application bug");
        }).build();
        String id = create(uploads, 3);
        FakeRequest request = patch(id, 0, null, new ByteArrayInputStream(new byte[3]));
        uploads.handle(request);
        assertEquals(204, request.status());
        assertEquals("3", request.responseHeader("Upload-Offset"));
    }

    private TusUploads uploads() {
        return TusUploads.builder().directory(directory).onComplete(completed::add).build();
    }

    private static String create(TusUploads uploads, long length) throws IOException {
        FakeRequest request = TusCalls.fake("POST", "/files/",
                HttpHeaders.of("Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(length)),
                InputStream.nullInputStream());
        uploads.handle(request);
        assertEquals(201, request.status(), request.responseText());
        return request.responseHeader("Location").substring("/files/".length());
    }

    private static FakeRequest head(TusUploads uploads, String id) throws IOException {
        FakeRequest request = request("HEAD", id, HttpHeaders.of("Tus-Resumable", "1.0.0"), InputStream.nullInputStream());
        uploads.handle(request);
        assertEquals(200, request.status());
        return request;
    }

    private static FakeRequest patch(String id, long offset, String checksum, InputStream body) {
        HttpHeaders.Builder headers = HttpHeaders.builder().add("Tus-Resumable", "1.0.0")
                .add("Content-Type", "application/offset+octet-stream")
                .add("Upload-Offset", Long.toString(offset));
        if (checksum != null) {
            headers.add("Upload-Checksum", checksum);
        }
        return request("PATCH", id, headers.build(), body);
    }

    private static FakeRequest request(String method, String id, HttpHeaders headers, InputStream body) {
        return TusCalls.fake(method, "/files/" + id, headers, body);
    }

    /** DATA's first {@code count} bytes, then {@code failure}. */
    private static InputStream failingAfter(int count, IOException failure) {
        return new InputStream() {
            private final InputStream data = new ByteArrayInputStream(DATA, 0, count);

            @Override
            public int read() throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = data.read(buffer, offset, length);
                if (n == -1) {
                    throw failure;
                }
                return n;
            }
        };
    }

    private static byte[] data(int length) {
        byte[] data = new byte[length];
        new java.util.Random(42).nextBytes(data);
        return data;
    }

    /** One byte, then waits for {@link #finish()} before the end of the body. */
    private static final class BlockingStream extends InputStream {
        private final java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        private boolean sent;

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!sent) {
                sent = true;
                buffer[offset] = 7;
                return 1;
            }
            reading.countDown();
            try {
                if (!finished.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IOException("test did not finish the body");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return -1;
        }

        void awaitReading() throws InterruptedException {
            if (!reading.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the first PATCH never read its body");
            }
        }

        void finish() {
            finished.countDown();
        }
    }
}
