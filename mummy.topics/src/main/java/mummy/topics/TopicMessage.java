package mummy.topics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import mummy.topics.spi.TopicNames;

/**
 * One message published on a topic: text or binary, with the id the broker gave it.
 *
 * <p>Immutable and safe to share between threads: {@link #data()} hands out a copy, and the text
 * of a text message is decoded (UTF-8) once, when first asked for.
 *
 * <p>Ids: a broker that keeps a history ({@link Broker#keepsHistory()}) gives every message an id
 * of the form {@code <milliseconds>-<sequence>} (Redis Streams' entry ids, which the in-memory
 * broker imitates), increasing within a topic; {@link Broker#replay} starts after one. A broker
 * without a history may give none ({@link #id()} is then null).
 */
public final class TopicMessage {
    private final String topic;
    private final String id;
    private final boolean text;
    private final byte[] data;
    private volatile String decoded;

    private TopicMessage(String topic, String id, boolean text, byte[] data, String decoded) {
        this.topic = TopicNames.requireValid(topic);
        this.id = id;
        this.text = text;
        this.data = data;
        this.decoded = decoded;
    }

    /**
     * A text message.
     *
     * @param topic the topic
     * @param id the broker's id, or null
     * @param text the text
     * @return the message
     */
    public static TopicMessage ofText(String topic, String id, String text) {
        Objects.requireNonNull(text, "text");
        return new TopicMessage(topic, id, true, text.getBytes(StandardCharsets.UTF_8), text);
    }

    /**
     * A binary message; the array is copied.
     *
     * @param topic the topic
     * @param id the broker's id, or null
     * @param data the bytes
     * @return the message
     */
    public static TopicMessage ofBinary(String topic, String id, byte[] data) {
        return new TopicMessage(topic, id, false, Objects.requireNonNull(data, "data").clone(), null);
    }

    /**
     * A message from its encoded bytes, as a broker reads it back from the wire; the array is
     * copied.
     *
     * @param topic the topic
     * @param id the broker's id, or null
     * @param text whether it is a text message (the bytes are then UTF-8)
     * @param data the bytes
     * @return the message
     */
    public static TopicMessage of(String topic, String id, boolean text, byte[] data) {
        return new TopicMessage(topic, id, text, Objects.requireNonNull(data, "data").clone(), null);
    }

    /**
     * This message with another id (a broker stamps the id it assigned).
     *
     * @param newId the id
     * @return a message with the same topic and content
     */
    public TopicMessage withId(String newId) {
        return new TopicMessage(topic, newId, text, data, decoded);
    }

    /**
     * The topic it was published on.
     *
     * @return the topic
     */
    public String topic() {
        return topic;
    }

    /**
     * The broker's id of this message.
     *
     * @return the id, or null if the broker gives none
     */
    public String id() {
        return id;
    }

    /**
     * Whether it was published as text.
     *
     * @return true for text, false for binary
     */
    public boolean isText() {
        return text;
    }

    /**
     * The content as text: the text of a text message, the UTF-8 decoding of a binary one
     * (malformed input replaced with U+FFFD).
     *
     * @return the text
     */
    public String text() {
        String value = decoded;
        if (value == null) {
            value = new String(data, StandardCharsets.UTF_8);
            decoded = value;
        }
        return value;
    }

    /**
     * The content as bytes (UTF-8 for a text message).
     *
     * @return a copy of the bytes
     */
    public byte[] data() {
        return data.clone();
    }

    /**
     * The size of the content.
     *
     * @return the number of bytes
     */
    public int length() {
        return data.length;
    }

    /** The content without a copy, for the fan-out's sends (which copy or encode it themselves). */
    byte[] rawData() {
        return data;
    }

    /**
     * Equal when topic, id, kind and bytes are.
     *
     * @param other the other object
     * @return whether they are equal
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof TopicMessage that && text == that.text && topic.equals(that.topic)
                && Objects.equals(id, that.id) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, id, text) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "TopicMessage[" + topic + (id == null ? "" : " " + id) + ", " + (text ? "text" : "binary")
                + ", " + data.length + " bytes]";
    }
}
