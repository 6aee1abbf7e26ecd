package mummy.api.spi.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reports the wall time of the contract's blocking case, so that the figures of every provider
 * can be compared: a {@link System.Logger} line {@code blocking.200x50ms provider=NAME millis=N ...}
 * and the same line in {@code target/scheduler-blocking-times.txt} of the module under test (one
 * provider per module, so the file holds the latest figure).
 */
final class BlockingTimes {

    /** The file, relative to the module's directory (Surefire's working directory). */
    static final Path FILE = Path.of("target", "scheduler-blocking-times.txt");

    private static final System.Logger LOG = System.getLogger("mummy.scheduler.tck");

    private BlockingTimes() {
    }

    /**
     * Logs and writes one measurement.
     *
     * @return the line written
     */
    static String record(String provider, int tasks, long blockMillis, long wallMillis, int peakConcurrency) {
        String line = "blocking." + tasks + "x" + blockMillis + "ms provider=" + provider + " millis=" + wallMillis
                + " peakConcurrency=" + peakConcurrency + " cores=" + Runtime.getRuntime().availableProcessors()
                + " java=" + Runtime.version();
        LOG.log(System.Logger.Level.INFO, line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE.toAbsolutePath(), e);
        }
        return line;
    }
}
