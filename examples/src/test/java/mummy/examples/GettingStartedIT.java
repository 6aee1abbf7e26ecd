package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mummy.testing.TestClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The path a new user takes, taken the way they take it: the library is deployed from a copy of
 * this source tree to a file repository (standing in for Maven Central) and installed into a
 * temporary local repository, with the build's own commands; then {@code examples/getting-started},
 * a project of its own, is built and tested with plain {@code mvn} against what was deployed,
 * linked with the README's {@code jlink} recipe, and its image answers and stops on SIGTERM.
 *
 * <p>Nothing here reads the reactor's classes or jars: a wrong coordinate, a module missing from
 * the BOM or from the published set, a broken sources or javadoc jar, a README sample that no longer
 * matches the project, or a launcher that does not stop makes it fail. Third-party artifacts come from
 * this build's own local repository (read as a remote one) so that the run does not download them
 * again; anything missing there comes from Maven Central.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GettingStartedIT {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Path ROOT = Path.of(System.getProperty("mummy.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("mummy.version", "0.1.0-SNAPSHOT");
    private static final Path WORK = ROOT.resolve("examples/target/getting-started-it");
    private static final Path STAGING = WORK.resolve("staging");
    private static final Path INSTALLED = WORK.resolve("m2-library");
    private static final Path USER_REPO = WORK.resolve("m2-user");
    private static final Path USER_PROJECT = WORK.resolve("hello-mummy");
    private static final Set<String> NOT_LIBRARY_FILES = Set.of("maven-metadata-local.xml", "_remote.repositories",
            "resolver-status.properties");

    @Test
    @Order(1)
    void deployPublishesTheLibraryModulesAndTheBomWithSourcesAndJavadoc() throws Exception {
        deleteRecursively(WORK);
        Path source = WORK.resolve("source");
        copyTree(ROOT, source, path -> {
            String name = path.getFileName().toString();
            return !name.equals("target") && !name.equals("node_modules") && !name.equals(".git")
                    && !name.equals(".cifuzz-corpus") && !path.equals(ROOT.resolve("benchmarks/results"));
        });
        Path settings = settings("library-settings.xml", Map.of());
        Result deploy = run(source, List.of(source.resolve("bin/mvnw").toString(), "deploy", "-DskipTests",
                "-DaltDeploymentRepository=staging::" + STAGING.toUri(),
                "-Dmaven.repo.local=" + INSTALLED, "-s", settings.toString()), Map.of(), "deploy.log");
        assertEquals(0, deploy.status(), "the library's deploy failed; see " + deploy.log() + "\n" + deploy.tail());

        Set<String> published = bomModules(ROOT.resolve("mummy-bom/pom.xml"));
        assertTrue(published.containsAll(Set.of("mummy.api", "mummy.io", "mummy.web", "mummy.sched.pool",
                "mummy.sched.fj", "mummy.sched.virtual", "mummy.testing", "mummy.json.jackson", "mummy.metrics.micrometer")),
                "the BOM names every library: " + published);
        Set<String> expected = new TreeSet<>(published);
        expected.addAll(Set.of("mummy-parent", "mummy-bom"));
        // Installed (the README's install) and deployed (a release): the same artifacts, nothing else.
        assertEquals(expected, artifactIds(INSTALLED.resolve("io/mummy")), "installed into the local repository");
        assertEquals(expected, artifactIds(STAGING.resolve("io/mummy")), "deployed to the file repository");
        assertEquals(expected, reactorModulesPublished(deploy.output()), "modules the build installed");
        for (String module : published) {
            Path dir = STAGING.resolve("io/mummy/" + module + "/" + VERSION);
            for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar", ".pom")) {
                Pattern file = Pattern.compile(Pattern.quote(module) + "-[0-9.]+-[0-9.]+-\\d+" + Pattern.quote(suffix));
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> found = files.filter(f -> file.matcher(f.getFileName().toString()).matches()).toList();
                    assertEquals(1, found.size(), module + suffix + " deployed once in " + dir);
                    assertTrue(Files.exists(Path.of(found.getFirst() + ".sha1")), "checksum of " + found.getFirst());
                }
            }
            assertTrue(Files.exists(INSTALLED.resolve("io/mummy/" + module + "/" + VERSION + "/" + module + "-"
                    + VERSION + "-javadoc.jar")), module + " javadoc installed");
        }
    }

    @Test
    @Order(2)
    void theReadmeShowsTheGettingStartedProjectAsItIs() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("<!-- from (\\S+) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> checked = new ArrayList<>();
        while (block.find()) {
            Path file = ROOT.resolve(block.group(1));
            assertTrue(Files.isRegularFile(file), "README quotes " + block.group(1) + ", which does not exist");
            String text = Files.readString(file);
            for (String part : block.group(2).split("(?m)^\\s*(\\.\\.\\.|<!-- \\.\\.\\. -->)\\s*\\n")) {
                assertTrue(text.contains(part), "README's excerpt of " + block.group(1) + " differs from the file:\n" + part);
            }
            checked.add(block.group(1));
        }
        assertTrue(checked.containsAll(List.of("examples/getting-started/pom.xml",
                "examples/getting-started/src/main/java/module-info.java", "examples/getting-started/link-image")),
                "README quotes the getting-started project's pom, module-info and link script: " + checked);
        String pom = Files.readString(ROOT.resolve("examples/getting-started/pom.xml"));
        assertTrue(pom.contains("<mummy.version>" + VERSION + "</mummy.version>"),
                "examples/getting-started/pom.xml names this build's version " + VERSION);
        assertTrue(Files.readString(ROOT.resolve("mummy-bom/pom.xml")).contains("<version>" + VERSION + "</version>"),
                "mummy-bom/pom.xml has this build's version " + VERSION);
    }

    @Test
    @Order(3)
    void aUserProjectBuildsTestsLinksAndRunsAgainstTheDeployedArtifacts() throws Exception {
        assertTrue(Files.isDirectory(STAGING.resolve("io/mummy/mummy-bom")), "the deploy test ran first");
        deleteRecursively(USER_PROJECT);
        copyTree(ROOT.resolve("examples/getting-started"), USER_PROJECT, path -> !path.getFileName().toString().equals("target"));
        Path settings = settings("user-settings.xml", Map.of("staging", STAGING.toUri().toString()));
        // Plain Maven, as a user runs it: the JDK 25 through JAVA_HOME, no MAVEN_OPTS, none of bin/mvnw.
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        Result build = run(USER_PROJECT, List.of("mvn", "-B", "-ntp", "package", "-Dmaven.repo.local=" + USER_REPO,
                "-s", settings.toString()), env, "user-build.log");
        assertEquals(0, build.status(), "the user's build failed; see " + build.log() + "\n" + build.tail());
        Matcher tests = Pattern.compile("Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)\\n")
                .matcher(build.output());
        String last = null;
        while (tests.find()) {
            last = tests.group();
        }
        assertTrue(last != null && !last.startsWith("Tests run: 0,") && last.contains("Failures: 0, Errors: 0"),
                "the project's tests ran and passed: " + last);
        assertFalse(build.output().contains("sun.misc.Unsafe"), "the project's .mvn/jvm.config silences Maven's Unsafe warnings");
        // Every Mummy artifact the user's build used came from the deployed repository.
        try (Stream<Path> marks = Files.walk(USER_REPO.resolve("io/mummy"))) {
            for (Path mark : marks.filter(p -> p.getFileName().toString().equals("_remote.repositories")).toList()) {
                String origin = Files.readString(mark);
                assertTrue(origin.contains(">staging="), mark + " says where it came from: " + origin);
            }
        }

        Result link = run(USER_PROJECT, List.of("sh", "link-image"), env, "user-link.log");
        assertEquals(0, link.status(), "the README's jlink recipe failed; see " + link.log() + "\n" + link.tail());
        Path launcher = USER_PROJECT.resolve("target/image/bin/hello");
        assertTrue(Files.isExecutable(launcher), "the image has its launcher");

        Path errors = WORK.resolve("image.err");
        Process server = new ProcessBuilder(launcher.toString(), "0").redirectError(errors.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith("listening on http://127.0.0.1:"), "first line: " + line);
            URI base = URI.create(line.substring("listening on ".length()));
            try (TestClient client = TestClient.create(base)) {
                assertEquals("Hello, image!", client.get("/hello/image").text());
            }
            // The launcher execs java: the process started is the JVM, so SIGTERM reaches it.
            assertEquals(0, server.descendants().count(), "no child process: the launcher exec'd java");
            server.destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the image stopped on SIGTERM");
            assertEquals(143, server.exitValue(), "stopped by SIGTERM after its shutdown hook");
            String log = Files.readString(errors);
            assertTrue(log.contains("server.stopped"), "the stop was logged:\n" + log);
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    /** A settings file: third-party artifacts from this build's local repository, then Central. */
    private static Path settings(String name, Map<String, String> extraRepositories) throws IOException {
        Path outer = Path.of(System.getProperty("mummy.localRepository", System.getProperty("user.home") + "/.m2/repository"));
        StringBuilder repositories = new StringBuilder();
        StringBuilder pluginRepositories = new StringBuilder();
        for (Map.Entry<String, String> repository : extraRepositories.entrySet()) {
            repositories.append(repository(repository.getKey(), repository.getValue(), "repository"));
        }
        repositories.append(repository("outer", outer.toUri().toString(), "repository"));
        pluginRepositories.append(repository("outer", outer.toUri().toString(), "pluginRepository"));
        Path file = WORK.resolve(name);
        Files.createDirectories(WORK);
        Files.writeString(file, """
                <settings>
                  <profiles>
                    <profile>
                      <id>repositories</id>
                      <repositories>
                %s      </repositories>
                      <pluginRepositories>
                %s      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>repositories</activeProfile></activeProfiles>
                </settings>
                """.formatted(repositories, pluginRepositories));
        return file;
    }

    private static String repository(String id, String url, String element) {
        // A local repository keeps no checksums of what it holds: do not ask the outer one for them.
        String policy = id.equals("outer") ? "<releases><checksumPolicy>ignore</checksumPolicy></releases>" : "";
        return "        <%s><id>%s</id><url>%s</url>%s</%s>\n".formatted(element, id, url, policy, element);
    }

    /** The artifactIds the BOM manages. */
    private static Set<String> bomModules(Path bom) throws IOException {
        Matcher artifact = Pattern.compile("<artifactId>(mummy\\.[^<]+)</artifactId>").matcher(Files.readString(bom));
        Set<String> modules = new TreeSet<>();
        while (artifact.find()) {
            modules.add(artifact.group(1));
        }
        return modules;
    }

    /** The artifactIds under a repository's group directory that hold something other than bookkeeping. */
    private static Set<String> artifactIds(Path group) throws IOException {
        try (Stream<Path> dirs = Files.list(group)) {
            return dirs.filter(dir -> {
                try (Stream<Path> files = Files.walk(dir)) {
                    return files.anyMatch(f -> Files.isRegularFile(f) && !NOT_LIBRARY_FILES.contains(f.getFileName().toString())
                            && !f.getFileName().toString().startsWith("maven-metadata"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(dir -> dir.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The artifactIds whose install step really installed, read from the build's log. */
    private static Set<String> reactorModulesPublished(String log) {
        Matcher installing = Pattern.compile("Installing .*/io/mummy/([^/]+)/[^/]+/[^/\\s]+\\.pom").matcher(log);
        Set<String> ids = new TreeSet<>();
        while (installing.find()) {
            ids.add(installing.group(1));
        }
        return ids;
    }

    private record Result(int status, String output, Path log) {
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }

    private static Result run(Path directory, List<String> command, Map<String, String> env, String logName)
            throws IOException, InterruptedException {
        Path log = WORK.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(String.join(" ", command) + " took more than " + BUILD_TIMEOUT + "; see " + log);
        }
        return new Result(process.exitValue(), Files.readString(log), log);
    }

    private interface Keep {
        boolean test(Path path);
    }

    private static void copyTree(Path from, Path to, Keep keep) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(from) && !keep.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (keep.test(file)) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
