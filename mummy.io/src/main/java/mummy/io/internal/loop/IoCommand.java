package mummy.io.internal.loop;

import java.util.Objects;

/**
 * What other threads ask of the IO thread: immutable messages offered to its {@link WakeupQueue}.
 */
sealed interface IoCommand {

    /**
     * Bytes of a response to write on a connection, in request order.
     *
     * @param fd the connection's file descriptor
     * @param generation the connection's generation: a late message for a closed connection whose
     *                   fd was reused carries an older generation and is dropped
     * @param sequence the request's number on its connection (0, 1, 2, ...): responses are written
     *                 in this order, whatever order they arrive in
     * @param bytes the encoded bytes, owned by the IO thread from now on
     * @param last whether this is the final response of the request (else an interim 1xx)
     * @param close whether the connection closes once this response is written
     * @param upgrade for a 101 response: the WebSocket the connection becomes once it is written
     * @param stream for the head of a streamed response: the stream whose pieces follow
     * @param file for a file response: the body sent from the file after {@code bytes} (the head),
     *             whose descriptor the IO thread now owns; else null
     */
    record Send(int fd, long generation, int sequence, byte[] bytes, boolean last, boolean close,
                LoopWebSocket upgrade, LoopResponseStream stream, FileBody file) implements IoCommand {
        /** Validates the components. */
        public Send {
            Objects.requireNonNull(bytes, "bytes");
            if (sequence < 0) {
                throw new IllegalArgumentException("sequence < 0: " + sequence);
            }
            if (file != null && !last) {
                throw new IllegalArgumentException("a file body belongs to a final response");
            }
        }

        /**
         * A message without a file body.
         *
         * @param fd the connection's file descriptor
         * @param generation the connection's generation
         * @param sequence the request's number on its connection
         * @param bytes the encoded bytes
         * @param last whether this is the final response
         * @param close whether the connection closes after it
         * @param upgrade for a 101: the WebSocket, else null
         * @param stream for a stream's head: the stream, else null
         */
        public Send(int fd, long generation, int sequence, byte[] bytes, boolean last, boolean close,
                    LoopWebSocket upgrade, LoopResponseStream stream) {
            this(fd, generation, sequence, bytes, last, close, upgrade, stream, null);
        }

        /** Closes the file of a response that will not be sent; nothing for other responses. */
        void discard() {
            if (file != null) {
                file.close();
            }
        }
    }

    /**
     * A WebSocket frame to write, after the connection's 101 response and earlier frames.
     *
     * @param webSocket the connection it belongs to (its fd and generation inside)
     * @param bytes the encoded frame
     * @param close whether it is our Close frame (the closing handshake starts)
     */
    record WsFrame(LoopWebSocket webSocket, byte[] bytes, boolean close) implements IoCommand {
        /** Validates the components. */
        public WsFrame {
            Objects.requireNonNull(webSocket, "webSocket");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * The handler caught up with a WebSocket's inbound events: read its socket again.
     *
     * @param webSocket the connection
     */
    record WsResume(LoopWebSocket webSocket) implements IoCommand {
    }

    /**
     * The handler caught up with a streamed request body: read the connection's socket again.
     *
     * @param fd the connection's file descriptor
     * @param generation the connection's generation
     * @param body the body that caught up (the connection may have moved on to another)
     */
    record BodyResume(int fd, long generation, LoopRequestBody body) implements IoCommand {
    }

    /** Makes the loop run a turn: re-read its clock and act on expired deadlines (tests move the clock). */
    record Tick() implements IoCommand {
    }

    /**
     * Stop accepting, finish what is in flight within the grace period, then stop the loop.
     *
     * @param deadlineNanos the {@link System#nanoTime()} after which remaining connections are closed
     */
    record Shutdown(long deadlineNanos) implements IoCommand {
    }
}
