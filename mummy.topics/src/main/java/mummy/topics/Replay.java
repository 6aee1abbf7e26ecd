package mummy.topics;

import java.util.List;
import java.util.Objects;

/**
 * What a broker's history holds after a message id ({@link Broker#replay}).
 *
 * @param messages the messages after the id, oldest first; at most the history's bound
 * @param gap whether messages after the id have been dropped from the bounded history (or the id
 *            was malformed), so that {@code messages} starts at the oldest kept one and the
 *            subscriber missed some
 */
public record Replay(List<TopicMessage> messages, boolean gap) {

    /** Copies the list. */
    public Replay {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }

    /**
     * Nothing to replay and no gap: the id is the newest, or the broker keeps no history.
     *
     * @return the empty replay
     */
    public static Replay none() {
        return new Replay(List.of(), false);
    }
}
