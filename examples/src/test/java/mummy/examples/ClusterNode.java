package mummy.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ClusterChat} instance in a child JVM for the cluster tests, as {@code bin/cluster}
 * starts it: from the packaged modules ({@code examples/target/modules}, which the failsafe tests
 * run after), {@code --add-modules ALL-MODULE-PATH} for Redis and Jedis, on a fixed port so that
 * nginx's upstream still points at it after {@link #restart()}. Stopped by its PID.
 *
 * <p>Threading: one test thread.
 */
final class ClusterNode implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final int port;
    private final List<String> options;
    private final Path log;
    private Process process;

    private ClusterNode(String name, int port, List<String> options, Path log) {
        this.name = name;
        this.port = port;
        this.options = options;
        this.log = log;
    }

    /**
     * Starts an instance on a free port.
     *
     * @param name its {@code --name}
     * @param redis its {@code --redis} URI
     * @param mode its {@code --redis-mode}
     * @param directory where its log goes
     */
    static ClusterNode start(String name, String redis, String mode, Path directory) throws Exception {
        Files.createDirectories(directory);
        ClusterNode node = new ClusterNode(name, NginxProxy.freePort(), List.of("--redis", redis, "--redis-mode", mode),
                directory.resolve(name + ".log"));
        node.restart();
        return node;
    }

    /** Starts the instance (again) on its port and returns once it listens. */
    void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("instance " + name + " is running already (pid " + process.pid() + ")");
        }
        Files.deleteIfExists(log);
        Path modules = NginxProxy.examples().resolve("target/modules");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "--enable-native-access=mummy.io", "--module-path", modules.toString(),
                "--add-modules", "ALL-MODULE-PATH", "-m", "mummy.examples/mummy.examples.ClusterChat",
                "--name", name, "--port", Integer.toString(port)));
        command.addAll(options);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(log).contains("listening on 127.0.0.1:" + port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                fail("instance " + name + " did not start (is examples/target/modules packaged?):\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** Kills the instance by its PID with SIGKILL, as a crash would: no close frames, no goodbyes. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("instance " + name + " (pid " + process.pid() + ") still runs after SIGKILL");
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** What the instance logged so far. */
    String log() throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Stops it by its PID: SIGTERM (graceful shutdown), SIGKILL after 15 s. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
