package mummy.benchmarks.load;

import java.util.List;

/**
 * One server's result for one workload: the medians over its rounds, or why there is none.
 *
 * @param status OK, FAILED, or NA (not applicable or not run)
 * @param median the median rate over the rounds, NaN when none
 * @param p99Millis the median of the rounds' 99th percentile latencies, NaN when none
 * @param perCpuSecond the median over the rounds of requests (messages) per server CPU-second,
 *                     NaN when not measured
 * @param rounds every round, in order
 * @param note why it failed or does not apply, or null
 */
record Cell(Status status, double median, double p99Millis, double perCpuSecond, List<RoundResult> rounds,
            String note) {

    /** The outcome of a cell. */
    enum Status { OK, FAILED, NA }

    static Cell na(String why) {
        return new Cell(Status.NA, Double.NaN, Double.NaN, Double.NaN, List.of(), why);
    }

    static Cell failed(String why) {
        return new Cell(Status.FAILED, Double.NaN, Double.NaN, Double.NaN, List.of(), why);
    }

    static Cell of(List<RoundResult> rounds) {
        double median = median(rounds.stream().mapToDouble(RoundResult::rate).filter(r -> !Double.isNaN(r)).toArray());
        double p99 = median(rounds.stream().mapToDouble(RoundResult::p99Millis).filter(r -> !Double.isNaN(r)).toArray());
        double perCpu = median(rounds.stream().mapToDouble(RoundResult::perCpuSecond).filter(r -> !Double.isNaN(r)).toArray());
        long failed = rounds.stream().filter(r -> !r.ok()).count();
        if (failed == 0) {
            return new Cell(Status.OK, median, p99, perCpu, rounds, null);
        }
        String first = rounds.stream().filter(r -> !r.ok()).findFirst().orElseThrow().failure();
        return new Cell(Status.FAILED, median, p99, perCpu, rounds,
                first + (rounds.size() > 1 ? " (" + failed + " of " + rounds.size() + " rounds failed)" : ""));
    }

    Cell collapsed(double bestPeer) {
        return new Cell(Status.FAILED, median, p99Millis, perCpuSecond, rounds, String.format(java.util.Locale.ROOT,
                "collapse: under %.0f %% of the best peer's %s", Workload.COLLAPSE_SHARE * 100, Report.rate(bestPeer)));
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
