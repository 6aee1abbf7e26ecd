package mummy.topics.redis;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mummy.testing.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away redis-server ({@link TestRedis}) for one test class, as a JUnit extension
 * ({@code @RegisterExtension static final RedisServer redis = new RedisServer();}): Debian's binary,
 * installed by {@code redis-tests/setup} when missing; started before the class's tests in a
 * directory of its own, stopped by its PID after them (the directory deleted), and killed and
 * started again on the same port when a test plays an outage.
 */
final class RedisServer implements BeforeAllCallback, AfterAllCallback {

    private Path directory;
    private TestRedis redis;

    /** Installs redis-server if needed, then starts one. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        setup();
        directory = Files.createTempDirectory("mummy-redis-test");
        redis = TestRedis.start(directory);
    }

    URI uri() {
        return redis.uri();
    }

    int port() {
        return redis.port();
    }

    /** Starts the server again, on the same port, and waits until it answers PING. */
    void restart() throws IOException {
        redis.restart();
    }

    /** Kills the server by its PID (SIGKILL: an outage, not a shutdown) and waits for it to end. */
    void kill() throws InterruptedException {
        redis.kill();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (redis != null) {
            redis.close();
        }
        try (var files = Files.walk(directory)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
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
