package mummy.io.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import mummy.io.ServerMetrics;

/**
 * A fixed-bucket histogram many threads record into at once: one {@link LongAdder} per bucket and
 * one for the sum, so recording is two uncontended adds (no lock, no allocation once the adders'
 * cells exist).
 *
 * <p>Threading: {@link #record} from any thread; {@link #snapshot} from any thread, which sees
 * each adder's value at some moment during the call (a bucket and the sum may be one recording
 * apart, as with any {@link LongAdder#sum()}).
 */
public final class Histogram {

    private final long[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder sum = new LongAdder();

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
        this.buckets = new LongAdder[bounds.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /**
     * Counts one value.
     *
     * @param value in the unit of the bounds
     */
    public void record(long value) {
        buckets[bucketOf(bounds, value)].increment();
        sum.add(value);
    }

    /** The index of the first bound at or above {@code value}, or {@code bounds.length} above them all. */
    static int bucketOf(long[] bounds, long value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        return i;
    }

    /**
     * The counts so far, with bounds and sum divided by {@code scale} (nanoseconds to seconds: 1e9).
     *
     * @param scale what one unit of the snapshot is in recorded units
     * @return the snapshot
     */
    public ServerMetrics.Histogram snapshot(double scale) {
        return snapshot(bounds, buckets.length, i -> buckets[i].sum(), sum.sum(), scale);
    }

    /** A snapshot of any bucket counts (also the IO thread's single-writer histograms). */
    static ServerMetrics.Histogram snapshot(long[] bounds, int bucketCount, java.util.function.IntToLongFunction count,
                                            long sum, double scale) {
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
