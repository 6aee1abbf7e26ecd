package mummy.topics;

/** What a fan-out does with a subscriber that is behind: its connection is over its high-water mark. */
public enum SlowSubscriberPolicy {
    /**
     * Skip messages for that subscriber until its backlog has drained to half of where it fell
     * behind; it misses them (an event stream on a broker with a history can catch up by
     * reconnecting, but is not made to).
     */
    DROP,
    /**
     * Cut the subscriber off and remove it: a WebSocket is closed with 1008 (policy violation,
     * RFC 6455 7.4.1), an event stream is ended (its {@code EventSource} reconnects with
     * {@code Last-Event-ID}, and on a broker with a history gets what it missed).
     */
    CLOSE
}
