package mummy.io.internal.loop;

import java.util.Objects;

/**
 * What other threads ask of the IO thread: immutable messages offered to its {@link WakeupQueue}.
 */
sealed interface IoCommand {

    /**
     * Bytes of a response to write on a connection, in request order. Built through the factories
     * named after what is sent ({@link #interim}, {@link #finalResponse}, {@link #upgradeTo},
     * {@link #streamHead}, {@link #streamPiece}, {@link #streamEnd}, {@link #fileResponse}), never
     * from positions.
     *
     * <p>The byte array is compared by identity in {@code equals}: a command is a message, not a
     * value, and nobody compares two of them.
     *
     * @param slot the connection and the request's turn on it
     * @param kind what part of the answer this is
     * @param bytes the encoded bytes, owned by the IO thread from now on
     * @param close whether the connection closes once this response is written (final kinds only)
     * @param carried what travels with the bytes: the {@link LoopWebSocket} of an upgrade, the
     *                {@link LoopResponseStream} of a stream's head, the {@link FileBody} of a file
     *                response (whose descriptor the IO thread now owns); null for the other kinds
     */
    record Send(ResponseSlot slot, Kind kind, byte[] bytes, boolean close, Object carried) implements IoCommand {

        /** What part of a request's answer a {@link Send} is, and what it carries. */
        enum Kind {
            /** An interim (1xx) response; the final one follows. */
            INTERIM(false, null),
            /** A whole final response. */
            FINAL(true, null),
            /** The 101 that switches the connection to the WebSocket it carries. */
            UPGRADE(true, LoopWebSocket.class),
            /** The head of a streamed response; its pieces follow. */
            STREAM_HEAD(false, LoopResponseStream.class),
            /** A framed piece of a streamed response. */
            STREAM_PIECE(false, null),
            /** The end of a streamed response (the last chunk, or nothing for raw framing). */
            STREAM_END(true, null),
            /** The head of a file response; the body follows from the file it carries. */
            FILE(true, FileBody.class);

            /** Whether it ends the request's answer: the next request's turn comes after it. */
            final boolean last;
            /** The type of what it carries, or null. */
            final Class<?> carries;

            Kind(boolean last, Class<?> carries) {
                this.last = last;
                this.carries = carries;
            }
        }

        /** Validates the components. */
        public Send {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(bytes, "bytes");
            if (kind.carries == null ? carried != null : !kind.carries.isInstance(carried)) {
                throw new IllegalArgumentException("a " + kind + " carries " + (kind.carries == null ? "nothing"
                        : "a " + kind.carries.getSimpleName()) + ", not " + carried);
            }
            if (close && (!kind.last || kind == Kind.UPGRADE)) {
                throw new IllegalArgumentException("a " + kind + " cannot close the connection");
            }
        }

        /**
         * An interim (1xx) response.
         *
         * @param slot where it goes
         * @param bytes the encoded response
         * @return the command
         */
        static Send interim(ResponseSlot slot, byte[] bytes) {
            return new Send(slot, Kind.INTERIM, bytes, false, null);
        }

        /**
         * A whole final response.
         *
         * @param slot where it goes
         * @param bytes head and body
         * @param close whether the connection closes after it
         * @return the command
         */
        static Send finalResponse(ResponseSlot slot, byte[] bytes, boolean close) {
            return new Send(slot, Kind.FINAL, bytes, close, null);
        }

        /**
         * The 101 response after which the connection speaks WebSocket.
         *
         * @param slot where it goes
         * @param switching the encoded 101
         * @param webSocket the WebSocket the connection becomes
         * @return the command
         */
        static Send upgradeTo(ResponseSlot slot, byte[] switching, LoopWebSocket webSocket) {
            return new Send(slot, Kind.UPGRADE, switching, false, webSocket);
        }

        /**
         * The head of a streamed response.
         *
         * @param slot where it goes
         * @param head the encoded head
         * @param stream the stream whose pieces follow
         * @return the command
         */
        static Send streamHead(ResponseSlot slot, byte[] head, LoopResponseStream stream) {
            return new Send(slot, Kind.STREAM_HEAD, head, false, stream);
        }

