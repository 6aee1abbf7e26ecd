package mummy.benchmarks.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The memory part of the report: resident set (VmRSS) and live heap (after a full GC) of each
 * server idle and holding many idle keep-alive connections or WebSockets, from each server's
 * {@code memory.txt}.
 */
final class MemoryTables {

    private MemoryTables() {
    }

    static void write(StringBuilder out, RunDirectory run, List<RunDirectory.Server> servers, Map<String, String> meta) {
        String count = meta.getOrDefault("idle_count", "10000");
        out.append("## 7. Memory with ").append(String.format(Locale.ROOT, "%,d", Integer.parseInt(count)))
                .append(" idle connections\n\n")
                .append(run.text("memory-method.md")).append("\n\n");
        table(out, run, servers, "http", "idle keep-alive connections (one `GET /` each)");
        table(out, run, servers, "ws", "idle WebSockets (handshake and one 64-byte echo each)");
    }

    private static void table(StringBuilder out, RunDirectory run, List<RunDirectory.Server> servers, String kind, String title) {
        out.append("### ").append(title.substring(0, 1).toUpperCase(Locale.ROOT)).append(title.substring(1)).append("\n\n")
                .append("| server | RSS idle | RSS holding them | per connection | live heap idle | live heap holding them | held | closed by server | notes |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RunDirectory.Server server : servers) {
            Map<String, String> memory = run.memory(server);
            String status = memory.get(kind + "_status");
            out.append("| ").append(server.name()).append(" | ");
            if (status != null && !status.equals("ok")) {
                out.append(" | | | | | | | ").append(status.replace("|", "/")).append(" |\n");
                continue;
            }
            long baseRss = number(memory, "baseline_rss_kb");
            long rss = number(memory, kind + "_rss_kb");
            long held = number(memory, kind + "_held");
            String perConnection = baseRss >= 0 && rss >= 0 && held > 0
                    ? String.format(Locale.ROOT, "%.1f KiB", (rss - baseRss) / (double) held) : "—";
            out.append(mib(baseRss)).append(" | ").append(mib(rss)).append(" | ").append(perConnection).append(" | ")
                    .append(mib(number(memory, "baseline_heap_kb"))).append(" | ").append(mib(number(memory, kind + "_heap_kb")))
                    .append(" | ").append(held < 0 ? "—" : String.format(Locale.ROOT, "%,d", held)).append(" | ")
                    .append(memory.getOrDefault(kind + "_closed_by_server", "—")).append(" | ")
                    .append(memory.getOrDefault(kind + "_note", "").replace("|", "/")).append(" |\n");
        }
        out.append('\n');
    }

    private static long number(Map<String, String> memory, String key) {
        String value = memory.get(key);
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String mib(long kib) {
        return kib < 0 ? "—" : String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }
}
