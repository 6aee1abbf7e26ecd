package mummy.benchmarks.load;

/**
 * The first failure of a load run and the round it happened in; every round from that one on is
 * reported as failed, because the connections it lost are missing from them.
 *
 * <p>Threading: any load thread may report, the main thread reads after the threads stopped.
 */
final class Failures {

    private int round = Integer.MAX_VALUE;
    private String reason;
    private int count;

    synchronized void report(int inRound, String why) {
        count++;
        if (inRound < round) {
            round = inRound;
            reason = why;
        }
    }

    /** Why {@code measuredRound} failed, or null when it did not. */
    synchronized String reasonFor(int measuredRound) {
        if (measuredRound < round) {
            return null;
        }
        return reason + (count > 1 ? " (" + count + " failures in all)" : "");
    }
}
