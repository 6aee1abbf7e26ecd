package mummy.testing.tus;

import static mummy.testing.tus.TusCalls.create;
import static mummy.testing.tus.TusCalls.files;
import static mummy.testing.tus.TusCalls.head;
import static mummy.testing.tus.TusCalls.options;
import static mummy.testing.tus.TusCalls.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mummy.testing.FakeRequest;
import mummy.web.tus.CompletedUpload;
import mummy.web.tus.TusUploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expiration extension (tus 1.0.0, Expiration) with a clock moved by hand: Upload-Expires on
 * creation, PATCH and HEAD, expiry after the idle time, 410 then 404, the sweep that deletes the
 * files, and the expiry rebuilt from the directory by a new handler.
 */
class TusExpirationTest {

    /** A Tuesday; its fraction of a second is rounded down in Upload-Expires. */
    private static final Instant START = Instant.parse("2025-03-04T05:06:07.250Z");

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(START);
    private final List<CompletedUpload> completed = new ArrayList<>();

    @Test
    void creationAnswersUploadExpiresAsAnImfFixdateOneDayLater() throws Exception {
        FakeRequest created = TusCalls.post(uploads(), 10);
        assertEquals(201, created.status());
        assertEquals("Wed, 05 Mar 2025 05:06:07 GMT", created.responseHeader("Upload-Expires"));
    }

    @Test
    void optionsAnnouncesTheExpirationExtension() throws Exception {
        FakeRequest options = options(uploads());
        assertEquals("creation,termination,checksum,expiration", options.responseHeader("Tus-Extension"));
    }

