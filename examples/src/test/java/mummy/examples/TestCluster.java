package mummy.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mummy.testing.TestClient;
import mummy.testing.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The cluster of {@code bin/cluster} with its real parts, for one test class, as a JUnit extension
 * ({@code @RegisterExtension static final TestCluster cluster = new TestCluster("streams", true);}):
 * Debian's redis-server ({@link TestRedis}; {@code mummy.topics.redis/redis-tests/setup} installs it
 * when missing), two {@link ClusterChat} instances "a" and "b" in child JVMs and, when asked for,
 * nginx running {@code examples/nginx/cluster.conf}; everything on free loopback ports under one
 * temporary directory, started before the class's tests and stopped by PID after them,
 * also when starting failed half-way.
 *
 * <p>Threading: one test thread.
 */
final class TestCluster implements BeforeAllCallback, AfterAllCallback {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private final String mode;
    private final boolean withNginx;
    // Filled by direct and viaNginx, closed by afterAll: one client per call, a handful per test class.
    private final List<TestClient> clients = new ArrayList<>();
    // Filled by beforeAll as each part starts, so that afterAll stops what did start.
    private final List<AutoCloseable> started = new ArrayList<>();
    private Path directory;
    private TestRedis redis;
    private ClusterNode a;
    private ClusterNode b;
    private NginxProxy nginx;

    /**
     * @param mode {@code streams} or {@code pubsub}, the instances' {@code --redis-mode}
     * @param withNginx whether nginx goes in front
     */
    TestCluster(String mode, boolean withNginx) {
        this.mode = mode;
        this.withNginx = withNginx;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path setup = NginxProxy.examples().resolveSibling("mummy.topics.redis").resolve("redis-tests/setup");
        NginxProxy.run(List.of(setup.toString()), INSTALL_TIMEOUT, "redis-server (apt-get install -y redis-server)");
        // In the system's temporary folder, not in target: nginx's workers (nobody) must reach it,
        // and a checkout's parents may not let them.
        directory = Files.createTempDirectory("mummy-cluster-");
        redis = started(TestRedis.start(directory.resolve("redis")));
        a = started(ClusterNode.start("a", redis.uri().toString(), mode, directory.resolve("instances")));
        b = started(ClusterNode.start("b", redis.uri().toString(), mode, directory.resolve("instances")));
        if (withNginx) {
            // nginx's workers run as nobody when the tests run as root: they need a way to their temporary files.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectory(directory.resolve("nginx"));
            nginx = started(NginxProxy.start(NginxProxy.examples().resolve("nginx/cluster.conf"), Map.of(
                    "server 127.0.0.1:8081 ", "server 127.0.0.1:" + a.port() + " ",
                    "server 127.0.0.1:8082 ", "server 127.0.0.1:" + b.port() + " "), directory.resolve("nginx")));
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        started.add(part);
        return part;
    }

    TestRedis redis() {
        return redis;
    }

    ClusterNode a() {
        return a;
    }

    ClusterNode b() {
        return b;
    }

    NginxProxy nginx() {
        if (nginx == null) {
            throw new IllegalStateException("this cluster was started without nginx");
        }
        return nginx;
    }

    /** A client straight to one instance, closed with the cluster. */
    TestClient direct(ClusterNode node) {
        TestClient client = TestClient.create(node.port());
        clients.add(client);
        return client;
    }

    /** A client to nginx over https (its certificate trusted), closed with the cluster. */
    TestClient viaNginx() throws Exception {
        TestClient client = TestClient.create(URI.create("https://127.0.0.1:" + nginx().port()), nginx().sslContext());
        clients.add(client);
        return client;
    }

    /** Stops nginx, the instances and Redis by their PIDs (last started first), then removes the directory. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        clients.forEach(TestClient::close);
        AssertionError failure = null;
        for (AutoCloseable part : started.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new AssertionError("stopping " + part + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
