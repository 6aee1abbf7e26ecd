package mummy.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outputs of one scheduler's soak and faults, as {@code benchmarks/soak} lays them out in
 * {@code RUN/SCHEDULER/}: {@code soak.txt} ({@link Soak}), {@code wrk-keepalive.txt} and
 * {@code wrk-pipelined.txt}, {@code samples.tsv} ({@link SoakSeries}), {@code emfile.txt}
 * ({@link EmfileProbe}), {@code sigterm.txt} ({@link SigtermLoad}), {@code phases.txt} (the
 * script's notes) and the server's log of each phase; and every reason they fail.
 */
final class SoakResult {

    /** WARNING events that are expected while soaking: streams cut off from clients that stopped reading. */
    static final Set<String> SOAK_WARNINGS = Set.of("stream.cut_off");
    /** The WARNING events that are expected while the server is out of descriptors. */
    static final Set<String> EMFILE_WARNINGS = Set.of("stream.cut_off", "accept.failed");

    final String scheduler;
    final Map<String, String> soak;
    final Map<String, String> emfile;
    final Map<String, String> sigterm;
    final Map<String, String> phases;
    final SoakSeries series;
    final Map<String, Long> wrkRequests = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();

    SoakResult(Path dir, long durationSeconds) {
        this.scheduler = dir.getFileName().toString();
        this.soak = keyValues(read(dir.resolve("soak.txt")));
        this.emfile = keyValues(read(dir.resolve("emfile.txt")));
        this.sigterm = keyValues(read(dir.resolve("sigterm.txt")));
        this.phases = keyValues(read(dir.resolve("phases.txt")));
        String samples = read(dir.resolve("samples.tsv"));
        this.series = SoakSeries.parse(samples == null ? "" : samples, durationSeconds);
        phases.forEach((key, value) -> {
            if (key.endsWith("_failed")) {
                failures.add(key + ": " + value);
            }
        });
        if (phases.containsKey("soak")) {
            judgeSoak(dir, durationSeconds);
        }
        if (phases.containsKey("emfile")) {
            judgeFault("EMFILE", emfile, read(dir.resolve("emfile.txt")), new ServerLog(read(dir.resolve("server-emfile.log"))),
                    EMFILE_WARNINGS);
            if (new ServerLog(read(dir.resolve("server-emfile.log"))).count("accept.failed") == 0) {
                failures.add("EMFILE: the server never logged accept.failed");
            }
        }
        if (phases.containsKey("sigterm")) {
            judgeFault("SIGTERM", sigterm, read(dir.resolve("sigterm.txt")), new ServerLog(read(dir.resolve("server-sigterm.log"))),
                    Set.of());
        }
    }

    boolean failed() {
        return !failures.isEmpty();
    }

    private void judgeSoak(Path dir, long durationSeconds) {
        String output = read(dir.resolve("soak.txt"));
        if (output == null || !soak.containsKey("status")) {
            failures.add("soak clients: no result" + (output == null ? "" : ": " + last(output)));
        } else {
            output.lines().filter(l -> l.startsWith("failure=")).forEach(l -> failures.add("soak: " + l.substring(8)));
            long total = Long.parseLong(soak.getOrDefault("failures", "0"));
            if (total > SoakTally.KEPT_FAILURES) {
                failures.add("soak: " + (total - SoakTally.KEPT_FAILURES) + " more failures");
            }
            requireWork(durationSeconds);
        }
        for (String name : List.of("keepalive", "pipelined")) {
            String text = read(dir.resolve("wrk-" + name + ".txt"));
            RoundResult wrk = text == null ? RoundResult.failed("no output") : WrkOutput.parse(text);
            wrkRequests.put(name, text == null ? 0 : Math.max(0, WrkOutput.requests(text)));
            if (!wrk.ok()) {
                failures.add("wrk " + name + ": " + wrk.failure());
            }
        }
        series.problems().forEach(p -> failures.add("growth: " + p));
        new ServerLog(read(dir.resolve("server-soak.log"))).unexpected(SOAK_WARNINGS).stream().limit(10)
                .forEach(line -> failures.add("server log: " + line));
    }

    /** The work each kind of client must have done in a run this long: count, kind, from how many seconds on. */
    private record Work(String count, String kind, long fromSeconds) {
    }

    private static final List<Work> WORK = List.of(new Work("echoes", "echo", 0), new Work("uploads", "upload", 0),
            new Work("ws_messages", "ws", 0), new Work("ws_reconnects", "ws", 0), new Work("sse_events", "sse", 0),
            new Work("disconnects", "abrupt", 0), new Work("slow_heads_cut", "trickle", 30),
            new Work("slow_bodies_echoed", "trickle", 90), new Work("stopped_bodies_cut", "trickle", 120),
            new Work("stalled_readers_cut", "stall", 120));

    /** Each kind of client that ran must have done something, or the soak proved nothing about it. */
    private void requireWork(long durationSeconds) {
        for (Work work : WORK) {
            boolean ran = !"0".equals(soak.get("clients_" + work.kind()));
            if (ran && durationSeconds >= work.fromSeconds() && Long.parseLong(soak.getOrDefault(work.count(), "0")) == 0) {
                failures.add("soak: no " + work.count().replace('_', ' ') + " in " + durationSeconds + " s");
            }
        }
    }

    private void judgeFault(String name, Map<String, String> values, String output, ServerLog log, Set<String> expected) {
        if (output == null || !"OK".equals(values.get("status"))) {
            failures.add(name + ": " + (output == null ? "no result" : "failed"));
        }
        if (output != null) {
            output.lines().filter(l -> l.startsWith("failure=")).forEach(l -> failures.add(name + ": " + l.substring(8)));
        }
        log.unexpected(expected).stream().limit(10).forEach(line -> failures.add(name + " server log: " + line));
    }

    private static String last(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("");
    }

    static Map<String, String> keyValues(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null) {
            text.lines().filter(l -> l.contains("=") && !l.startsWith("failure="))
                    .forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        }
        return values;
    }

    static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
