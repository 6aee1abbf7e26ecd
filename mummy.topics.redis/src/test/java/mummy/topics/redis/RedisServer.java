package mummy.topics.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away redis-server for one test class, as a JUnit extension
 * ({@code @RegisterExtension static final RedisServer redis = new RedisServer();}): Debian's binary
 * (installed by {@code redis-tests/setup} when missing), on a free loopback port, with its own
 * directory, no persistence; started before the class's tests, stopped by its PID after them, and
 * killed and started again on the same port when a test plays an outage.
 */
final class RedisServer implements BeforeAllCallback, AfterAllCallback {

    private static final Duration STARTUP = Duration.ofSeconds(10);

    private int port;
    private Path directory;
    private Process process;

    /** Installs redis-server if needed, then starts one. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        setup();
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = probe.getLocalPort();
        }
        directory = Files.createTempDirectory("mummy-redis-test");
        restart();
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** Starts the server (again, on the same port) and waits until it answers PING. */
    void restart() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is running");
        }
        process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--daemonize", "no",
                "--protected-mode", "yes", "--loglevel", "warning")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        long until = System.nanoTime() + STARTUP.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > until) {
                String log = Files.exists(directory.resolve("redis.log")) ? Files.readString(directory.resolve("redis.log")) : "";
                stop();
                throw new IOException("redis-server did not start on port " + port + ": " + log);
            }
            Thread.sleep(20);
        }
    }

    /** Kills the server by its PID (SIGKILL: an outage, not a shutdown) and waits for it to end. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "redis-server";
    }

    /** Runs redis-tests/setup; fails with its output when it could not install redis-server. */
    private static void setup() throws IOException, InterruptedException {
        Process setup = new ProcessBuilder("bash", "redis-tests/setup").redirectErrorStream(true).start();
        String output = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!setup.waitFor(10, TimeUnit.MINUTES) || setup.exitValue() != 0) {
            throw new IOException("mummy.topics.redis/redis-tests/setup failed: " + output);
        }
    }
}
