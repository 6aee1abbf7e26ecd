package mummy.benchmarks.load;

/**
 * One timed round of one workload against one server.
 *
 * @param rate requests or messages per second
 * @param p99Millis the 99th percentile latency in milliseconds, NaN when unknown
 * @param failure why the round counts as failed, or null when it does not
 */
record RoundResult(double rate, double p99Millis, String failure) {

    static RoundResult failed(String why) {
        return new RoundResult(Double.NaN, Double.NaN, why);
    }

    boolean ok() {
        return failure == null;
    }
}
