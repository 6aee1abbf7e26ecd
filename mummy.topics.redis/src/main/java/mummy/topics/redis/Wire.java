package mummy.topics.redis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import mummy.topics.TopicMessage;

/**
 * How a message is stored in Redis. Pub/sub: one string, {@code t<text>} or {@code b<base64>}.
 * Streams: the fields {@code k} ({@code t} or {@code b}) and {@code d} (the text, or base64).
 */
final class Wire {
    static final String KIND = "k";
    static final String DATA = "d";

    private Wire() {
    }

    static String encode(TopicMessage message) {
        return (message.isText() ? "t" : "b") + data(message);
    }

    static Map<String, String> fields(TopicMessage message) {
        return Map.of(KIND, message.isText() ? "t" : "b", DATA, data(message));
    }

    static TopicMessage decode(String topic, String id, String kind, String data) {
        if ("b".equals(kind)) {
            return TopicMessage.ofBinary(topic, id, Base64.getDecoder().decode(data));
        }
        return TopicMessage.ofText(topic, id, data == null ? "" : data);
    }

    static TopicMessage decode(String topic, String payload) {
        return decode(topic, null, payload.isEmpty() ? "t" : payload.substring(0, 1), payload.isEmpty() ? "" : payload.substring(1));
    }

    private static String data(TopicMessage message) {
        return message.isText() ? message.text() : Base64.getEncoder().encodeToString(message.data());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
