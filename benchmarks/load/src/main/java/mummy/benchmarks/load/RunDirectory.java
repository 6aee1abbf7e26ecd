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

/**
 * The raw outputs of one {@code benchmarks/compare} run, as the script lays them out:
 * {@code meta.txt} and per server {@code memory.txt} ({@code key=value} lines),
 * {@code servers.tsv} (name, role, version, setup), {@code commands.tsv} (what, command), and a
 * folder per server holding {@code WORKLOAD.rN.txt} (wrk) with {@code WORKLOAD.rN.cpu}
 * ({@code server_cpu_s=}: the server's CPU seconds during that round), {@code ws.txt} (WsLoad),
 * {@code WORKLOAD.skipped} or {@code WORKLOAD.failed} (the reason), {@code start-failed.txt};
 * {@code method.md} and {@code memory-method.md} are Markdown put into the report as they are.
 */
final class RunDirectory {

    /** A server of the run. */
    record Server(String name, String role, String version, String setup) {
        boolean peer() {
            return role.equals("peer");
        }
    }

    private final Path root;

    RunDirectory(Path root) {
        this.root = root;
    }

    /** A Markdown fragment the script wrote, or an empty string. */
    String text(String file) {
        String text = read(root.resolve(file));
        return text == null ? "" : text.strip();
    }

    Map<String, String> meta() {
        return keyValues(root.resolve("meta.txt"));
    }

    /** {@code other_cpu_cores} and {@code wall_seconds} of the server's measurement, if written. */
    Map<String, String> interference(Server server) {
        return keyValues(root.resolve(server.name()).resolve("interference.txt"));
    }

    Map<String, String> memory(Server server) {
        return keyValues(root.resolve(server.name()).resolve("memory.txt"));
    }

    List<Server> servers() {
        return rows("servers.tsv").stream().map(r -> new Server(r[0], r[1], r[2], r.length > 3 ? r[3] : "")).toList();
    }

    List<String[]> commands() {
        return rows("commands.tsv");
    }

    /** The result of one workload on one server, before the comparison with the peers. */
    Cell cell(Server server, Workload workload) {
        Path dir = root.resolve(server.name());
        String startFailed = read(dir.resolve("start-failed.txt"));
        if (read(dir.resolve(workload.id + ".skipped")) != null) {
            return Cell.na(read(dir.resolve(workload.id + ".skipped")).strip());
        }
        if (startFailed != null) {
            return Cell.failed("did not start: " + startFailed.strip());
        }
        String failed = read(dir.resolve(workload.id + ".failed"));
        if (failed != null) {
            return Cell.failed(failed.strip());
        }
        if (workload == Workload.WEBSOCKET) {
            String output = read(dir.resolve("ws.txt"));
            return output == null ? Cell.na("not run") : Cell.of(WsLoadOutput.parse(output));
        }
        List<RoundResult> rounds = new ArrayList<>();
        for (int round = 1; ; round++) {
            String output = read(dir.resolve(workload.id + ".r" + round + ".txt"));
            if (output == null) {
                break;
            }
            RoundResult result = WrkOutput.parse(output);
            Map<String, String> cpu = keyValues(dir.resolve(workload.id + ".r" + round + ".cpu"));
            if (cpu.containsKey("server_cpu_s")) {
                result = result.withCpu(WrkOutput.requests(output), Double.parseDouble(cpu.get("server_cpu_s")));
            }
            rounds.add(result);
        }
        return rounds.isEmpty() ? Cell.na("not run") : Cell.of(rounds);
    }

    private List<String[]> rows(String file) {
        String text = read(root.resolve(file));
        return text == null ? List.of() : text.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
    }

    private static Map<String, String> keyValues(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        String text = read(file);
        if (text != null) {
            text.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        }
        return values;
    }

    private static String read(Path file) {
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
