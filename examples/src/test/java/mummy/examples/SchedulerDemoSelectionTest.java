package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scheduler selection as users meet it: {@link SchedulerDemo} in a child JVM, launched with
 * {@code -m mummy.examples/mummy.examples.SchedulerDemo} on a module path that holds all three
 * scheduler modules, only one, or none, or with every module on the class path. The modules are
 * the ones this test JVM runs with (its module path and class path: target/classes of this
 * module, the reactor's jars), found by name.
 * Every child is bounded by {@link #CHILD_TIMEOUT} and destroyed afterwards; its output stays in
 * {@code target/scheduler-demo-runs/}.
 */
class SchedulerDemoSelectionTest {

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> SERVER_MODULES = ChildServer.serverModules();
    private static final Map<String, String> SCHEDULER_MODULES = Map.of(
            "pool", "mummy.sched.pool", "forkjoin", "mummy.sched.fj", "virtual", "mummy.sched.virtual");
    private static final Path OUTPUT = Path.of("target", "scheduler-demo-runs");

    private static Map<String, Path> modules;

    /** What a child JVM did. */
    private record Run(List<String> command, int exitCode, String out, String err) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @BeforeAll
    static void findModulesOfThisJvm() {
        modules = ChildServer.modulesOfThisJvm();
        List<String> needed = Stream.concat(SERVER_MODULES.stream(), SCHEDULER_MODULES.values().stream()).toList();
        assertTrue(modules.keySet().containsAll(needed), "modules needed: " + needed + ", found: " + modules);
    }

    @Test
    void allThreeSchedulersPresentAndNoneNamedChoosesPool() throws Exception {
        Run run = demo(List.of("pool", "forkjoin", "virtual"), List.of(), List.of());
        assertDemoRanOn("pool", "[forkjoin, pool, virtual]", run);
    }

    @Test
    void systemPropertyChoosesVirtual() throws Exception {
        Run run = demo(List.of("pool", "forkjoin", "virtual"), List.of("-Dmummy.scheduler=virtual"), List.of());
        assertDemoRanOn("virtual", "[forkjoin, pool, virtual]", run);
    }

    @Test
    void schedulerArgumentChoosesForkJoin() throws Exception {
        Run run = demo(List.of("pool", "forkjoin", "virtual"), List.of(), List.of("--scheduler", "forkjoin"));
        assertDemoRanOn("forkjoin", "[forkjoin, pool, virtual]", run);
    }

    @Test
    void schedulerArgumentWinsOverTheSystemProperty() throws Exception {
        Run run = demo(List.of("pool", "forkjoin", "virtual"), List.of("-Dmummy.scheduler=virtual"),
                List.of("--scheduler", "forkjoin"));
        assertDemoRanOn("forkjoin", "[forkjoin, pool, virtual]", run);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -Dmummy.scheduler=bogus | '' | -Dmummy.scheduler=bogus
            ''                      | bogus | scheduler("bogus")
            """)
    void unknownNameExitsWithAnErrorListingTheSchedulersFound(String property, String argument, String source)
            throws Exception {
        List<String> jvmOptions = property.isEmpty() ? List.of() : List.of(property);
        List<String> arguments = argument.isEmpty() ? List.of() : List.of("--scheduler", argument);
        Run run = demo(List.of("pool", "forkjoin", "virtual"), jvmOptions, arguments);
        assertNotEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("java.lang.IllegalArgumentException: unknown scheduler \"bogus\" (from " + source
                + "); schedulers found: forkjoin, pool, virtual"), run.toString());
        assertFalse(run.out().contains("scheduler:"), run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pool", "forkjoin", "virtual"})
    void onlySchedulerPresentIsChosenWithoutAName(String only) throws Exception {
        Run run = demo(List.of(only), List.of(), List.of());
        assertDemoRanOn(only, "[" + only + "]", run);
    }

    @Test
    void noSchedulerModuleExitsWithAnErrorSayingWhatToAdd() throws Exception {
        Run run = demo(List.of(), List.of(), List.of());
        assertNotEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("no scheduler provider found: put one of the modules mummy.sched.pool,"
                + " mummy.sched.fj or mummy.sched.virtual on the module path"), run.toString());
    }

    @Test
    void everythingOnTheClassPathFindsTheSchedulersThroughTheirServiceFiles() throws Exception {
        Run run = onTheClassPath(SCHEDULER_MODULES.values().stream(), "class-path");
        assertDemoRanOn("pool", "[forkjoin, pool, virtual]", run);
    }

    @Test
    void theClassPathWithoutASchedulerExitsWithAnErrorSayingWhatToAdd() throws Exception {
        Run run = onTheClassPath(Stream.of(), "class-path-none");
        assertNotEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("no scheduler provider found: mummy.io is on the class path; put one of the"
                + " jars mummy.sched.pool, mummy.sched.fj or mummy.sched.virtual on the class path too"), run.toString());
    }

    /** Runs SchedulerDemo with the server modules and {@code schedulers} as plain jars on the class path. */
    private Run onTheClassPath(Stream<String> schedulers, String name) throws Exception {
        String classPath = Stream.concat(SERVER_MODULES.stream(), schedulers)
                .map(module -> modules.get(module).toString())
                .collect(Collectors.joining(File.pathSeparator));
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                "mummy.examples.SchedulerDemo"), name);
    }

    private static void assertDemoRanOn(String scheduler, String available, Run run) {
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("scheduler: " + scheduler + " (available: " + available + ")", run.firstLine(), run.toString());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("100 tasks blocking 20 ms each finished in \\d+ ms")),
                run.toString());
    }

    /** Runs SchedulerDemo with the server modules plus the named schedulers' modules on the module path. */
    private static Run demo(List<String> schedulers, List<String> jvmOptions, List<String> arguments)
            throws IOException, InterruptedException {
        String modulePath = Stream.concat(SERVER_MODULES.stream(), schedulers.stream().map(SCHEDULER_MODULES::get))
                .map(name -> modules.get(name).toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "--module-path", modulePath));
        command.addAll(jvmOptions);
        command.addAll(List.of("-m", "mummy.examples/mummy.examples.SchedulerDemo"));
        command.addAll(arguments);

        String label = Stream.of(List.of(schedulers.isEmpty() ? "none" : String.join("+", schedulers)), jvmOptions, arguments)
                .flatMap(List::stream).collect(Collectors.joining("_")).replaceAll("[^A-Za-z0-9.=+_-]", "");
        return run(command, label);
    }

    /** Runs {@code command}, its output kept under {@link #OUTPUT} as {@code label.out} and {@code label.err}. */
    private static Run run(List<String> command, String label) throws IOException, InterruptedException {
        Files.createDirectories(OUTPUT);
        Path out = OUTPUT.resolve(label + ".out");
        Path err = OUTPUT.resolve(label + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child JVM still running after " + CHILD_TIMEOUT + ": " + String.join(" ", command));
            }
            return new Run(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