    @Test
    void eachPatchRenewsTheExpiryAndHeadReportsIt() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, 10);
        clock.advance(Duration.ofHours(23));
        FakeRequest first = patch(uploads, id, 0, new byte[4]);
        assertEquals(204, first.status());
        assertEquals("Thu, 06 Mar 2025 04:06:07 GMT", first.responseHeader("Upload-Expires"));
        assertEquals("Thu, 06 Mar 2025 04:06:07 GMT", head(uploads, id).responseHeader("Upload-Expires"));
        clock.advance(Duration.ofHours(23));
        assertEquals(409, patch(uploads, id, 0, new byte[1]).status(), "a refused PATCH renews too");
        assertEquals("Fri, 07 Mar 2025 03:06:07 GMT", head(uploads, id).responseHeader("Upload-Expires"));
    }

    @Test
    void anIdleUploadExpiresAfterADayAnswers410OnceAndIsDeleted() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, 10);
        assertEquals(204, patch(uploads, id, 0, new byte[3]).status());
        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertEquals(200, head(uploads, id).status(), "not yet");
        clock.advance(Duration.ofMillis(1));
        FakeRequest expired = head(uploads, id);
        assertEquals(410, expired.status());
        assertEquals("the upload expired", expired.responseText());
        assertEquals(TusUploads.VERSION, expired.responseHeader("Tus-Resumable"));
        assertEquals(List.of(), files(directory), "deleted on that access");
        assertEquals(404, head(uploads, id).status(), "then unknown");
        assertEquals(404, patch(uploads, id, 3, new byte[1]).status());
    }

    @Test
    void aPatchOfAnExpiredUploadGets410AndStoresNothing() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, 10);
        clock.advance(Duration.ofDays(2));
        assertEquals(410, patch(uploads, id, 0, new byte[3]).status());
        assertEquals(List.of(), files(directory));
    }

    @Test
    void theSweepDeletesExpiredUploadsThatNoOneAsksFor() throws Exception {
        TusUploads uploads = uploads();
        String idle = create(uploads, 10);
        String alsoIdle = create(uploads, 10);
        String busy = create(uploads, 10);
        String done = create(uploads, 2);
        clock.advance(Duration.ofHours(12));
        assertEquals(204, patch(uploads, busy, 0, new byte[1]).status());
        assertEquals(204, patch(uploads, done, 0, new byte[2]).status());
        assertEquals(8, files(directory).size());
        clock.advance(Duration.ofHours(13));
        // Any request sweeps once the last sweep is a minute old; this one asks for none of them.
        assertEquals(204, options(uploads).status());
        assertEquals(List.of(busy + ".bin", busy + ".info", done + ".bin", done + ".info").stream().sorted().toList(),
                files(directory), idle + " and " + alsoIdle + " expired; the completed one never does");
        clock.advance(Duration.ofDays(30));
        assertEquals(204, options(uploads).status(), "sweeps: the last sweep is 30 days old");
        assertEquals(List.of(done + ".bin", done + ".info").stream().sorted().toList(), files(directory));
        assertEquals(200, head(uploads, done).status());
        assertNull(head(uploads, done).responseHeader("Upload-Expires"), "a completed upload does not expire");
    }

    @Test
    void requestsSweepAtMostOnceAMinute() throws Exception {
        TusUploads uploads = uploads();
        create(uploads, 10);
        clock.advance(Duration.ofHours(24).minusSeconds(30));
        options(uploads); // sweeps: nothing has expired yet
        clock.advance(Duration.ofSeconds(45));
        options(uploads);
        assertEquals(2, files(directory).size(), "expired 15 s ago, but the last sweep is 45 s old");
        clock.advance(Duration.ofSeconds(15));
        options(uploads);
        assertEquals(List.of(), files(directory));
    }

    @Test
    void anUploadWithAPatchUnderWayDoesNotExpire() throws Exception {
        TusUploads uploads = uploads();
        String id = create(uploads, 10);
        BlockingBody body = new BlockingBody();
        FakeRequest slow = TusCalls.patchRequest(id, 0, body);
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                uploads.handle(slow);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        body.awaitReading();
        clock.advance(Duration.ofDays(3));
        assertEquals(204, options(uploads).status(), "sweeps: the last sweep is 3 days old");
        assertEquals(2, files(directory).size(), "its lock is held");
        assertEquals(200, head(uploads, id).status());
        body.finish();
        writer.join(10_000);
        assertEquals(204, slow.status());
        assertEquals("Sat, 08 Mar 2025 05:06:07 GMT", slow.responseHeader("Upload-Expires"), "a day after the PATCH ended");
    }

    @Test
    void aNewHandlerOnTheDirectoryCountsFromEachUploadsLastActivity() throws Exception {
        TusUploads first = uploads();
        String early = create(first, 10);
        String late = create(first, 10);
        clock.advance(Duration.ofHours(10));
        assertEquals(204, patch(first, late, 0, new byte[5]).status());
        clock.advance(Duration.ofHours(15));
        TusUploads second = uploads();
        assertEquals(List.of(late + ".bin", late + ".info"), files(directory), early + " expired while down");
        assertEquals("Wed, 05 Mar 2025 15:06:07 GMT", head(second, late).responseHeader("Upload-Expires"));
    }

    @Test
    void aNewHandlerRemovesWhatACrashMidCreationLeft() throws Exception {
        String id = create(uploads(), 10);
        String orphan = "0123456789abcdef0123456789abcdef";
        Files.write(directory.resolve(orphan + ".bin"), new byte[0]);
        Files.writeString(directory.resolve("fedcba9876543210fedcba9876543210.info.tmp"), "length=1");
        Files.writeString(directory.resolve("notes.txt"), "not ours");
        uploads();
        assertEquals(List.of(id + ".bin", id + ".info", "notes.txt"), files(directory));
    }

    @Test
    void aCompletedUploadWhoseFileTheApplicationMovedIsNeitherCountedNorAnError() throws Exception {
        TusUploads first = TusUploads.builder().directory(directory).clock(clock)
                .onComplete(done -> move(done.file())).build();
        String id = create(first, 2);
        assertEquals(204, patch(first, id, 0, new byte[2]).status());
        assertEquals(List.of(id + ".info", "moved.dat"), files(directory));
    }

    private void move(Path file) {
        try {
            Files.move(file, directory.resolve("moved.dat"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TusUploads uploads() {
        return TusUploads.builder().directory(directory).clock(clock).onComplete(completed::add).build();
    }

    /** One byte, then waits for {@link #finish()} before the end of the body. */
    private static final class BlockingBody extends InputStream {
        private final CountDownLatch reading = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);
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
                if (!finished.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("the test did not finish the body");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return -1;
        }

        void awaitReading() throws InterruptedException {
            assertTrue(reading.await(10, TimeUnit.SECONDS), "the PATCH never read its body");
        }

        void finish() {
            finished.countDown();
        }
    }
}
