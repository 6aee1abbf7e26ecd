package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mummy.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links the examples into runtime images with jlink, as {@code bin/runtime-image} does: one with
 * the schedulers, whose {@code echo-server} launcher (written by {@code bin/image-launcher}) serves
 * {@code Hello, World!} and stops cleanly on a SIGTERM to its PID; and one linked from the
 * application module alone, whose error says how to link a scheduler in.
 */
class RuntimeImageTest {

    private static final Path IMAGE_LAUNCHER = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("bin").resolve("image-launcher");

    @TempDir
    Path work;

    @Test
    void linkedImageServesHelloWorldAndStopsOnSigtermToItsLauncher() throws Exception {
        Path image = link("mummy.examples,mummy.sched.pool,mummy.sched.fj,mummy.sched.virtual");
        List<String> modules = listModules(image);
        assertTrue(modules.contains("org.jctools.core") && modules.contains("mummy.web") && modules.contains("mummy.sched.virtual")
                && modules.contains("jdk.jfr"),
                modules.toString());
        assertTrue(modules.stream().noneMatch(m -> m.startsWith("java.desktop")), "only what is needed: " + modules);
        run(List.of(IMAGE_LAUNCHER.toString(), image.toString(), "echo-server", "mummy.examples/mummy.examples.EchoServer"));

        Path errors = work.resolve("echo-server.err");
        Process server = new ProcessBuilder(image.resolve("bin/echo-server").toString(), "--port", "0")
                .redirectError(errors.toFile()).start();
        List<ProcessHandle> started = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("listening on 127.0.0.1:"), "first line: " + line);
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
            try (TestClient client = TestClient.create(port)) {
                assertEquals("Hello, World!", client.get("/").text());
                // jdk.jfr (required by mummy.io for its events) is linked in, and the metrics work there
                assertTrue(client.get("/metrics").text().contains("http_route=\"/\""), "metrics in the image");
            }
            started.add(server.toHandle());
            server.toHandle().descendants().forEach(started::add);
            assertEquals(List.of(server.toHandle()), started, "the launcher runs no child: it became java");
            assertEquals(image.resolve("bin/java").toRealPath().toString(), server.info().command().orElse(""),
                    "the launcher's PID runs the image's java");

            server.destroy(); // SIGTERM, as kill PID, systemd or a container runtime sends
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "java still running 30 s after SIGTERM to the launcher");
            String stderr = Files.readString(errors, StandardCharsets.UTF_8);
            assertEquals(143, server.exitValue(), "the JVM's status after SIGTERM with its shutdown hooks run; stderr:\n" + stderr);
            assertTrue(stderr.contains("server.stopped") && !stderr.contains("Exception"), "stderr:\n" + stderr);
            assertTrue(started.stream().noneMatch(ProcessHandle::isAlive), "nothing left running: " + started);
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
        }
        System.getLogger("mummy.test").log(System.Logger.Level.INFO, "runtime image size: {0} bytes", size(image));
    }

    @Test
    void imageLinkedWithoutASchedulerSaysHowToLinkOne() throws Exception {
        Path image = link("mummy.examples");
        List<String> modules = listModules(image);
        assertTrue(modules.contains("mummy.io") && modules.stream().noneMatch(m -> m.startsWith("mummy.sched.")),
                modules.toString());
        Process demo = new ProcessBuilder(image.resolve("bin/java").toString(),
                "-m", "mummy.examples/mummy.examples.SchedulerDemo").start();
        String stderr = new String(demo.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the image's java finished");
        assertNotEquals(0, demo.exitValue(), stderr);
        assertTrue(stderr.contains("java.lang.IllegalArgumentException: no scheduler provider found: this runtime image"
                + " was linked without one; link it again with jlink --add-modules mummy.sched.virtual (or"
                + " mummy.sched.pool or mummy.sched.fj), or with --bind-services"), stderr);
        assertFalse(stderr.contains("on the module path"), stderr);
    }

    /** jlink from this JVM's JDK and module path, as bin/runtime-image does; returns the image. */
    private Path link(String modules) throws Exception {
        Path image = work.resolve("image-" + modules.hashCode());
        // A separate process: jlink refuses to link from the run-time image inside a patched test JVM.
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--module-path", System.getProperty("jdk.module.path"),
                "--add-modules", modules,
                "--add-options=--enable-native-access=mummy.io",
                "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", image.toString()));
        return image;
    }

    /** Runs a tool to its end (at most 120 s) and fails with its output unless it exits 0. */
    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished: " + command);
        assertEquals(0, process.exitValue(), command + "\n" + output);
    }

    private static List<String> listModules(Path image) throws Exception {
        Process java = new ProcessBuilder(image.resolve("bin/java").toString(), "--list-modules").start();
        String listing = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(30, TimeUnit.SECONDS));
        return listing.lines().map(l -> l.split("@")[0]).toList();
    }

    private static long size(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
