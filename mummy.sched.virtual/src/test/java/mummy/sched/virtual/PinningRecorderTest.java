package mummy.sched.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import org.junit.jupiter.api.Test;

/**
 * Shows that {@link PinningRecorder} can fail: a task that blocks while pinned is caught, and one
 * that blocks inside {@code synchronized}, which pinned before JDK 24 (JEP 491), is not.
 */
class PinningRecorderTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);

    /** Blocks while being initialized: class initialization runs under a VM (native) frame, which pins. */
    private static final class SleepsWhileInitialized {
        static {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        static void initialize() {
        }
    }

    @Test
    void taskBlockingInAClassInitializerIsReportedAsPinned() throws Exception {
        String prefix = "pinned-on-purpose-";
        List<PinningRecorder.Pinned> events = recordWhileRunning(prefix, SleepsWhileInitialized::initialize);

        List<PinningRecorder.Pinned> ours = events.stream().filter(event -> event.thread().startsWith(prefix)).toList();
        assertFalse(ours.isEmpty(), "no pinned park of " + prefix + "* among " + events);
        assertTrue(ours.getFirst().reason().contains("<clinit>"), ours.getFirst().toString());
        AssertionError failure = assertThrows(AssertionError.class, () -> PinningRecorder.assertNotPinned(events, prefix));
        assertTrue(failure.getMessage().contains(prefix + "1"), failure.getMessage());
    }

    @Test
    void taskBlockingInsideSynchronizedIsNotPinnedOnThisJdk() throws Exception {
        String prefix = "synchronized-";
        Object lock = new Object();
        List<PinningRecorder.Pinned> events = recordWhileRunning(prefix, () -> {
            synchronized (lock) {
                try {
                    Thread.sleep(20);
                    lock.wait(20);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertEquals(List.of(), events.stream().filter(event -> event.thread().startsWith(prefix)).toList());
    }

    private static List<PinningRecorder.Pinned> recordWhileRunning(String prefix, Runnable task) throws Exception {
        Recording recording = PinningRecorder.start();
        Scheduler scheduler = new VirtualThreadSchedulerProvider().create(SchedulerConfig.defaults().withThreadNamePrefix(prefix));
        CountDownLatch done = new CountDownLatch(1);
        try (scheduler) {
            scheduler.execute(() -> {
                task.run();
                done.countDown();
            });
            assertTrue(done.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS), "the task did not finish");
        }
        return PinningRecorder.stop(recording, Path.of("target", "jfr", prefix + "test.jfr"));
    }
}
