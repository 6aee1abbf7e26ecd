package mummy.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server for the cluster tests, on a fixed loopback port with its own directory and
 * nothing saved ({@code --save '' --appendonly no}), so that a restart starts empty as a crashed
 * cache would. {@code mummy.topics.redis/redis-tests/setup} installs it first when it is missing.
 * {@link #stop()} ends it by its PID; {@link #start()} runs it again on the same port.
 *
 * <p>Threading: one test thread.
 */
final class RedisProcess implements AutoCloseable {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration START_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path directory;
    private final int port;
    private Process process;

    private RedisProcess(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Installs redis-server if needed and starts it on a free port, its files in {@code directory}. */
    static RedisProcess start(Path directory) throws Exception {
        Path setup = NginxProxy.examples().resolveSibling("mummy.topics.redis").resolve("redis-tests/setup");
        NginxProxy.run(List.of(setup.toString()), INSTALL_TIMEOUT, "redis-server (apt-get install -y redis-server)");
        Files.createDirectories(directory);
        RedisProcess redis = new RedisProcess(directory, NginxProxy.freePort());
        redis.start();
        return redis;
    }

    /** Starts the server (again) and returns once it answers PING. */
    void start() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is running already (pid " + process.pid() + ")");
        }
        Path log = directory.resolve("redis.log");
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", directory.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(START_STOP_TIMEOUT);
        while (!answersPing()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                fail("redis-server did not start on port " + port + ":\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** Stops the server by its PID (SIGTERM; SIGKILL after 10 s) and waits until it exited. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            fail("redis-server (pid " + process.pid() + ") did not stop within " + START_STOP_TIMEOUT);
        }
    }

    /** Where it listens, for {@code --redis}. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Whether it answers {@code PING} with {@code +PONG} within a second. */
    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
