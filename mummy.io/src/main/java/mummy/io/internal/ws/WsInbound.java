package mummy.io.internal.ws;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the assembler hands out: a whole data message or a control frame (RFC 6455 section 5.5,
 * 5.6).
 *
 * <p>Threading: immutable once built, except that the byte arrays are not copied: the assembler
 * hands them over and never touches them again, and nobody else may change them. Safe to pass to
 * a worker. Records with a {@code byte[]} compare its content.
 */
public sealed interface WsInbound {

    /**
     * A whole text message: its bytes as received, validated as UTF-8 (RFC 6455 8.1) and not
     * decoded; whoever wants the {@code String} decodes it (once, in
     * {@link mummy.api.WebSocketEvent.Message#asText()}).
     *
     * @param utf8 the text, UTF-8 encoded
     */
    record Text(byte[] utf8) implements WsInbound {
        /** Validates that the bytes are not null. */
        public Text {
            Objects.requireNonNull(utf8, "utf8");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Text text && Arrays.equals(utf8, text.utf8);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(utf8);
        }

        @Override
        public String toString() {
            return "Text[" + utf8.length + " bytes]";
        }
    }

    /**
     * A whole binary message.
     *
     * @param data the bytes
     */
    record Binary(byte[] data) implements WsInbound {
        /** Validates that the data is not null. */
        public Binary {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Binary binary && Arrays.equals(data, binary.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes]";
        }
    }

    /**
     * A Ping: the server answers with a Pong carrying the same payload (RFC 6455 5.5.2, 5.5.3).
     *
     * @param payload the application data, at most 125 bytes
     */
    record Ping(byte[] payload) implements WsInbound {
        /** Validates that the payload is not null. */
        public Ping {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ping ping && Arrays.equals(payload, ping.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Ping" + Arrays.toString(payload);
        }
    }

    /**
     * A Pong, solicited or not (RFC 6455 5.5.3).
     *
     * @param payload the application data, at most 125 bytes
     */
    record Pong(byte[] payload) implements WsInbound {
        /** Validates that the payload is not null. */
        public Pong {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pong pong && Arrays.equals(payload, pong.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Pong" + Arrays.toString(payload);
        }
    }

    /**
     * A Close frame (RFC 6455 5.5.1).
     *
     * @param code the status code, {@link CloseCodes#NO_STATUS} (1005) when the payload was empty
     * @param reason the reason, empty when absent
     */
    record Close(int code, String reason) implements WsInbound {
        /** Validates that the reason is not null. */
        public Close {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
