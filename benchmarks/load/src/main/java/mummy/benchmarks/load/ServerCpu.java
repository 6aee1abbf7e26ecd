package mummy.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a server process has used so far, user and system, from {@code /proc/PID/stat}
 * (fields 14 and 15, in clock ticks; Linux's {@code USER_HZ} is 100 on every architecture it
 * supports), plus that of its direct children (nginx's workers), so that a load tool can report
 * requests per server CPU-second.
 */
final class ServerCpu {

    /** Linux's {@code USER_HZ}: what {@code /proc} counts in. */
    static final double TICKS_PER_SECOND = 100;

    private ServerCpu() {
    }

    /**
     * The process's and its children's CPU seconds so far.
     *
     * @param pid the process
     * @return user + system seconds, NaN if the process cannot be read
     */
    static double seconds(long pid) {
        double total = ticks(Path.of("/proc", Long.toString(pid), "stat"));
        if (Double.isNaN(total)) {
            return Double.NaN;
        }
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String children = read(task.resolve("children"));
                for (String child : children == null ? new String[0] : children.trim().split("\\s+")) {
                    if (!child.isEmpty()) {
                        double ticks = ticks(Path.of("/proc", child, "stat"));
                        total += Double.isNaN(ticks) ? 0 : ticks;
                    }
                }
            }
        } catch (IOException e) {
            // NOTE: no children list (older kernels): the process alone
        }
        return total / TICKS_PER_SECOND;
    }

    /** utime + stime of one {@code stat} file, NaN if unreadable. */
    static double ticks(Path stat) {
        String text = read(stat);
        if (text == null) {
            return Double.NaN;
        }
        String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
    }
}
