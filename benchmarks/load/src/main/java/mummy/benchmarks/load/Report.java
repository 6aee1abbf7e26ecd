package mummy.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes BENCHMARKS.md from the raw outputs of a {@code benchmarks/compare} run: the machine and
 * versions, the commands, one table per workload with each server's median, p99 and ratio to the
 * best peer (Netty, Vert.x, Undertow, Jetty), its requests per server CPU-second and that ratio
 * too, and the memory tables. Workloads that no server ran, and the memory tables when none was
 * measured, are left out.
 *
 * <p>Arguments: {@code RUN_DIRECTORY OUTPUT_FILE}.
 */
public final class Report {

    /** Other processes' CPU use, in cores, above which a server's figures are flagged as disturbed. */
    private static final double DISTURBED_CORES = 0.10;

    private Report() {
    }

    /**
     * Writes the report.
     *
     * @param args the run directory and the output file
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Report RUN_DIRECTORY OUTPUT_FILE");
        }
        RunDirectory run = new RunDirectory(Path.of(args[0]));
        StringBuilder out = new StringBuilder();
        Map<String, String> meta = run.meta();
        List<RunDirectory.Server> servers = run.servers();
        Map<Workload, Map<RunDirectory.Server, Cell>> results = new EnumMap<>(Workload.class);
        for (Workload workload : Workload.values()) {
            Map<RunDirectory.Server, Cell> cells = compare(run, servers, workload);
            if (cells.values().stream().anyMatch(cell -> cell.status() != Cell.Status.NA)) {
                results.put(workload, cells);
            }
        }
        header(out, meta, servers, run, results);
        List<String> failures = new ArrayList<>();
        results.forEach((workload, cells) -> workload(out, workload, cells, failures));
        if (servers.stream().anyMatch(server -> !run.memory(server).isEmpty())) {
            MemoryTables.write(out, run, servers, meta);
        }
        out.append("## Failures\n\n");
        if (failures.isEmpty()) {
            out.append("None: every server answered every check and every round without errors.\n");
        } else {
            failures.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        Files.writeString(Path.of(args[1]), out.toString(), StandardCharsets.UTF_8);
    }

    /** Each server's cell for a workload, with the collapse rule applied against the best peer. */
    private static Map<RunDirectory.Server, Cell> compare(RunDirectory run, List<RunDirectory.Server> servers, Workload workload) {
        Map<RunDirectory.Server, Cell> cells = new LinkedHashMap<>();
        servers.forEach(server -> cells.put(server, run.cell(server, workload)));
        double best = bestPeer(cells);
        if (workload.collapseRule && !Double.isNaN(best)) {
            cells.replaceAll((server, cell) -> cell.status() == Cell.Status.OK && cell.median() < best * Workload.COLLAPSE_SHARE
                    ? cell.collapsed(best) : cell);
        }
        return cells;
    }

    private static double bestPeer(Map<RunDirectory.Server, Cell> cells) {
        return cells.entrySet().stream()
                .filter(e -> e.getKey().peer() && e.getValue().status() == Cell.Status.OK)
                .mapToDouble(e -> e.getValue().median()).max().orElse(Double.NaN);
    }

    /** The best peer's requests per server CPU-second, NaN when none was measured. */
    private static double bestPeerPerCpu(Map<RunDirectory.Server, Cell> cells) {
        return cells.entrySet().stream()
                .filter(e -> e.getKey().peer() && e.getValue().status() == Cell.Status.OK
                        && !Double.isNaN(e.getValue().perCpuSecond()))
                .mapToDouble(e -> e.getValue().perCpuSecond()).max().orElse(Double.NaN);
    }

    private static void header(StringBuilder out, Map<String, String> meta, List<RunDirectory.Server> servers, RunDirectory run,
            Map<Workload, Map<RunDirectory.Server, Cell>> results) {
        out.append("# Benchmarks: Mummy for Java against peer servers\n\n")
                .append("Written by `benchmarks/compare").append(meta.getOrDefault("mode", "").equals("quick") ? " --quick" : "")
                .append("` on ").append(meta.getOrDefault("date", "?")).append(" (")
                .append(meta.getOrDefault("mode", "?")).append(" run, ").append(meta.getOrDefault("wall_time", "?"))
                .append("); do not edit by hand, run it again. Every server ran on the same machine in the same run.\n\n");
        summary(out, servers, results);
        out.append("## Machine and versions\n\n");
        for (String key : List.of("cpu", "cores", "memory", "os", "kernel", "java", "java_flags", "gc", "wrk", "nginx", "mummy", "postgresql")) {
            if (meta.containsKey(key)) {
                out.append("- ").append(key.replace('_', ' ')).append(": ").append(meta.get(key)).append('\n');
            }
        }
        out.append("\n## Servers\n\n| server | role | version | set up as | other processes' CPU during its run |\n|---|---|---|---|---:|\n");
        double worst = 0;
        for (RunDirectory.Server server : servers) {
            String others = run.interference(server).get("other_cpu_cores");
            worst = Math.max(worst, others == null ? 0 : Double.parseDouble(others));
            out.append("| ").append(server.name()).append(" | ").append(server.role()).append(" | ")
                    .append(server.version()).append(" | ").append(server.setup()).append(" | ")
                    .append(others == null ? "—" : others + " cores").append(" |\n");
        }
        if (worst > DISTURBED_CORES) {
            out.append(String.format(Locale.ROOT, "%n**The machine was not quiet:** other processes used up to %.2f CPU cores "
                    + "(of %s) while a server was measured (last column: busy CPU time of the machine minus that of this "
                    + "run's own processes, averaged over the server's measurement). Figures of those servers are low "
                    + "by an unknown amount; compare ratios with care and run again on a quiet machine.%n", worst,
                    meta.getOrDefault("cores", "?").split(";")[0]));
        }
        out.append("\n## Method\n\n").append(run.text("method.md")).append("\n\n");
        out.append("## Commands\n\n```sh\n");
        for (String[] command : run.commands()) {
            out.append("# ").append(command[0]).append('\n').append(command.length > 1 ? command[1] : "").append('\n');
        }
        out.append("```\n\n");
    }

