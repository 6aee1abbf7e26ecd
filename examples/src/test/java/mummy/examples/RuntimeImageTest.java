package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mummy.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links the examples into a runtime image with jlink, as {@code bin/runtime-image} does, starts
 * the image's {@code echo-server} launcher and gets {@code Hello, World!} from it.
 */
class RuntimeImageTest {

    @TempDir
    Path work;

    @Test
    void linkedImageServesHelloWorld() throws Exception {
        Path image = work.resolve("image");
        String modulePath = System.getProperty("jdk.module.path");
        // A separate process: jlink refuses to link from the run-time image inside a patched test JVM.
        Process jlink = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--module-path", modulePath,
                "--add-modules", "mummy.examples,mummy.sched.pool,mummy.sched.fj,mummy.sched.virtual",
                "--add-options=--enable-native-access=mummy.io",
                "--launcher", "echo-server=mummy.examples/mummy.examples.EchoServer",
                "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", image.toString()).redirectErrorStream(true).start();
        String output = new String(jlink.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jlink.waitFor(120, TimeUnit.SECONDS), "jlink finished");
        int status = jlink.exitValue();
        assertEquals(0, status, output);
        List<String> modules = listModules(image);
        assertTrue(modules.contains("org.jctools.core") && modules.contains("mummy.web") && modules.contains("mummy.sched.virtual")
                && modules.contains("jdk.jfr"),
                modules.toString());
        assertTrue(modules.stream().noneMatch(m -> m.startsWith("java.desktop")), "only what is needed: " + modules);

        Process server = new ProcessBuilder(image.resolve("bin/echo-server").toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
        } finally {
            // The image's launcher is a shell script that does not exec java: stop its children too.
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
        System.getLogger("mummy.test").log(System.Logger.Level.INFO, "runtime image size: {0} bytes", size(image));
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