        /**
         * A framed piece of a streamed response.
         *
         * @param slot where it goes
         * @param piece the framed bytes
         * @return the command
         */
        static Send streamPiece(ResponseSlot slot, byte[] piece) {
            return new Send(slot, Kind.STREAM_PIECE, piece, false, null);
        }

        /**
         * The end of a streamed response.
         *
         * @param slot where it goes
         * @param end the last chunk and trailers, or nothing
         * @param close whether the connection closes after it
         * @return the command
         */
        static Send streamEnd(ResponseSlot slot, byte[] end, boolean close) {
            return new Send(slot, Kind.STREAM_END, end, close, null);
        }

        /**
         * A file response: its head, then the body sent from the file.
         *
         * @param slot where it goes
         * @param head the encoded head
         * @param close whether the connection closes after the body
         * @param body the file body, whose descriptor the IO thread owns from now on
         * @return the command
         */
        static Send fileResponse(ResponseSlot slot, byte[] head, boolean close, FileBody body) {
            return new Send(slot, Kind.FILE, head, close, body);
        }

        /** {@return the connection's file descriptor} */
        int fd() {
            return slot.fd();
        }

        /** {@return the connection's generation} */
        long generation() {
            return slot.generation();
        }

        /** {@return the request's number on its connection} */
        int sequence() {
            return slot.sequence();
        }

        /** {@return whether this ends the request's answer (else an interim response, a stream's head or piece)} */
        boolean last() {
            return kind.last;
        }

        /** {@return for a 101, the WebSocket the connection becomes once it is written, else null} */
        LoopWebSocket upgrade() {
            return kind == Kind.UPGRADE ? (LoopWebSocket) carried : null;
        }

        /** {@return for the head of a streamed response, the stream whose pieces follow, else null} */
        LoopResponseStream stream() {
            return kind == Kind.STREAM_HEAD ? (LoopResponseStream) carried : null;
        }

        /** {@return for a file response, the body sent from the file after the head, else null} */
        FileBody file() {
            return kind == Kind.FILE ? (FileBody) carried : null;
        }

        /**
         * This response will not be sent (its connection closed, or it came too late): ends what it
         * carries. A file is closed; a stream hears that its client is gone (it stops accepting
         * writes and runs its onClose callbacks); a WebSocket is marked closing (it never opens).
         * Any thread; each of these is idempotent.
         */
        void discard() {
            switch (kind) {
                case FILE -> file().close();
                case STREAM_HEAD -> stream().clientGone();
                case UPGRADE -> upgrade().markClosing();
                case INTERIM, FINAL, STREAM_PIECE, STREAM_END -> { }
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
     * Reset a connection now, dropping what is queued for it: a sender ignored backpressure past
     * the hard cap ({@link WorkerPort#cutOff}).
     *
     * @param fd the connection's file descriptor
     * @param generation the connection's generation
     * @param reason why, for the log
     */
    record Abort(int fd, long generation, String reason) implements IoCommand {
        /** Validates the components. */
        public Abort {
            Objects.requireNonNull(reason, "reason");
        }
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
     * A connection the listening loop accepted, for this loop to serve from now on (see
     * {@link LoopGroup}); its place of the connection cap is taken. A loop that cannot take it
     * (shutting down, or ended) closes the fd and gives the place back.
     *
     * @param fd the accepted socket, non-blocking, owned by whoever takes this message
     * @param remote the peer's address as {@code accept4} wrote it
     */
    record Adopt(int fd, byte[] remote) implements IoCommand {
    }

    /** Another loop freed a place of the server's connection cap while this one waited for one. */
    record RoomFreed() implements IoCommand {
    }

    /**
     * Close the listeners now, and count {@code done} down: the first step of a server's shutdown.
     *
     * @param done counted down by the IO thread once its listeners are closed
     */
    record StopAccepting(java.util.concurrent.CountDownLatch done) implements IoCommand {
    }

    /**
     * Stop accepting, finish what is in flight within the grace period, then stop the loop.
     *
     * @param deadlineNanos the {@link System#nanoTime()} after which remaining connections are closed
     */
    record Shutdown(long deadlineNanos) implements IoCommand {
    }
}
