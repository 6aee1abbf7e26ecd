package mummy.io.internal.loop;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many WebSockets of a loop may use permessage-deflate at once. Each holds zlib's native
 * state (about 256 KiB to compress and 44 KiB to inflate with the default window), outside the
 * heap and outside the {@link Budget}; so that memory stays within the same bound as the buffers,
 * at most {@link BufferLimits#total()} / {@link #COST} sessions compress. Past that, a handshake
 * that offers the extension is accepted without it (RFC 7692 5: a server may decline), which
 * costs bandwidth, not correctness.
 *
 * <p>Threading: any thread. Workers acquire while negotiating a handshake; a session is released
 * once, when its {@code PerMessageDeflate} is closed (the connection ended, or the WebSocket never
 * opened).
 */
final class DeflateSessions {

    /** What one compressing session is counted as: zlib's deflate and inflate state, rounded up. */
    static final long COST = 320 * 1024;

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    DeflateSessions(long budget) {
        this.max = Math.clamp(budget / COST, 1, Integer.MAX_VALUE);
    }

    /** Takes a session if one is free; a true answer must be followed by exactly one {@link #release}. */
    boolean tryAcquire() {
        for (int now = open.get(); now < max; now = open.get()) {
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Gives a session back. */
    void release() {
        open.decrementAndGet();
    }

    /** The sessions open now (a snapshot). */
    int open() {
        return open.get();
    }
}
