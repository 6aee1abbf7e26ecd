package mummy.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What happened on a WebSocket connection. A connection's events reach its
 * {@link WebSocketHandler} one at a time and in order: {@code Open}, then any number of
 * {@code Message}s (and {@code Error}s), then exactly one {@code Close}, and nothing after it.
 */
public sealed interface WebSocketEvent {

    /** The handshake completed; the connection is open. */
    record Open() implements WebSocketEvent {
    }

    /**
     * A whole message, reassembled from its fragments.
     *
     * @param text whether it was a text message (its bytes are valid UTF-8)
     * @param data the payload: UTF-8 for text messages; owned by the receiver
     */
    record Message(boolean text, byte[] data) implements WebSocketEvent {
        /** Validates the payload is present. */
        public Message {
            Objects.requireNonNull(data, "data");
        }

        /**
         * The payload as text (decoded as UTF-8).
         *
         * @return the text
         */
        public String asText() {
            return new String(data, StandardCharsets.UTF_8);
        }

        /** Compares the payload by content. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Message message && text == message.text && Arrays.equals(data, message.data);
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(text) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Message[" + (text ? "text" : "binary") + ", " + data.length + " bytes]";
        }
    }

    /**
     * The connection closed.
     *
     * @param code the peer's close code; 1005 if its Close frame had none, 1006 if the connection
     *             ended without a Close frame, or the code the server sent for a protocol error
     * @param reason the peer's reason, possibly empty
     */
    record Close(int code, String reason) implements WebSocketEvent {
        /** Validates the reason is present. */
        public Close {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Something went wrong: a protocol violation by the peer (the server then closes with the
     * matching code) or an exception thrown by the handler for an earlier event.
     *
     * @param message what went wrong
     * @param cause the exception, or null
     */
    record Error(String message, Throwable cause) implements WebSocketEvent {
        /** Validates the message is present. */
        public Error {
            Objects.requireNonNull(message, "message");
        }
    }
}
