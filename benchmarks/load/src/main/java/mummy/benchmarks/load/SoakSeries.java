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
 * <p>Growth is judged from the <em>reference</em>, the first load sample at or after the warm-up
 * ({@link #warmupSeconds}: a fifth of the run, at most 60 s), against the highest sample of the
 * last third of the run: live heap at most {@value #HEAP_SLACK_MIB} MiB more, RSS at most
 * {@value #RSS_SLACK_MIB} MiB more, open fds at most {@value #FD_LOAD_SLACK} more (the clients'
 * connections come and go), threads at most {@value #THREAD_LOAD_SLACK} more. At the end, after
 * every client left, fds must be back within {@value #FD_END_SLACK} of the baseline (a connection
 * the server never closed stays an fd) and threads within {@value #THREAD_END_SLACK} of the
 * reference (pools keep the threads the load made them start).
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
        Sample baseline = first("baseline");
        Sample reference = reference();
        List<Sample> lastThird = samples.stream()
                .filter(s -> s.phase().equals("load") && s.seconds() * 3 >= durationSeconds * 2).toList();
        if (baseline == null || reference == null || lastThird.isEmpty()) {
            problems.add("too few samples to judge growth: baseline " + (baseline != null) + ", reference after "
                    + warmupSeconds() + " s " + (reference != null) + ", last third " + lastThird.size());
            return problems;
        }
        if (samples.stream().anyMatch(s -> s.rssKb() < 0 || s.fds() < 0 || s.threads() < 0 || s.heapKb() < 0)) {
            problems.add("some samples could not be read (-1 in the series)");
        }
        grew(problems, "live heap", reference, lastThird, Sample::heapKb, HEAP_SLACK_MIB * 1024, " KiB");
        grew(problems, "RSS", reference, lastThird, Sample::rssKb, RSS_SLACK_MIB * 1024, " KiB");
        grew(problems, "open fds", reference, lastThird, Sample::fds, FD_LOAD_SLACK, "");
        grew(problems, "threads", reference, lastThird, Sample::threads, THREAD_LOAD_SLACK, "");
        problems.addAll(endProblems());
        return problems;
    }

    /** Whether the last sample is back near the baseline (the end criteria), so sampling may stop. */
    boolean settled() {
        return endProblems().isEmpty();
    }

    private List<String> endProblems() {
        Sample baseline = first("baseline");
        Sample reference = reference();
        Sample end = samples.isEmpty() ? null : samples.getLast();
        List<String> problems = new ArrayList<>();
        if (baseline == null || reference == null || end == null || !end.phase().equals("end")) {
            problems.add("no end sample after the clients left");
            return problems;
        }
        if (end.fds() > baseline.fds() + FD_END_SLACK) {
            problems.add(String.format(Locale.ROOT, "open fds did not come back: %d at the end, %d before the load"
                    + " (at most +%d)", end.fds(), baseline.fds(), FD_END_SLACK));
        }
        if (end.threads() > reference.threads() + THREAD_END_SLACK) {
            problems.add(String.format(Locale.ROOT, "threads did not come back: %d at the end, %d at %d s (at most +%d)",
                    end.threads(), reference.threads(), reference.seconds(), THREAD_END_SLACK));
        }
        return problems;
    }

    /** The first load sample at or after the warm-up. */
    Sample reference() {
        return samples.stream().filter(s -> s.phase().equals("load") && s.seconds() >= warmupSeconds())
                .findFirst().orElse(null);
    }

    private Sample first(String phase) {
        return samples.stream().filter(s -> s.phase().equals(phase)).findFirst().orElse(null);
    }

    private static void grew(List<String> problems, String what, Sample reference, List<Sample> lastThird,
                             ToLongFunction<Sample> value, long slack, String unit) {
        Sample highest = lastThird.stream().max((a, b) -> Long.compare(value.applyAsLong(a), value.applyAsLong(b))).orElseThrow();
        long grown = value.applyAsLong(highest) - value.applyAsLong(reference);
        if (grown > slack) {
            problems.add(String.format(Locale.ROOT, "%s grew by %d%s: %d at %d s, %d at %d s (at most +%d%s)", what, grown,
                    unit, value.applyAsLong(reference), reference.seconds(), value.applyAsLong(highest), highest.seconds(),
                    slack, unit));
        }
    }
}
