package mummy.examples;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mummy.testing.TestClient;
import mummy.testing.TestRedis;

/**
 * The cluster of {@code bin/cluster} with its real parts, for the cluster tests: Debian's
 * redis-server ({@link TestRedis}; {@code mummy.topics.redis/redis-tests/setup} installs it when
 * missing), two {@link ClusterChat} instances "a" and "b" in child JVMs and, when asked for, nginx
 * running {@code examples/nginx/cluster.conf}; everything on free loopback ports under one
 * directory, stopped by PID in {@link #close()}, also when starting failed half-way.
 *
 * <p>Threading: one test thread.
 */
final class TestCluster implements AutoCloseable {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    final TestRedis redis;
    final ClusterNode a;
    final ClusterNode b;
    /** Null without nginx. */
    final NginxProxy nginx;
    // Filled by direct and viaNginx, closed by close: one client per call, a handful per test class.
    private final List<TestClient> clients = new ArrayList<>();

    private TestCluster(TestRedis redis, ClusterNode a, ClusterNode b, NginxProxy nginx) {
        this.redis = redis;
        this.a = a;
        this.b = b;
        this.nginx = nginx;
    }

    /**
     * Starts Redis, both instances with {@code --redis-mode mode}, and nginx if asked.
     *
     * @param directory the test's directory
     * @param mode {@code streams} or {@code pubsub}
     * @param withNginx whether nginx goes in front
     * @return the running cluster
     * @throws Exception if a part did not start (the others are stopped)
     */
    static TestCluster start(Path directory, String mode, boolean withNginx) throws Exception {
        Path setup = NginxProxy.examples().resolveSibling("mummy.topics.redis").resolve("redis-tests/setup");
        NginxProxy.run(List.of(setup.toString()), INSTALL_TIMEOUT, "redis-server (apt-get install -y redis-server)");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            TestRedis redis = TestRedis.start(directory.resolve("redis"));
            started.add(redis);
            ClusterNode a = ClusterNode.start("a", redis.uri().toString(), mode, directory.resolve("instances"));
            started.add(a);
            ClusterNode b = ClusterNode.start("b", redis.uri().toString(), mode, directory.resolve("instances"));
            started.add(b);
            NginxProxy nginx = null;
            if (withNginx) {
                // nginx's workers run as nobody when the tests run as root: they need a way to their temporary files.
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.createDirectory(directory.resolve("nginx"));
                nginx = NginxProxy.start(NginxProxy.examples().resolve("nginx/cluster.conf"), Map.of(
                        "server 127.0.0.1:8081 ", "server 127.0.0.1:" + a.port() + " ",
                        "server 127.0.0.1:8082 ", "server 127.0.0.1:" + b.port() + " "), directory.resolve("nginx"));
            }
            return new TestCluster(redis, a, b, nginx);
        } catch (Throwable e) {
            for (AutoCloseable part : started.reversed()) {
                try {
                    part.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** A client straight to one instance, closed with the cluster. */
    TestClient direct(ClusterNode node) {
        TestClient client = TestClient.create(node.port());
        clients.add(client);
        return client;
    }

    /** A client to nginx over https (its certificate trusted), closed with the cluster. */
    TestClient viaNginx() throws Exception {
        if (nginx == null) {
            throw new IllegalStateException("this cluster was started without nginx");
        }
        TestClient client = TestClient.create(URI.create("https://127.0.0.1:" + nginx.port()), nginx.sslContext());
        clients.add(client);
        return client;
    }

    /** Stops nginx, the instances and Redis by their PIDs. */
    @Override
    public void close() {
        clients.forEach(TestClient::close);
        for (AutoCloseable part : new AutoCloseable[] {nginx, a, b, redis}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    throw new AssertionError("stopping " + part + " failed", e);
                }
            }
        }
    }
}
