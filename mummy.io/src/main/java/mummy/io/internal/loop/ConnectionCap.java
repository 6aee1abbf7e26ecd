package mummy.io.internal.loop;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The connections a server holds at once, across all its IO loops, against
 * {@link LoopConfig#maxConnections()}.
 *
 * <p>Who changes it: each loop's {@link Acceptor} takes a place before every {@code accept4} and
 * gives it back when that call finds nothing; a loop gives a connection's place back once its fd is
 * closed. What bounds it: the cap itself; {@link #tryTake} never lets the count pass it. At the
 * bound a loop stops accepting until a place is free.
 *
 * <p>With several loops, a place may be freed on a loop other than the one waiting for it. The
 * waiting loop raises its flag ({@link #waitForRoom}) and then looks at the count once more; a
 * loop that gives a place back lowers the raised flags of the others and wakes each of them
 * ({@link #release}). Both sides write before they read (a volatile flag, an atomic count), so
 * either the waiter sees the freed place or the releaser sees the flag: a paused loop is never
 * left waiting for a place that is free. jcstress ({@code ConnectionCapWakeStress}) checks it.
 *
 * <p>Threading: any thread (the IO threads); a few atomics per accept burst and per close, never
 * per request.
 */
final class ConnectionCap {

    private final int max;
    private final AtomicInteger held = new AtomicInteger();
    /** Per loop: 1 while it is paused at the cap and wants a wake when a place frees. */
    private final AtomicIntegerArray waiting;
    /** Per loop: how to wake it (offers it a message); set once as each loop registers. */
    private final Runnable[] wakers;
    private int registered;

    /**
     * A cap with no place taken.
     *
     * @param max the most connections at once
     * @param loops how many loops take places from it
     */
    ConnectionCap(int max, int loops) {
        this.max = max;
        this.waiting = new AtomicIntegerArray(loops);
        this.wakers = new Runnable[loops];
    }

    /**
     * Registers a loop; called by each loop as it is built, before any loop runs.
     *
     * @param wake wakes that loop's IO thread to look for room ({@link Acceptor#roomFreed})
     * @return the loop's index
     * @throws IllegalStateException if more loops register than the cap was made for
     */
    synchronized int register(Runnable wake) {
        if (registered == wakers.length) {
            throw new IllegalStateException("more loops than the " + wakers.length + " this cap was made for");
        }
        wakers[registered] = wake;
        return registered++;
    }

    /** Takes a place if there is one; a true answer is followed by exactly one {@link #release}. */
    boolean tryTake() {
        for (int now = held.get(); now < max; now = held.get()) {
            if (held.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives a place back, and wakes the other loops that wait for one.
     *
     * @param loop the index of the loop giving it back
     */
    void release(int loop) {
        held.decrementAndGet();
        for (int i = 0; i < wakers.length; i++) {
            if (i != loop && waiting.get(i) == 1 && waiting.compareAndSet(i, 1, 0)) {
                wakers[i].run();
            }
        }
    }

    /**
     * A loop that found the cap full asks to be woken when a place frees; if one freed meanwhile
     * it does not wait.
     *
     * @param loop the waiting loop's index
     * @return true if there is room now (nothing to wait for), false if the loop will be woken
     */
    boolean waitForRoom(int loop) {
        waiting.set(loop, 1);
        if (held.get() < max) {
            waiting.set(loop, 0);
            return true;
        }
        return false;
    }

    /** Whether a place is free now (a snapshot). */
    boolean hasRoom() {
        return held.get() < max;
    }

    /** How many loops share this cap. */
    int loops() {
        return wakers.length;
    }
}
