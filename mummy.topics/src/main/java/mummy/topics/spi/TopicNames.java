package mummy.topics.spi;

/** The rule for topic names that every broker applies: 1 to 200 characters, no control characters. */
public final class TopicNames {

    /** The longest topic name accepted, in characters. */
    public static final int MAX_LENGTH = 200;

    private TopicNames() {
    }

    /**
     * Checks a topic name.
     *
     * @param topic the name
     * @return the name
     * @throws IllegalArgumentException if it is null, empty, longer than {@link #MAX_LENGTH} or
     *                                  holds a control character
     */
    public static String requireValid(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a topic name must not be " + (topic == null ? "null" : "empty"));
        }
        if (topic.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a topic name is at most " + MAX_LENGTH + " characters, got "
                    + topic.length());
        }
        for (int i = 0; i < topic.length(); i++) {
            if (Character.isISOControl(topic.charAt(i))) {
                throw new IllegalArgumentException("a topic name must not contain control characters: "
                        + topic.replaceAll("\\p{Cntrl}", "?"));
            }
        }
        return topic;
    }
}
