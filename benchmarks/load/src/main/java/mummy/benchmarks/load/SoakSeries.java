package mummy.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The server's resource samples of one soak, as {@code benchmarks/soak} writes them
 * ({@code samples.tsv}: phase, seconds since the load began, RSS KiB, open fds, threads, live heap
 * KiB; phases {@code baseline} before the load, {@code load} every 10 s, {@code end} after the
 * clients left), and the growth verdict.
 *
 * <p>Growth compares the highest sample of the <em>late</em> window, the last third of the run,
 * with the highest of the <em>early</em> window, the third that starts after the warm-up
 * ({@link #warmupSeconds}: a fifth of the run, at most 60 s). Comparing maxima with maxima keeps
 * the noise of work in flight (a 64 MiB upload, pipelined 1 MiB echoes) on both sides, so that
 * only a rise counts: live heap at most {@value #HEAP_SLACK_MIB} MiB more, RSS at most
 * {@value #RSS_SLACK_MIB} MiB more, open fds at most {@value #FD_LOAD_SLACK} more (the clients'
 * connections come and go), threads at most {@value #THREAD_LOAD_SLACK} more. At the end, after
 * every client left, fds must be back within {@value #FD_END_SLACK} of the baseline (a connection
 * the server never closed stays an fd) and threads within {@value #THREAD_END_SLACK} of the early
 * window's highest (pools keep the threads the load made them start).
 */
final class SoakSeries {

    static final long HEAP_SLACK_MIB = 48;
    static final long RSS_SLACK_MIB = 128;
    static final long FD_LOAD_SLACK = 64;
    static final long THREAD_LOAD_SLACK = 16;
    static final long FD_END_SLACK = 2;
    static final long THREAD_END_SLACK = 8;

    /** One reading of the server; -1 where it could not be read. */
    record Sample(String phase, long seconds, long rssKb, long fds, long threads, long heapKb) {
    }

    private final List<Sample> samples;
    private final long durationSeconds;

    SoakSeries(List<Sample> samples, long durationSeconds) {
        this.samples = List.copyOf(samples);
        this.durationSeconds = durationSeconds;
    }

    /** Parses {@code samples.tsv}; lines that are not six tab-separated fields are skipped. */
    static SoakSeries parse(String tsv, long durationSeconds) {
        List<Sample> samples = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            String[] f = line.strip().split("\t");
            if (f.length == 6 && f[1].matches("-?\\d+")) {
                samples.add(new Sample(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5])));
            }
        }
        return new SoakSeries(samples, durationSeconds);
    }

    List<Sample> samples() {
        return samples;
    }

    long warmupSeconds() {
        return Math.min(60, durationSeconds / 5);
    }

    /** What grew or did not come back; empty when the series is clean. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<Sample> early = early();
        List<Sample> late = late();
        if (first("baseline") == null || early.isEmpty() || late.isEmpty()) {
            problems.add("too few samples to judge growth: baseline " + (first("baseline") != null) + ", early "
                    + early.size() + ", late " + late.size());
            return problems;
        }
        if (samples.stream().anyMatch(s -> s.rssKb() < 0 || s.fds() < 0 || s.threads() < 0 || s.heapKb() < 0)) {
            problems.add("some samples could not be read (-1 in the series)");
        }
        grew(problems, "live heap", early, late, Sample::heapKb, HEAP_SLACK_MIB * 1024, 1024, " MiB");
        grew(problems, "RSS", early, late, Sample::rssKb, RSS_SLACK_MIB * 1024, 1024, " MiB");
        grew(problems, "open fds", early, late, Sample::fds, FD_LOAD_SLACK, 1, "");
        grew(problems, "threads", early, late, Sample::threads, THREAD_LOAD_SLACK, 1, "");
        problems.addAll(endProblems());
        return problems;
    }

    /** Whether the last sample is back near the baseline (the end criteria), so sampling may stop. */
    boolean settled() {
        return endProblems().isEmpty();
    }

    private List<String> endProblems() {
        Sample baseline = first("baseline");
        Sample early = highest(early(), Sample::threads);
        Sample end = samples.isEmpty() ? null : samples.getLast();
        List<String> problems = new ArrayList<>();
        if (baseline == null || early == null || end == null || !end.phase().equals("end")) {
            problems.add("no end sample after the clients left");
            return problems;
        }
        if (end.fds() > baseline.fds() + FD_END_SLACK) {
            problems.add(String.format(Locale.ROOT, "open fds did not come back: %d at the end, %d before the load"
                    + " (at most +%d)", end.fds(), baseline.fds(), FD_END_SLACK));
        }
        if (end.threads() > early.threads() + THREAD_END_SLACK) {
            problems.add(String.format(Locale.ROOT, "threads did not come back: %d at the end, %d at %d s (at most +%d)",
                    end.threads(), early.threads(), early.seconds(), THREAD_END_SLACK));
        }
        return problems;
    }

    /** The load samples of the third of the run that starts after the warm-up. */
    List<Sample> early() {
        long from = warmupSeconds();
        return samples.stream().filter(s -> s.phase().equals("load") && s.seconds() >= from
                && s.seconds() < from + durationSeconds / 3).toList();
    }

    /** The load samples of the last third of the run. */
    List<Sample> late() {
        return samples.stream().filter(s -> s.phase().equals("load") && s.seconds() * 3 >= durationSeconds * 2).toList();
    }

    private Sample first(String phase) {
        return samples.stream().filter(s -> s.phase().equals(phase)).findFirst().orElse(null);
    }

    /** Adds a problem when the highest of {@code late} is more than {@code slack} above the highest of {@code early}. */
    private static void grew(List<String> problems, String what, List<Sample> early, List<Sample> late,
                             ToLongFunction<Sample> value, long slack, double perUnit, String unit) {
        Sample before = highest(early, value);
        Sample after = highest(late, value);
        long grown = value.applyAsLong(after) - value.applyAsLong(before);
        if (grown > slack) {
            problems.add(String.format(Locale.ROOT, "%s grew by %.0f%s: at most %.0f early (%d s), %.0f late (%d s);"
                    + " allowed +%.0f%s", what, grown / perUnit, unit, value.applyAsLong(before) / perUnit, before.seconds(),
                    value.applyAsLong(after) / perUnit, after.seconds(), slack / perUnit, unit));
        }
    }

    private static Sample highest(List<Sample> samples, ToLongFunction<Sample> value) {
        return samples.stream().max((a, b) -> Long.compare(value.applyAsLong(a), value.applyAsLong(b))).orElse(null);
    }
}
