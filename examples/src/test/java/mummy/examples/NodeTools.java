package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node side of the examples' tests, in {@code examples/node-tests}: its {@code setup} script
 * (Debian's chromium, the npm packages of package-lock.json) and {@code node SCRIPT ARGS...}.
 * A missing tool fails the test with the setup script's message; nothing is skipped.
 */
final class NodeTools {

    /** The first setup may install chromium with apt-get: minutes; later ones take a moment. */
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(15);

    /** What a process printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {
    }

    private NodeTools() {
    }

    /** {@code examples/node-tests}; surefire and failsafe run in {@code examples}. */
    static Path directory() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("node-tests");
    }

    /** Runs the setup script; fails the test with its output unless it succeeded. */
    static void setup() throws Exception {
        Path script = directory().resolve("setup");
        assertTrue(Files.isExecutable(script), "missing " + script);
        Result result = run(List.of(script.toString()), SETUP_TIMEOUT);
        if (result.exitCode() != 0) {
            fail("examples/node-tests/setup could not install what the test needs (exit " + result.exitCode()
                    + "):\n" + result.output());
        }
    }

    /** {@code node SCRIPT ARGS...} in the node-tests directory. */
    static Result node(String script, Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return run(command, timeout);
    }

    private static Result run(List<String> command, Duration timeout) throws Exception {
        Path log = Files.createTempFile("mummy-node-", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(directory().toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("cannot run " + command.getFirst()
                        + " (Node.js 18 or newer and npm must be installed): " + e.getMessage(), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
