package mummy.benchmarks.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak's clients did and what they found wrong: a counter per kind of work, the number of
 * failures and the first {@value #KEPT_FAILURES} of them word for word.
 *
 * <p>Threading: every client thread counts and reports; the main thread prints after they stopped.
 */
final class SoakTally {

    /** The failures kept word for word; the rest are only counted. */
    static final int KEPT_FAILURES = 20;

    /** A kind of work done, printed as {@code name=count}. */
    enum Count {
        HTTP_REQUESTS, ECHOES, ECHO_BYTES, PIPELINED_BATCHES, UPLOADS, UPLOAD_BYTES, WS_MESSAGES, WS_BYTES,
        WS_PINGS, WS_RECONNECTS, SSE_STREAMS, SSE_EVENTS, DISCONNECTS, SLOW_HEADS_CUT, TRICKLING_BODIES_CUT,
        STOPPED_BODIES_CUT, SLOW_BODIES_ECHOED, STALLED_READERS_CUT, STALLED_READERS_NO_BACKPRESSURE;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Count, LongAdder> counts = new EnumMap<>(Count.class);
    private final AtomicLong failures = new AtomicLong();
    private final List<String> kept = new ArrayList<>();
    private final long startedAt = System.nanoTime();

    SoakTally() {
        for (Count count : Count.values()) {
            counts.put(count, new LongAdder());
        }
    }

    void add(Count count, long amount) {
        counts.get(count).add(amount);
    }

    void add(Count count) {
        add(count, 1);
    }

    long count(Count count) {
        return counts.get(count).sum();
    }

    long failures() {
        return failures.get();
    }

    /** Records a verification failure of {@code who}, with the second of the run it happened in. */
    void fail(String who, String why) {
        failures.incrementAndGet();
        synchronized (kept) {
            if (kept.size() < KEPT_FAILURES) {
                kept.add(String.format(Locale.ROOT, "t=%.1fs %s: %s", (System.nanoTime() - startedAt) / 1e9, who, why));
            }
        }
    }

    /** Prints {@code name=count} lines, {@code failures=N}, then one {@code failure=...} line per kept failure. */
    void print(PrintStream out) {
        counts.forEach((count, adder) -> out.println(count.key() + "=" + adder.sum()));
        out.println("failures=" + failures.get());
        synchronized (kept) {
            kept.forEach(failure -> out.println("failure=" + failure));
        }
    }
}
