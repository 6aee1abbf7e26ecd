package mummy.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mummy.testing.TestClient;

/**
 * The test application of {@code src/test/app} (module {@code jsonapp}) in a child JVM: compiled
 * with the JDK's {@code javac} against the jars of this build, then run from a module path or from
 * a runtime image linked with {@code jlink}. The child's stderr goes to a file, shown when it
 * fails to start.
 */
final class JsonAppProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final TestClient client;

    private JsonAppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = TestClient.create(port);
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

    /**
     * Starts the application with {@code command} and waits for its "listening on" line.
     *
     * @param command the child's command line
     * @param stderr where the child's stderr goes
     */
    static JsonAppProcess start(List<String> command, Path stderr) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening on 127.0.0.1:")) {
            stop(process);
            throw new AssertionError("the application did not start: " + line + "\n" + Files.readString(stderr));
        }
        return new JsonAppProcess(process, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
    }

    TestClient client() {
        return client;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        client.close();
        stop(process);
    }

    private static void stop(Process process) {
        // An image's launcher is a shell script that does not exec java: stop its children too.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
