package mummy.io.internal.loop;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections a server holds at once, across all its IO loops, against
 * {@link LoopConfig#maxConnections()}.
 *
 * <p>Who changes it: each loop's {@link Acceptor} takes a place before every {@code accept4} and
 * gives it back when that call finds nothing; a loop gives a connection's place back once its fd is
 * closed. What bounds it: the cap itself; {@link #tryTake} never lets the count pass it. At the
 * bound a loop stops accepting. With one loop, its own closes resume it at once; with several, a
 * place freed on another loop is noticed within 100 ms ({@link #shared}), so a paused loop polls.
 *
 * <p>Threading: any thread (the IO threads); a CAS per accepted connection, never per request.
 */
final class ConnectionCap {

    private final int max;
    private final boolean shared;
    private final AtomicInteger held = new AtomicInteger();

    /**
     * A cap with no place taken.
     *
     * @param max the most connections at once
     * @param shared whether more than one loop takes places from it
     */
    ConnectionCap(int max, boolean shared) {
        this.max = max;
        this.shared = shared;
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

    /** Gives a place back. */
    void release() {
        held.decrementAndGet();
    }

    /** Whether a place is free now (a snapshot). */
    boolean hasRoom() {
        return held.get() < max;
    }

    /** Whether several loops share this cap (then a loop paused at it polls for room). */
    boolean shared() {
        return shared;
    }

    /** The places taken now (a snapshot). */
    int held() {
        return held.get();
    }
}