    /** One row per server: its median and ratio to the best peer in every workload; then the same per CPU-second. */
    private static void summary(StringBuilder out, List<RunDirectory.Server> servers, Map<Workload, Map<RunDirectory.Server, Cell>> results) {
        out.append("## Summary: median (ratio to the best peer)\n\n");
        summaryTable(out, servers, results, Cell::median, Report::bestPeer, "");
        boolean perCpu = results.values().stream().flatMap(cells -> cells.values().stream())
                .anyMatch(cell -> !Double.isNaN(cell.perCpuSecond()));
        if (perCpu) {
            out.append("\nPer second of the server's own CPU time (user + system, over each round, from "
                    + "`/proc/PID/stat`), median (ratio to the best peer's figure):\n\n");
            summaryTable(out, servers, results, Cell::perCpuSecond, Report::bestPeerPerCpu, " per CPU-s");
        }
        out.append('\n');
        BestOfTable.write(out, results);
        out.append("Failures and their reasons are listed at the end; the sections below give p99 latencies, every round, "
                + "and the memory figures.\n\n");
    }

    private static void summaryTable(StringBuilder out, List<RunDirectory.Server> servers,
            Map<Workload, Map<RunDirectory.Server, Cell>> results, java.util.function.ToDoubleFunction<Cell> figure,
            java.util.function.ToDoubleFunction<Map<RunDirectory.Server, Cell>> bestOf, String unitSuffix) {
        out.append("| server |");
        results.keySet().forEach(w -> out.append(' ').append(w.title, 0, w.title.indexOf('.')).append(". ").append(w.shortName)
                .append(" (").append(w.unit).append(unitSuffix).append(") |"));
        out.append("\n|---|").append("---:|".repeat(results.size())).append('\n');
        for (RunDirectory.Server server : servers) {
            out.append("| ").append(server.name()).append(" |");
            results.values().forEach(cells -> {
                Cell cell = cells.get(server);
                double best = bestOf.applyAsDouble(cells);
                double value = figure.applyAsDouble(cell);
                out.append(' ').append(switch (cell.status()) {
                    case OK -> Double.isNaN(value) ? "—" : rate(value)
                            + (Double.isNaN(best) ? "" : String.format(Locale.ROOT, " (%.2f×)", value / best));
                    case FAILED -> "FAILED";
                    case NA -> "n/a";
                }).append(" |");
            });
            out.append('\n');
        }
    }

    private static void workload(StringBuilder out, Workload workload, Map<RunDirectory.Server, Cell> cells, List<String> failures) {
        double best = bestPeer(cells);
        double bestPerCpu = bestPeerPerCpu(cells);
        out.append("## ").append(workload.title).append("\n\n")
                .append("| server | ").append(workload.unit).append(" (median) | p99 latency | vs best peer | per server CPU-s")
                .append(" (median) | vs best peer | rounds (").append(workload.unit)
                .append(") | notes |\n|---|---:|---:|---:|---:|---:|---|---|\n");
        cells.forEach((server, cell) -> {
            String figure = switch (cell.status()) {
                case OK -> "**" + rate(cell.median()) + "**";
                case FAILED -> "FAILED";
                case NA -> "n/a";
            };
            String ratio = cell.status() == Cell.Status.OK && !Double.isNaN(best)
                    ? String.format(Locale.ROOT, "%.2f×", cell.median() / best) : "—";
            String rounds = cell.rounds().stream()
                    .map(r -> (Double.isNaN(r.rate()) ? "—" : rate(r.rate())) + (r.ok() ? "" : " ✗"))
                    .collect(Collectors.joining(", "));
            String note = cell.note() == null ? "" : cell.note();
            if (cell.status() == Cell.Status.FAILED && !Double.isNaN(cell.median())) {
                note += "; median as measured " + rate(cell.median());
            }
            boolean perCpu = cell.status() == Cell.Status.OK && !Double.isNaN(cell.perCpuSecond());
            String cpuRatio = perCpu && !Double.isNaN(bestPerCpu)
                    ? String.format(Locale.ROOT, "%.2f×", cell.perCpuSecond() / bestPerCpu) : "—";
            out.append("| ").append(server.name()).append(" | ").append(figure).append(" | ")
                    .append(cell.status() == Cell.Status.NA ? "" : millis(cell.p99Millis())).append(" | ")
                    .append(ratio).append(" | ").append(perCpu ? rate(cell.perCpuSecond()) : "—").append(" | ")
                    .append(cpuRatio).append(" | ").append(rounds).append(" | ").append(note.replace("|", "/")).append(" |\n");
            if (cell.status() == Cell.Status.FAILED) {
                failures.add(server.name() + ", workload " + workload.title.substring(0, workload.title.indexOf('.')) + ": " + note);
            }
        });
        out.append('\n');
    }

    static String rate(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String millis(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : value < 100 ? "%.1f ms" : "%,.0f ms", value);
    }
}
