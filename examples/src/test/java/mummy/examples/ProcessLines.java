package mummy.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The output of a child process (standard output, with standard error merged into it), line by
 * line as it comes, for a test that talks with a script step by step.
 *
 * <p>Threading: a virtual thread reads the lines into a queue (unbounded: a test script prints
 * a few dozen lines) and the text; the test thread waits on them.
 */
final class ProcessLines implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer text = new StringBuffer();
    private final Thread reader;

    ProcessLines(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().name("process-lines").start(this::read);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                text.append(line).append('\n');
                lines.add(line);
            }
        } catch (IOException e) {
            text.append("(reading the output failed: ").append(e).append(")\n");
        }
    }

    /** The first line from now on that matches; fails after {@code timeout} with the output so far. */
    String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        return fail("the expected line did not come within " + timeout + ":\n" + text);
    }

    /** Waits for the process to exit and its output to be read; fails after {@code timeout}. */
    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the process did not exit within " + timeout + ":\n" + text);
        }
        reader.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    /** Everything it printed so far. */
    String text() {
        return text.toString();
    }

    /** Kills the process if it still runs (by its PID). */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
