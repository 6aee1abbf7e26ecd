package mummy.benchmarks.load;

/**
 * Round-trip times in microseconds, log-linear buckets (exact below 1,024 µs, then 512 buckets per
 * power of two, under 0.2 % error) up to about 68 s; larger values land in the last bucket.
 *
 * <p>Threading: not thread-safe; each load thread records into its own and they are merged after
 * the threads have stopped.
 */
final class LatencyHistogram {

    private static final int LINEAR = 1024;
    private static final int SUB_BUCKETS = 512;
    private static final int MAX_EXPONENT = 36;

    private final long[] counts = new long[LINEAR + (MAX_EXPONENT - 9) * SUB_BUCKETS];
    private long total;
    private long max;

    void record(long micros) {
        long value = Math.max(0, micros);
        counts[index(value)]++;
        total++;
        max = Math.max(max, value);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /**
     * The value at a percentile.
     *
     * @param percent 0 to 100
     * @return the lowest value of the bucket holding it, 0 when empty
     */
    long percentile(double percent) {
        long rank = (long) Math.ceil(total * percent / 100.0);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank) && counts[i] > 0) {
                return lowest(i);
            }
        }
        return 0;
    }

    private static int index(long value) {
        if (value < LINEAR) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        if (exponent >= MAX_EXPONENT) {
            return LINEAR + (MAX_EXPONENT - 10) * SUB_BUCKETS + SUB_BUCKETS - 1;
        }
        int sub = (int) ((value >>> (exponent - 9)) & (SUB_BUCKETS - 1));
        return LINEAR + (exponent - 10) * SUB_BUCKETS + sub;
    }

    private static long lowest(int index) {
        if (index < LINEAR) {
            return index;
        }
        int exponent = (index - LINEAR) / SUB_BUCKETS + 10;
        int sub = (index - LINEAR) % SUB_BUCKETS;
        return (1L << exponent) + ((long) sub << (exponent - 9));
    }
}
