package mummy.io.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import mummy.io.ServerMetrics;

/**
 * A fixed-bucket histogram with one writer, the IO thread: its bucket counts and sum are
 * {@link OpaqueCounters}, so recording is a short scan of the bounds and two plain adds (no lock,
 * no CAS, no allocation).
 *
 * <p>Threading: {@link #record} by the owning IO thread only; {@link #snapshot} from any thread,
 * which sees each count whole and as last stored (a bucket and the sum may be one recording apart).
 */
public final class Histogram {

    private final long[] bounds;
    /** Buckets at {@code [0, bounds.length]}, the sum at {@code bounds.length + 1}. */
    private final OpaqueCounters counts;

    /**
     * A histogram with these upper bounds (inclusive, as Prometheus' {@code le}), in recorded units.
     *
     * @param bounds strictly increasing upper bounds; a last bucket above them is added
     */
    public Histogram(long[] bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bounds must increase: " + bounds[i - 1] + ", " + bounds[i]);
            }
        }
        this.bounds = bounds.clone();
        this.counts = new OpaqueCounters(bounds.length + 2);
    }

    /**
     * Owner only: counts one value.
     *
     * @param value in the unit of the bounds
     */
    public void record(long value) {
        counts.add(bucketOf(bounds, value), 1);
        counts.add(bounds.length + 1, value);
    }

    /** The index of the first bound at or above {@code value}, or {@code bounds.length} above them all. */
    static int bucketOf(long[] bounds, long value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        return i;
    }

    /** {@return how many values were counted} */
    long count() {
        long total = 0;
        for (int i = 0; i <= bounds.length; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * The counts so far, with bounds and sum divided by {@code scale} (nanoseconds to seconds: 1e9).
     *
     * @param scale what one unit of the snapshot is in recorded units
     * @return the snapshot
     */
    public ServerMetrics.Histogram snapshot(double scale) {
        return snapshot(bounds, bounds.length + 1, counts::get, counts.get(bounds.length + 1), scale);
    }

    /** A snapshot of any bucket counts. */
    static ServerMetrics.Histogram snapshot(long[] bounds, int bucketCount, IntToLongFunction count, long sum,
                                            double scale) {
        List<Double> upper = new ArrayList<>(bounds.length);
        for (long bound : bounds) {
            upper.add(bound / scale);
        }
        List<Long> counts = new ArrayList<>(bucketCount);
        for (int i = 0; i < bucketCount; i++) {
            counts.add(count.applyAsLong(i));
        }
        return new ServerMetrics.Histogram(upper, counts, sum / scale);
    }
}
