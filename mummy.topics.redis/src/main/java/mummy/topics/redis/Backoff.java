package mummy.topics.redis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnection delays: from {@code min}, doubling after each failed attempt up to {@code max},
 * with up to 20% jitter so that many instances do not reconnect in step; {@link #reset()} after
 * a successful connection. Threading: the receiver thread only.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long next;

    Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.next = minMillis;
    }

    long nextDelayMillis() {
        long delay = next;
        next = Math.min(maxMillis, next * 2);
        return delay + ThreadLocalRandom.current().nextLong(delay / 5 + 1);
    }

    void reset() {
        next = minMillis;
    }
}
