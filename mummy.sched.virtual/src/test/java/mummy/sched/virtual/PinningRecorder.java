package mummy.sched.virtual;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import mummy.api.spi.tck.SchedulerContractTest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records JFR {@value #EVENT} events with threshold 0 (every pinned park, however short), as
 * Helidon's {@code PinningRecorder} does. As a JUnit extension it records from before a test
 * class's first test to after its last, then fails the class if a thread named
 * {@value SchedulerContractTest#THREAD_NAME_ROOT}... (a task of the contract test) was pinned.
 * The recording is kept in {@code target/jfr/CLASS.jfr}.
 *
 * <p>On JDK 25 (JEP 491) a virtual thread that blocks inside {@code synchronized} or in
 * {@code Object.wait} no longer pins its carrier; blocking with a VM or native frame on the stack
 * still does: inside a class initializer (see {@code PinningRecorderTest}), and while waiting for
 * another thread that is loading the same class ({@code "Contended monitor enter"}, reason
 * {@code "Freeze or preempt failed"}), which this check once caught in the contract test's own
 * exception recorder.
 */
final class PinningRecorder implements BeforeAllCallback, AfterAllCallback {

    /** The JFR event recorded when a virtual thread parks while pinned. */
    static final String EVENT = "jdk.VirtualThreadPinned";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PinningRecorder.class);

    /**
     * One pinned park.
     *
     * @param thread the virtual thread's name
     * @param reason why it was pinned, as JFR says
     * @param operation what blocked
     * @param duration how long it was parked
     * @param stack the top frames
     */
    record Pinned(String thread, String reason, String operation, Duration duration, String stack) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(Recording.class, start());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Recording recording = context.getStore(NAMESPACE).remove(Recording.class, Recording.class);
        Path file = Path.of("target", "jfr", context.getRequiredTestClass().getSimpleName() + ".jfr");
        assertNotPinned(stop(recording, file), SchedulerContractTest.THREAD_NAME_ROOT);
    }

    /**
     * Starts recording pinned parks of every virtual thread.
     *
     * @return the running recording
     */
    static Recording start() {
        Recording recording = new Recording();
        recording.setName("pinning");
        recording.enable(EVENT).withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
        return recording;
    }

    /**
     * Stops the recording, writes it to {@code file} and reads back its pinned parks.
     *
     * @return every pinned park recorded, of any thread
     */
    static List<Pinned> stop(Recording recording, Path file) throws IOException {
        try (recording) {
            recording.stop();
            Files.createDirectories(file.getParent());
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals(EVENT))
                .map(PinningRecorder::pinned)
                .toList();
    }

    /**
     * Fails if a thread whose name starts with {@code prefix} was pinned.
     *
     * @throws AssertionError listing those parks
     */
    static void assertNotPinned(List<Pinned> events, String prefix) {
        List<Pinned> ours = events.stream().filter(event -> event.thread().startsWith(prefix)).toList();
        if (!ours.isEmpty()) {
            throw new AssertionError(ours.size() + " pinned parks of threads named " + prefix + "*:\n"
                    + ours.stream().map(Pinned::toString).collect(Collectors.joining("\n")));
        }
    }

    private static Pinned pinned(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        String stack = event.getStackTrace() == null ? "" : event.getStackTrace().getFrames().stream()
                .limit(8).map(PinningRecorder::frame).collect(Collectors.joining(" < "));
        return new Pinned(thread == null ? "?" : String.valueOf(thread.getJavaName()),
                event.hasField("pinnedReason") ? event.getString("pinnedReason") : "?",
                event.hasField("blockingOperation") ? event.getString("blockingOperation") : "?",
                event.getDuration(), stack);
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
    }
}
