package mummy.testing;

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
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away {@code redis-server} for the tests of an application that scales out through
 * {@code mummy.topics.redis}: on a free loopback port, its files in a directory of the test's,
 * nothing saved ({@code --save '' --appendonly no}, so a restart starts empty as a crashed cache
 * would), stopped by its PID.
 *
 * <pre>{@code
 * try (TestRedis redis = TestRedis.start(tempDir)) {
 *     RedisBroker broker = RedisBroker.builder(redis.uri()).build();
 *     ...
 *     redis.kill();      // an outage
 *     redis.restart();   // the same port again
 * }
 * }</pre>
 *
 * <p>It does not install Redis: the binary is looked up in {@code /usr/bin}, {@code /usr/local/bin}
 * and the {@code PATH} (Debian: {@code apt-get install redis-server}); without one, {@link #start}
 * says so. The server's output goes to {@code redis.log} in the directory, shown when it does not
 * start.
 *
 * <p>Threading: one test thread.
 */
public final class TestRedis implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN = Duration.ofSeconds(10);

    private final Path directory;
    private final int port;
    private Process process;

    private TestRedis(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts a server on a free port and returns once it answers {@code PING}.
     *
     * @param directory where its files go (made if missing)
     * @return the running server
     * @throws IOException if it cannot be started or does not answer within ten seconds (with its log)
     * @throws IllegalStateException if no {@code redis-server} is installed
     */
    public static TestRedis start(Path directory) throws IOException {
        Files.createDirectories(Objects.requireNonNull(directory, "directory"));
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = probe.getLocalPort();
        }
        TestRedis redis = new TestRedis(directory, port);
        redis.restart();
        return redis;
    }

    /**
     * Where it listens, for a Redis client.
     *
     * @return {@code redis://127.0.0.1:PORT}
     */
    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Whether the server process is alive (it may not answer yet, or any more).
     *
     * @return whether it runs
     */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the server again on the same port, after {@link #kill()} or {@link #stop()}, and
     * returns once it answers {@code PING}.
     *
     * @throws IOException if it cannot be started or does not answer within ten seconds (with its log)
     * @throws IllegalStateException if it is running
     */
    public void restart() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("redis-server is running (pid " + process.pid() + ")");
        }
        Path log = directory.resolve("redis.log");
        process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--protected-mode", "yes", "--dir", directory.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--loglevel", "warning")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long until = System.nanoTime() + STARTUP.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > until) {
                close();
                throw new IOException("redis-server did not start on port " + port + ":\n"
                        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while redis-server started", e);
            }
        }
    }

    /**
     * Kills the server (SIGKILL: an outage, not a shutdown) and waits until it is gone.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops the server (SIGTERM, SIGKILL after ten seconds) and waits until it is gone.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if it had to be killed
     */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
            throw new IllegalStateException("redis-server (pid " + process.pid() + ") did not stop within " + SHUTDOWN);
        }
    }

    /** Stops the server; killed when interrupted. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "redis-server on port " + port + (process == null ? "" : " (pid " + process.pid() + ")");
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return "+PONG\r\n".equals(new String(in.readNBytes(7), StandardCharsets.US_ASCII));
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
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server"))) {
                    return Path.of(dir, "redis-server").toString();
                }
            }
        }
        throw new IllegalStateException("redis-server is not installed (Debian: apt-get install redis-server)");
    }
}
