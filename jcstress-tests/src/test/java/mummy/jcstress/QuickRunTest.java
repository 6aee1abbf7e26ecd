package mummy.jcstress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code jcstress-tests/run} in child processes, so that {@code bin/test} (Maven's
 * {@code integration-test} phase, after the shaded jar is built) fails when a race shows a
 * FORBIDDEN outcome, and when the deliberately broken variant stops being caught.
 */
class QuickRunTest {

    private static final Path MODULE = Path.of(System.getProperty("jcstress.module", "."));
    private static final long TIMEOUT_MINUTES = 8;
    private static final String BROKEN_PACKAGE = "mummy.io.internal.loop.broken.";

    @Test
    void everyRaceShowsOnlyAllowedOutcomes() throws Exception {
        List<String> expected = testNames().stream().filter(name -> !name.startsWith(BROKEN_PACKAGE)).toList();
        assertFalse(expected.isEmpty(), "META-INF/TestList names no test");

        int status = run("--quick");

        String summary = Files.readString(MODULE.resolve("results/quick/summary.md"), StandardCharsets.UTF_8);
        assertEquals(0, status, "run --quick failed:\n" + summary);
        for (String test : expected) {
            String simpleName = test.substring(test.lastIndexOf('.') + 1);
            assertTrue(summary.contains("| `" + simpleName + "` | OK |"), test + " did not pass:\n" + summary);
        }
    }

    @Test
    void lostWakeupTestCatchesTheBrokenWakeupQueue() throws Exception {
        int status = run("--broken");

        String summary = Files.readString(MODULE.resolve("results/broken/summary.md"), StandardCharsets.UTF_8);
        assertEquals(0, status, "run --broken saw no forbidden outcome:\n" + summary);
        assertTrue(summary.contains("| FAILED |"), summary);
    }

    /**
     * Runs the script with {@code --no-build} (Maven has just built the jar). Its output goes to a
     * file, then to our output: a child writing to the Surefire fork's own stdout would corrupt it.
     */
    private static int run(String mode) throws IOException, InterruptedException {
        Path log = MODULE.resolve("target/run" + mode + ".log");
        Process process = new ProcessBuilder("bash", MODULE.resolve("run").toString(), mode, "--no-build")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        System.out.print(Files.readString(log, StandardCharsets.UTF_8));
        assertTrue(ended, "run " + mode + " took longer than " + TIMEOUT_MINUTES + " minutes");
        return process.exitValue();
    }

    /** The jcstress tests the annotation processor generated, from META-INF/TestList. */
    private static List<String> testNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = QuickRunTest.class.getResourceAsStream("/META-INF/TestList")) {
            assertTrue(in != null, "no META-INF/TestList on the class path");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                // Each line: JCTEST, then length-prefixed fields: <length>S<text>; the first is the test's name.
                if (line.startsWith("JCTEST")) {
                    int s = line.indexOf('S', 6);
                    int length = Integer.parseInt(line.substring(6, s));
                    names.add(line.substring(s + 1, s + 1 + length));
                }
            }
        }
        return names;
    }
}
