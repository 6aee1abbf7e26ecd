package mummy.io.internal.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters with one writer, the IO thread, read by any thread: each slot is a {@code long}
 * incremented with an opaque load and store (a plain add on the writer's side: no lock, no CAS, no
 * fence), and read with an opaque load, so a reader sees every value whole and, eventually, fresh.
 *
 * <p>Threading: {@link #add} by the owning thread only (a second writer would lose counts);
 * {@link #get} from any thread. NOTE: there is no consistency across slots: a reader may see one
 * counter after an event and a related one before it, by a few counts; every snapshot of a running
 * server is like that.
 */
public final class OpaqueCounters {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values;

    /**
     * Counters all at zero.
     *
     * @param size how many
     */
    public OpaqueCounters(int size) {
        this.values = new long[size];
    }

    /**
     * Owner only: adds to one counter.
     *
     * @param index the counter
     * @param delta what to add (negative for a gauge going down)
     */
    public void add(int index, long delta) {
        SLOT.setOpaque(values, index, (long) SLOT.getOpaque(values, index) + delta);
    }

    /**
     * Any thread: one counter's value.
     *
     * @param index the counter
     * @return its value as last stored
     */
    public long get(int index) {
        return (long) SLOT.getOpaque(values, index);
    }

    /** {@return how many counters there are} */
    public int size() {
        return values.length;
    }
}
