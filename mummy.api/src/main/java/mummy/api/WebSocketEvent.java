package mummy.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What happened on a WebSocket connection. A connection's events reach its
 * {@link WebSocketHandler} one at a time and in order: {@link Open}, then any number of
 * {@link Message}s (and {@link Error}s), then exactly one {@link Close}, and nothing after it.
 */
public sealed interface WebSocketEvent {

    /**
     * The handshake completed; the connection is open.
     *
     * @param pathParams the path parameters of the {@link Router.Builder#webSocket route} that
     *     upgraded the request, as in {@code open.pathParams().get("room")}; empty when the
     *     server-wide handler got the connection
     * @param requestHeaders the handshake request's header fields (cookies, {@code Origin},
     *     {@code Authorization}, ...)
     */
    record Open(Parameters pathParams, HttpHeaders requestHeaders) implements WebSocketEvent {

        /**
         * Checks the fields.
         *
         * @throws NullPointerException if either is null
         */
        public Open {
            Objects.requireNonNull(pathParams, "pathParams");
            Objects.requireNonNull(requestHeaders, "requestHeaders");
        }

        /** An open event with no path parameters and no header fields, for tests. */
        public Open() {
            this(Parameters.empty(), HttpHeaders.empty());
        }
    }

    /**
     * A whole message, reassembled from its fragments: text or binary, with its payload as bytes.
     *
     * <p>A text message carries the UTF-8 bytes as received (the server has validated them, RFC
     * 6455 8.1) and is decoded only when {@link #asText()} asks for it, once. The factories say
     * what is made: {@link #text(String)}, {@link #text(byte[])}, {@link #binary(byte[])}.
     *
     * <p>A final class rather than a record because a record cannot keep the decoded text; it is
     * a value all the same: {@link #equals} and {@link #hashCode} compare the kind and the
     * payload's content, never the cached text.
     *
     * <p>Threading: safe to hand between threads and to read from several; see {@link #asText()}
     * for its one benign race.
     */
    final class Message implements WebSocketEvent {

        private final boolean isText;
        private final byte[] data;
        /** The decoded text, once {@link #asText()} has run (or given to {@link #text(String)}). */
        private String text;

        private Message(boolean isText, byte[] data, String text) {
            this.isText = isText;
            this.data = Objects.requireNonNull(data, "data");
            this.text = text;
        }

        /**
         * A text message.
         *
         * @param text the text; {@link #data()} is its UTF-8 encoding
         * @return the message
         */
        public static Message text(String text) {
            return new Message(true, Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8), text);
        }

        /**
         * A text message from its UTF-8 bytes, which are not copied and not validated: the server
         * passes bytes it has validated. Malformed bytes come out of {@link #asText()} as U+FFFD,
         * as {@link String#String(byte[], java.nio.charset.Charset)} decodes them.
         *
         * @param utf8 the text, UTF-8 encoded; the message owns the array from now on
         * @return the message
         */
        public static Message text(byte[] utf8) {
            return new Message(true, utf8, null);
        }

        /**
         * A binary message.
         *
         * @param data the payload, not copied; the message owns the array from now on
         * @return the message
         */
        public static Message binary(byte[] data) {
            return new Message(false, data, null);
        }

        /**
         * Whether it is a text message (its {@link #data()} is UTF-8) rather than a binary one.
         *
         * @return true for text
         */
        public boolean isText() {
            return isText;
        }

        /**
         * The payload: the UTF-8 bytes of a text message, or the binary data. Not a copy: the
         * receiver owns it and may change it, but {@link #asText()} decodes it at most once, so
         * changes made after that call (or after {@link #text(String)}) do not show in the text.
         *
         * @return the payload
         */
        public byte[] data() {
            return data;
        }

        /**
         * The payload as text, decoded as UTF-8 at the first call and kept for later ones.
         *
         * <p>Threading: may be called from several threads. NOTE: a benign race, as in
         * {@link String#hashCode()}: two threads calling it at the same time may both decode and
         * each return its own, equal {@code String}; one of them is kept. {@code String} is
         * immutable with final fields, so a thread that sees the cached reference sees the whole
         * string without further synchronisation.
         *
         * @return the text (for a binary message, its bytes decoded as UTF-8 all the same)
         */
        public String asText() {
            String decoded = text;
            if (decoded == null) {
                decoded = new String(data, StandardCharsets.UTF_8);
                text = decoded;
            }
            return decoded;
        }

        /**
         * Equal to another message of the same kind with the same payload bytes.
         *
         * @param other the object to compare with
         * @return whether they are equal
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof Message message && isText == message.isText && Arrays.equals(data, message.data);
        }

        /**
         * A hash of the kind and the payload's content.
         *
         * @return the hash code
         */
        @Override
        public int hashCode() {
            return Boolean.hashCode(isText) * 31 + Arrays.hashCode(data);
        }

        /**
         * The kind and the length, not the payload.
         *
         * @return for instance {@code Message[text, 5 bytes]}
         */
        @Override
        public String toString() {
            return "Message[" + (isText ? "text" : "binary") + ", " + data.length + " bytes]";
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
