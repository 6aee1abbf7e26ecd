package mummy.topics.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mummy.api.HttpHeaders;
import mummy.topics.TopicMessage;
import mummy.testing.ListeningProcess;
import mummy.testing.TestStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that uses mummy.topics.redis (src/test/app, module {@code redisapp}), built and
 * run the two ways a modular application ships: from a module path of the jars as Maven
 * resolves them (Jedis and redis-authx-core automatic modules), and linked by jlink into a
 * runtime image after {@code jlink/modularize} gave those two a module-info. Either way it
 * publishes to, and streams from, a real redis-server that this test's own broker shares.
 */
class LinkedRedisAppTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    @TempDir
    Path work;

    @Test
    void onTheModulePathWithJedisAsAnAutomaticModule() throws Exception {
        Path app = compile();
        String prefix = "modpath:" + System.nanoTime() + ":";
        try (ListeningProcess process = ListeningProcess.start(List.of(tool("java"), "--enable-native-access=mummy.io",
                "--module-path", app + File.pathSeparator + String.join(File.pathSeparator, libraries()),
                "-m", "redisapp/redisapp.RedisApp", redis.uri().toString(), prefix), work.resolve("app.err"))) {
            exchange(process, prefix);
        }
    }

    @Test
    void inARuntimeImageLinkedAfterModularize() throws Exception {
        Path app = compile();
        Path lib = Files.createDirectories(work.resolve("lib"));
        List<String> directories = new ArrayList<>();
        for (String library : libraries()) {
            Path path = Path.of(library);
            if (Files.isDirectory(path)) {
                directories.add(library); // this module's own classes, an explicit module
            } else {
                Files.copy(path, lib.resolve(path.getFileName()));
            }
        }
        Path linkable = work.resolve("linkable");
        run(List.of("env", "JAVA_HOME=" + System.getProperty("java.home"), "bash", "jlink/modularize", lib.toString(),
                linkable.toString()));
        Path image = work.resolve("image");
        run(List.of(tool("jlink"), "--module-path", String.join(File.pathSeparator,
                        Stream.concat(Stream.of(app.toString(), linkable.toString()), directories.stream()).toList()),
                "--add-modules", "redisapp,mummy.sched.virtual,org.slf4j.jul",
                "--add-options=--enable-native-access=mummy.io",
                "--launcher", "redis-app=redisapp/redisapp.RedisApp",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--output", image.toString()));
        List<String> modules = run(List.of(image.resolve("bin/java").toString(), "--list-modules"))
                .lines().map(line -> line.split("[@ ]")[0]).toList();
        assertTrue(modules.containsAll(List.of("redisapp", "mummy.topics.redis", "redis.clients.jedis",
                "redis.clients.authentication.core", "org.apache.commons.pool2", "org.slf4j")), modules.toString());

        String prefix = "image:" + System.nanoTime() + ":";
        try (ListeningProcess process = ListeningProcess.start(List.of(image.resolve("bin/redis-app").toString(),
                redis.uri().toString(), prefix), work.resolve("image.err"))) {
            exchange(process, prefix);
        }
        assertTrue(Files.readString(work.resolve("image.err")).lines().noneMatch(line -> line.startsWith("SLF4J")),
                "SLF4J found its provider in the image");
    }

    /** The application publishes to this test's broker, and streams what this test's broker publishes. */
    private static void exchange(ListeningProcess process, String prefix) throws Exception {
        try (RedisBroker broker = RedisBroker.builder(redis.uri()).keyPrefix(prefix).streams(1000)
                .blockTime(Duration.ofMillis(100)).build()) {
            BlockingQueue<TopicMessage> received = new LinkedBlockingQueue<>();
            broker.subscribe("feed", received::add);
            assertEquals(204, process.client().post("/publish", "from the application").status());
            TopicMessage message = received.poll(10, TimeUnit.SECONDS);
            assertEquals("from the application", message == null ? null : message.text());

            try (TestStream events = process.client().stream("GET", "/events",
                    HttpHeaders.of("Last-Event-ID", message.id()), null)) {
                assertEquals(200, events.status());
                assertTrue(broker.publish("feed", "from the test"));
                assertEquals("from the test", events.readEvent().data());
            }
        }
    }

    /** Compiles src/test/app/redisapp against the module path of this build; returns the classes. */
    private Path compile() throws Exception {
        Path out = work.resolve("app");
        List<String> command = new ArrayList<>(List.of(tool("javac"), "-Xlint:all,-requires-automatic", "-Werror",
                "--module-path", String.join(File.pathSeparator, libraries()), "-d", out.toString()));
        try (Stream<Path> files = Files.walk(Path.of("src/test/app/redisapp"))) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> command.add(file.toString()));
        }
        run(command);
        return out;
    }

    /**
     * What the application needs, from this test JVM's class path: Mummy's jars, this module's
     * classes, JCTools, Jedis and its dependencies, SLF4J; not the test tools.
     */
    private static List<String> libraries() {
        List<String> found = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            boolean ownClasses = Files.isRegularFile(path.resolve("module-info.class"));
            boolean jar = name.endsWith(".jar") && Stream.of("mummy.", "jctools-", "jedis-", "redis-authx-", "slf4j-",
                    "commons-pool2-", "json-", "gson-", "error_prone_annotations-").anyMatch(name::startsWith)
                    && !name.startsWith("mummy.testing");
            if ((ownClasses || jar) && !found.contains(entry)) {
                found.add(entry);
            }
        }
        return found;
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Runs a command to its end; fails with its output unless it exits 0 within two minutes. */
    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command.getFirst() + " finished");
        assertEquals(0, process.exitValue(), command + "\n" + output);
        return output;
    }
}
