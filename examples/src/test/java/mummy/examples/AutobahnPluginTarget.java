package mummy.examples;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link AutobahnServer} for the Autobahn|Testsuite Maven plugin, which calls a main class
 * with the port as its only argument, on a thread of Maven's own JVM and on the class path, and
 * interrupts that thread when the suite is done.
 *
 * <p>The server runs as it would in production instead: a child JVM with {@code target/modules}
 * on the module path and native access for {@code mummy.io} (on the plugin's class path no
 * scheduler provider would be found), with two IO loops ({@code --io-threads 2}): the plugin's
 * run is the WebSocket conformance check of several loops; {@link AutobahnIT}'s compression run
 * covers one loop and two. Its output goes to
 * {@code target/autobahn-reports/plain-server.log}. This thread waits for the child and stops it
 * when interrupted (and from a shutdown hook, should Maven exit first).
 */
public final class AutobahnPluginTarget {

    private AutobahnPluginTarget() {
    }

    /**
     * Runs the server in a child JVM until this thread is interrupted.
     *
     * @param args the port, the only argument
     * @throws IOException if the child JVM cannot be started
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("expected the port as the only argument, got " + List.of(args));
        }
        Path target = targetDirectory();
        Path log = target.resolve("autobahn-reports").resolve("plain-server.log");
        Files.createDirectories(log.getParent());
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=mummy.io",
                "--module-path", target.resolve("modules").toString(),
                "-m", "mummy.examples/" + AutobahnServer.class.getName(),
                "--port", Integer.toString(Integer.parseInt(args[0])), "--io-threads", "2");
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Thread stop = Thread.ofPlatform().unstarted(() -> stop(server));
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            int status = server.waitFor();
            throw new IllegalStateException("the Autobahn target exited with status " + status + ": "
                    + Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException done) {
            stop(server);
            Runtime.getRuntime().removeShutdownHook(stop);
        }
    }

    private static void stop(Process server) {
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code examples/target}: the parent of the directory this class was loaded from. */
    private static Path targetDirectory() {
        try {
            return Path.of(AutobahnPluginTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
