package mummy.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the summary of a {@code benchmarks/soak} run (one section per scheduler: totals, the
 * resource series, the two faults, every failure), prints it, and exits 1 when anything failed.
 *
 * <p>Arguments: {@code RUN_DIRECTORY} (writes {@code RUN_DIRECTORY/summary.md}); or
 * {@code --settled SAMPLES_TSV DURATION_SECONDS}, which exits 0 when the last sample meets the end
 * criteria of {@link SoakSeries} (the script samples until then).
 */
public final class SoakReport {

    private SoakReport() {
    }

    /**
     * Writes the summary, or answers {@code --settled}.
     *
     * @param args see above
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("--settled")) {
            SoakSeries series = SoakSeries.parse(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8), Long.parseLong(args[2]));
            System.exit(series.settled() ? 0 : 1);
        }
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SoakReport RUN_DIRECTORY | --settled SAMPLES_TSV DURATION_SECONDS");
        }
        Path run = Path.of(args[0]);
        Map<String, String> meta = SoakResult.keyValues(SoakResult.read(run.resolve("meta.txt")));
        long duration = Long.parseLong(meta.getOrDefault("duration_seconds", "0"));
        StringBuilder out = new StringBuilder("# Soak " + meta.getOrDefault("date", "") + "\n\n");
        meta.forEach((key, value) -> out.append("- ").append(key).append(": ").append(value).append('\n'));
        boolean failed = false;
        for (String scheduler : meta.getOrDefault("schedulers", "").split(" ")) {
            SoakResult result = new SoakResult(run.resolve(scheduler), duration);
            failed |= result.failed();
            section(out, result);
        }
        out.append("\n**").append(failed ? "FAILED" : "OK").append("**\n");
        Files.writeString(run.resolve("summary.md"), out.toString(), StandardCharsets.UTF_8);
        System.out.print(out);
        System.exit(failed ? 1 : 0);
    }

    private static void section(StringBuilder out, SoakResult result) {
        out.append("\n## ").append(result.scheduler).append(": ").append(result.failed() ? "FAILED" : "OK").append("\n\n");
        Map<String, String> soak = result.soak;
        out.append(String.format(Locale.ROOT, "- requests: %,d by wrk (%,d keep-alive, %,d pipelined), %,d by the"
                        + " verifying clients%n", result.wrkRequests.values().stream().mapToLong(Long::longValue).sum(),
                result.wrkRequests.getOrDefault("keepalive", 0L), result.wrkRequests.getOrDefault("pipelined", 0L),
                number(soak, "http_requests")));
        out.append(String.format(Locale.ROOT, "- echoes: %,d (%s, %,d pipelined batches); uploads: %,d (%s, SHA-256"
                        + " checked)%n", number(soak, "echoes"), mib(number(soak, "echo_bytes")),
                number(soak, "pipelined_batches"), number(soak, "uploads"), mib(number(soak, "upload_bytes"))));
        out.append(String.format(Locale.ROOT, "- WebSocket messages: %,d (%s, %,d pings, %,d reconnects); SSE: %,d"
                        + " streams, %,d events%n", number(soak, "ws_messages"), mib(number(soak, "ws_bytes")),
                number(soak, "ws_pings"), number(soak, "ws_reconnects"), number(soak, "sse_streams"),
                number(soak, "sse_events")));
        out.append(String.format(Locale.ROOT, "- abrupt disconnects: %,d; slow clients cut: %,d (%,d slow heads,"
                        + " %,d stopped bodies, %,d trickling bodies, %,d stalled readers); slow bodies echoed: %,d;"
                        + " stalled readers never pushed back: %,d%n", number(soak, "disconnects"),
                number(soak, "slow_heads_cut") + number(soak, "stopped_bodies_cut") + number(soak, "trickling_bodies_cut")
                        + number(soak, "stalled_readers_cut"),
                number(soak, "slow_heads_cut"), number(soak, "stopped_bodies_cut"), number(soak, "trickling_bodies_cut"),
                number(soak, "stalled_readers_cut"), number(soak, "slow_bodies_echoed"),
                number(soak, "stalled_readers_no_backpressure")));
        out.append("- verification failures: ").append(soak.getOrDefault("failures", "?")).append('\n');
        out.append("- EMFILE: ").append(summary(result.emfile)).append('\n');
        out.append("- SIGTERM: ").append(summary(result.sigterm))
                .append(result.phases.containsKey("sigterm_exit_status") ? ", exit status " + result.phases.get("sigterm_exit_status") : "")
                .append('\n');
        series(out, result.series);
        out.append("\nFailures:\n\n");
        if (result.failures.isEmpty()) {
            out.append("none\n");
        }
        result.failures.forEach(f -> out.append("- ").append(f.replace("|", "\\|")).append('\n'));
    }

    private static void series(StringBuilder out, SoakSeries series) {
        List<SoakSeries.Sample> early = series.early();
        List<SoakSeries.Sample> late = series.late();
        out.append("\n| phase | s | RSS MiB | open fds | threads | live heap MiB |\n|---|---:|---:|---:|---:|---:|\n");
        for (SoakSeries.Sample s : series.samples()) {
            out.append(String.format(Locale.ROOT, "| %s%s | %d | %.1f | %d | %d | %.1f |%n", s.phase(),
                    early.contains(s) ? " (early)" : late.contains(s) ? " (late)" : "", s.seconds(), s.rssKb() / 1024.0,
                    s.fds(), s.threads(), s.heapKb() / 1024.0));
        }
    }

    private static String summary(Map<String, String> values) {
        if (values.isEmpty()) {
            return "not run";
        }
        List<String> parts = new ArrayList<>();
        values.forEach((key, value) -> parts.add(key.replace('_', ' ') + " " + value));
        return String.join(", ", parts);
    }

    private static long number(Map<String, String> values, String key) {
        return Long.parseLong(values.getOrDefault(key, "0"));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / 1048576.0);
    }
}
