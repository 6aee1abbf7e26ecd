package mummy.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The test application of {@code src/test/app} (module {@code jsonapp}): compiled with the JDK's
 * {@code javac} against the jars of this build, then run (a {@link mummy.testing.ListeningProcess})
 * from a module path or from a runtime image linked with {@code jlink}.
 */
final class JsonAppProcess {

    private JsonAppProcess() {
    }

    /** The JDK's own tool, such as {@code javac} or {@code jlink}. */
    static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /**
     * The module path of the application: this module's classes and the jars of mummy, Jackson
     * and JCTools that the test JVM has, from its module path and class path.
     */
    static String modulePath() {
        List<String> entries = new ArrayList<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                String name = path.getFileName() == null ? "" : path.getFileName().toString();
                boolean library = name.endsWith(".jar") && (name.startsWith("mummy.") || name.startsWith("jackson-")
                        || name.startsWith("jctools-"));
                boolean module = Files.isRegularFile(path.resolve("module-info.class"));
                if ((library || module) && !entries.contains(entry)) {
                    entries.add(entry);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Compiles the application into {@code out} (an exploded module) and returns {@code out}. */
    static Path compile(Path out) throws Exception {
        Path sources = Path.of(System.getProperty("mummy.test.app"), "jsonapp");
        List<String> command = new ArrayList<>(List.of(tool("javac"), "-Xlint:all", "-Werror",
                "--module-path", modulePath(), "-d", out.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> command.add(file.toString()));
        }
        run(command);
        return out;
    }

    /** Runs a tool to its end, failing with its output unless it exits 0 within two minutes. */
    static String run(List<String> command) throws Exception {
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tool.waitFor(120, TimeUnit.SECONDS), command.getFirst() + " finished");
        assertEquals(0, tool.exitValue(), command + "\n" + output);
        return output;
    }
}
