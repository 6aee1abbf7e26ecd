package mummy.benchmarks.load;

/**
 * One timed round of one workload against one server.
 *
 * @param rate requests or messages per second
 * @param p99Millis the 99th percentile latency in milliseconds, NaN when unknown
 * @param failure why the round counts as failed, or null when it does not
 * @param perCpuSecond requests or messages per second of the server's CPU time (user + system,
 *                     children included) during the round, NaN when not measured
 */
record RoundResult(double rate, double p99Millis, String failure, double perCpuSecond) {

    /** A round whose server CPU time was not measured. */
    RoundResult(double rate, double p99Millis, String failure) {
        this(rate, p99Millis, failure, Double.NaN);
    }

    /**
     * This round with its server's CPU time.
     *
     * @param completed requests or messages completed in the round
     * @param cpuSeconds the server's CPU seconds during it
     * @return the round with {@link #perCpuSecond}
     */
    RoundResult withCpu(long completed, double cpuSeconds) {
        return new RoundResult(rate, p99Millis, failure,
                completed > 0 && cpuSeconds > 0 ? completed / cpuSeconds : Double.NaN);
    }

    static RoundResult failed(String why) {
        return new RoundResult(Double.NaN, Double.NaN, why);
    }

    boolean ok() {
        return failure == null;
    }
}
