package mummy.testing.tus;

import static mummy.testing.tus.TusCalls.create;
import static mummy.testing.tus.TusCalls.files;
import static mummy.testing.tus.TusCalls.options;
import static mummy.testing.tus.TusCalls.patch;
import static mummy.testing.tus.TusCalls.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mummy.testing.FakeRequest;
import mummy.web.tus.CompletedUpload;
import mummy.web.tus.TusUploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The defaults and settings that bound what clients may store: maxSize (Tus-Max-Size, 413),
 * maxUploads (503 past it, freed by completion, termination and expiry) and their validation.
 */
class TusLimitsTest {

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void theDefaultsAreOneGibibyteAThousandUploadsAndADay() {
        TusUploads uploads = TusUploads.builder().directory(directory).build();
        assertEquals(1L << 30, uploads.maxSize());
        assertEquals(1_000, uploads.maxUploads());
        assertEquals(Duration.ofHours(24), uploads.expireAfter());
    }

    @Test
    void theDefaultMaximumIsAnnouncedAndALargerUploadLengthGets413() throws Exception {
        TusUploads uploads = TusUploads.builder().directory(directory).build();
        assertEquals("1073741824", options(uploads).responseHeader("Tus-Max-Size"));
        FakeRequest tooLarge = post(uploads, (1L << 30) + 1);
        assertEquals(413, tooLarge.status());
        assertEquals("Upload-Length 1073741825 is over Tus-Max-Size 1073741824", tooLarge.responseText());
        assertEquals(201, post(uploads, 1L << 30).status(), "the maximum itself is fine");
    }

    @Test
    void aSetMaximumIsAnnouncedAndEnforced() throws Exception {
        TusUploads uploads = builder().maxSize(10).build();
        assertEquals("10", options(uploads).responseHeader("Tus-Max-Size"));
        assertEquals(413, post(uploads, 11).status());
        assertEquals(201, post(uploads, 10).status());
        assertEquals(2, files(directory).size(), "the refused one left nothing");
    }

    @Test
    void pastMaxUploadsACreationGets503WithRetryAfterAndStoresNothing() throws Exception {
        TusUploads uploads = builder().maxUploads(2).build();
        create(uploads, 5);
        create(uploads, 5);
        FakeRequest refused = post(uploads, 5);
        assertEquals(503, refused.status());
        assertEquals("60", refused.responseHeader("Retry-After"));
        assertEquals(TusUploads.VERSION, refused.responseHeader("Tus-Resumable"));
        assertTrue(refused.responseText().startsWith("too many unfinished uploads"), refused.responseText());
        assertEquals(4, files(directory).size());
    }

    @Test
    void completedTerminatedAndExpiredUploadsFreeTheirPlace() throws Exception {
        TusUploads uploads = builder().maxUploads(2).build();
        String a = create(uploads, 3);
        String b = create(uploads, 3);
        assertEquals(503, post(uploads, 1).status());
        assertEquals(204, patch(uploads, a, 0, new byte[3]).status());
        String c = create(uploads, 3);
        assertEquals(503, post(uploads, 1).status(), "the completed one does not count, the others do");
        assertEquals(204, TusCalls.delete(uploads, b).status());
        create(uploads, 3);
        assertEquals(503, post(uploads, 1).status());
        clock.advance(Duration.ofHours(12));
        assertEquals(204, patch(uploads, c, 0, new byte[1]).status());
        clock.advance(Duration.ofHours(13));
        create(uploads, 3);
        assertEquals(503, post(uploads, 1).status(), "one expired and made room, " + c + " is alive");
    }

    @Test
    void emptyUploadsAreCompleteAtOnceAndDoNotCount() throws Exception {
        List<CompletedUpload> completed = new ArrayList<>();
        TusUploads uploads = builder().maxUploads(1).onComplete(completed::add).build();
        for (int i = 0; i < 3; i++) {
            FakeRequest empty = post(uploads, 0);
            assertEquals(201, empty.status());
            assertEquals(null, empty.responseHeader("Upload-Expires"), "complete: it does not expire");
        }
        assertEquals(3, completed.size());
        create(uploads, 1);
        assertEquals(503, post(uploads, 1).status());
    }

    @Test
    void aNewHandlerCountsTheUnfinishedUploadsInTheDirectory() throws Exception {
        TusUploads first = builder().build();
        create(first, 5);
        String done = create(first, 1);
        assertEquals(204, patch(first, done, 0, new byte[1]).status());
        create(first, 5);
        TusUploads second = builder().maxUploads(2).build();
        assertEquals(503, post(second, 5).status());
    }

    @Test
    void concurrentCreationsNeverPassMaxUploads() throws Exception {
        int threads = 16;
        TusUploads uploads = builder().maxUploads(5).build();
        CyclicBarrier start = new CyclicBarrier(threads);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            Thread.ofPlatform().start(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    int status = post(uploads, 5).status();
                    (status == 201 ? created : status == 503 ? refused : new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    throw new AssertionError(e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(5, created.get());
        assertEquals(threads - 5, refused.get());
        assertEquals(10, files(directory).size());
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheirName() {
        assertMessage("maxSize must be at least 1 byte: 0", b -> b.maxSize(0));
        assertMessage("maxSize must be at least 1 byte: -5", b -> b.maxSize(-5));
        assertMessage("maxUploads must be at least 1: 0", b -> b.maxUploads(0));
        assertMessage("expireAfter must be between 1 second and 365 days: PT0.999S",
                b -> b.expireAfter(Duration.ofMillis(999)));
        assertMessage("expireAfter must be between 1 second and 365 days: PT8784H",
                b -> b.expireAfter(Duration.ofDays(366)));
        assertEquals("expireAfter", assertThrows(NullPointerException.class,
                () -> TusUploads.builder().expireAfter(null)).getMessage());
        assertEquals("clock", assertThrows(NullPointerException.class,
                () -> TusUploads.builder().clock(null)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 1L << 40, Long.MAX_VALUE})
    void anyPositiveMaxSizeIsAccepted(long bytes) {
        assertEquals(bytes, builder().maxSize(bytes).build().maxSize());
    }

    private TusUploads.Builder builder() {
        return TusUploads.builder().directory(directory).clock(clock);
    }

    private static void assertMessage(String message, Consumer<TusUploads.Builder> setting) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> setting.accept(TusUploads.builder())).getMessage());
    }
}
