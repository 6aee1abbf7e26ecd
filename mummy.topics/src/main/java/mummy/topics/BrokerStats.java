package mummy.topics;

/**
 * A broker's counters since it was created ({@link Broker#stats()}), for an application's metrics.
 * Each is read on its own, so a snapshot taken while messages flow need not add up exactly.
 *
 * @param published messages handed to the broker by {@link Broker#publish}
 * @param publishFailures publishes the broker could not take (it was unreachable): those messages
 *                        are lost (delivery is at-most-once)
 * @param delivered messages handed to this instance's listeners (one per listener)
 * @param listenerFailures listener calls that threw (logged; delivery went on)
 * @param outages times the connection to a remote broker was lost (0 for the in-memory broker)
 * @param connected whether the broker is reachable now (always true in memory)
 * @param topics topics with at least one listener on this instance
 */
public record BrokerStats(long published, long publishFailures, long delivered, long listenerFailures,
                          long outages, boolean connected, int topics) {
}
