package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import mummy.io.Server;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Autobahn|Testsuite conformance, checked case by case on both verdicts (see
 * {@link AutobahnReport}); run by failsafe after the plugin, in {@code integration-test}.
 *
 * <ul>
 * <li>{@code plain}: the report the autobahntestsuite-maven-plugin wrote (sections 1-7, 9, 10
 *     against {@link AutobahnServer} without compression, on two IO loops).</li>
 * <li>{@code deflate}, {@code deflate-2-loops}: sections 12 and 13, which the plugin's bundled
 *     testsuite (0.6.4) does not have, run by {@code node-tests/autobahn-deflate.mjs} (the
 *     {@code ws} client) against {@link AutobahnServer} with compression, with the testsuite's own
 *     data files; on one IO loop, then on two.</li>
 * </ul>
 *
 * <p>System properties (set in the pom): {@code autobahn.pluginReports}, the plugin's report
 * directory; {@code autobahn.plain.cases} and {@code autobahn.deflate.cases}, how many cases each
 * run must have; {@code autobahn.deflate.patterns}, the cases of the deflate run;
 * {@code autobahn.pluginJar}, the plugin's jar, which holds the test data. Each run's report and
 * a Markdown summary go to {@code target/autobahn-reports/RUN/}.
 */
class AutobahnIT {

    /** The suite's names of its sections. */
    static final Map<String, String> SECTIONS = Map.ofEntries(Map.entry("1", "Framing"),
            Map.entry("2", "Pings/Pongs"), Map.entry("3", "Reserved Bits"), Map.entry("4", "Opcodes"),
            Map.entry("5", "Fragmentation"), Map.entry("6", "UTF-8 Handling"), Map.entry("7", "Close Handling"),
            Map.entry("9", "Limits/Performance"), Map.entry("10", "Misc"),
            Map.entry("12", "WebSocket Compression (different payloads)"),
            Map.entry("13", "WebSocket Compression (different parameters)"));

    private static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path OUT = BASE.resolve("target/autobahn-reports");

    @TestFactory
    Stream<DynamicTest> plainRunOfTheMavenPlugin() throws IOException {
        Path index = Path.of(property("autobahn.pluginReports")).resolve("index.json");
        assertTrue(Files.exists(index), "the autobahntestsuite-maven-plugin wrote no " + index);
        Path run = Files.createDirectories(OUT.resolve("plain"));
        Files.copy(index, run.resolve("index.json"), StandardCopyOption.REPLACE_EXISTING);
        String serverLog = Files.readString(OUT.resolve("plain-server.log"), StandardCharsets.UTF_8);
        assertTrue(serverLog.contains("and 2 IO thread(s)"), "the plugin's target runs two IO loops: " + serverLog);
        return check("plain", run, Integer.parseInt(property("autobahn.plain.cases")));
    }

    @TestFactory
    Stream<DynamicTest> permessageDeflateRunOfSections12And13() throws Exception {
        return deflateRun("deflate", 1);
    }

    @TestFactory
    Stream<DynamicTest> permessageDeflateRunOfSections12And13OnTwoIoLoops() throws Exception {
        return deflateRun("deflate-2-loops", 2);
    }

    private static Stream<DynamicTest> deflateRun(String name, int ioThreads) throws Exception {
        NodeTools.setup();
        Path testdata = extractTestData(Path.of(property("autobahn.pluginJar")), OUT.resolve("testdata"));
        Path run = Files.createDirectories(OUT.resolve(name));
        Files.deleteIfExists(run.resolve("index.json"));
        try (Server server = AutobahnServer.create(true, null, ioThreads)) {
            int port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
            List<String> args = new ArrayList<>(List.of(Integer.toString(port), testdata.toString(), run.toString()));
            args.addAll(Arrays.asList(property("autobahn.deflate.patterns").trim().split("\\s+")));
            NodeTools.Result result = NodeTools.node("autobahn-deflate.mjs", Duration.ofMinutes(60), args.toArray(String[]::new));
            Files.writeString(run.resolve("client.log"), result.output(), StandardCharsets.UTF_8);
            assertEquals(0, result.exitCode(), result.output());
            assertEquals(ioThreads, server.metrics().ioLoops().size());
        }
        return check(name, run, Integer.parseInt(property("autobahn.deflate.cases")));
    }

    /** One test per case, after one for the number of cases; writes the run's summary. */
    private static Stream<DynamicTest> check(String name, Path run, int expectedCases) throws IOException {
        AutobahnReport report = AutobahnReport.read(run.resolve("index.json"));
        Map<String, AutobahnReport.Excuse> excuses = AutobahnReport.readExceptions(BASE.resolve("autobahn-exceptions.txt"));
        Files.writeString(run.resolve("summary.md"), report.summary(SECTIONS), StandardCharsets.UTF_8);
        DynamicTest count = DynamicTest.dynamicTest(name + ": " + expectedCases + " cases ran",
                () -> assertEquals(expectedCases, report.cases().size(), "cases in " + run.resolve("index.json")));
        return Stream.concat(Stream.of(count), report.cases().entrySet().stream().map(c -> DynamicTest.dynamicTest(
                name + " " + c.getKey() + ": " + c.getValue().behavior() + " / " + c.getValue().behaviorClose(), () -> {
                    String problem = AutobahnReport.problem(c.getKey(), c.getValue(), excuses);
                    if (problem != null) {
                        fail("case " + c.getKey() + ": " + problem + " (see " + run.resolve("index.json") + ")");
                    }
                })));
    }

    /** The testsuite's data files, {@code autobahntestsuite/testdata/*} in the plugin's jar. */
    private static Path extractTestData(Path jar, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (name.startsWith("autobahntestsuite/testdata/") && !entry.isDirectory()) {
                    copy(zip, into.resolve(name.substring(name.lastIndexOf('/') + 1)));
                }
            }
        }
        return into;
    }

    private static void copy(InputStream in, Path file) throws IOException {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isBlank(), "system property " + name + " is not set (see examples/pom.xml)");
        return value;
    }
}
