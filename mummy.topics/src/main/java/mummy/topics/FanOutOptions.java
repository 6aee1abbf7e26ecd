package mummy.topics;

import java.util.Objects;

/**
 * How a fan-out treats slow subscribers.
 *
 * @param policy what to do with a subscriber that is behind
 * @param maxBufferedBytes a subscriber whose {@code bufferedBytes()} is at or over this before a
 *                         send is behind, even if its connection's high-water mark is higher; the
 *                         smaller of the two governs
 * @param maxCatchUpMessages live messages an {@link EventStreamFanOut} holds for a stream while it
 *                           replays the history to it; past that the stream is cut off
 */
public record FanOutOptions(SlowSubscriberPolicy policy, long maxBufferedBytes, int maxCatchUpMessages) {

    /** The defaults: {@link SlowSubscriberPolicy#DROP}, 1 MiB (the server's default high-water mark), 1024. */
    public static final FanOutOptions DEFAULTS = new FanOutOptions(SlowSubscriberPolicy.DROP, 1 << 20, 1024);

    /** Validates the values. */
    public FanOutOptions {
        Objects.requireNonNull(policy, "policy");
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes must be at least 1, got " + maxBufferedBytes);
        }
        if (maxCatchUpMessages < 1) {
            throw new IllegalArgumentException("maxCatchUpMessages must be at least 1, got " + maxCatchUpMessages);
        }
    }

    /**
     * The defaults with another policy.
     *
     * @param policy the policy
     * @return the options
     */
    public static FanOutOptions of(SlowSubscriberPolicy policy) {
        return DEFAULTS.withPolicy(policy);
    }

    /**
     * These options with another policy.
     *
     * @param newPolicy the policy
     * @return the options
     */
    public FanOutOptions withPolicy(SlowSubscriberPolicy newPolicy) {
        return new FanOutOptions(newPolicy, maxBufferedBytes, maxCatchUpMessages);
    }

    /**
     * These options with another byte bound.
     *
     * @param bytes the bound
     * @return the options
     */
    public FanOutOptions withMaxBufferedBytes(long bytes) {
        return new FanOutOptions(policy, bytes, maxCatchUpMessages);
    }
}
