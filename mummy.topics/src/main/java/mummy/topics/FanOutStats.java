package mummy.topics;

/**
 * A fan-out's counters since it was created.
 *
 * @param subscribers subscribers now
 * @param delivered messages queued to a subscriber (one per subscriber)
 * @param dropped messages skipped for a subscriber that was behind ({@link SlowSubscriberPolicy#DROP})
 * @param cutOff subscribers closed for being behind ({@link SlowSubscriberPolicy#CLOSE}, or an
 *               event stream past its catch-up bound)
 * @param departed subscribers removed because their connection had closed
 */
public record FanOutStats(int subscribers, long delivered, long dropped, long cutOff, long departed) {
}
