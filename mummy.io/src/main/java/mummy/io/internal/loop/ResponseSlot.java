package mummy.io.internal.loop;

/**
 * Where a response goes: a connection, named by its fd and generation, and the request's turn on it.
 *
 * <p>Threading: immutable; made by the IO thread for each request and carried by every
 * {@link IoCommand.Send} of its answer.
 *
 * @param fd the connection's file descriptor
 * @param generation the connection's generation: a late message for a closed connection whose fd
 *                   was reused carries an older generation and is dropped
 * @param sequence the request's number on its connection (0, 1, 2, ...): responses are written in
 *                 this order, whatever order they arrive in
 * @param exchange the request's exchange, which the IO thread meters when the final answer arrives
 *                 ({@link HttpExchange#meter}); null for the answers the IO thread makes itself.
 *                 NOTE: the one mutable part; what the IO thread reads of it was written before
 *                 the answer was offered to the queue, which orders it
 */
record ResponseSlot(int fd, long generation, int sequence, HttpExchange exchange) {

    /**
     * A slot for an answer of the IO thread's own (100 Continue, a refusal).
     *
     * @param fd the connection's file descriptor
     * @param generation the connection's generation
     * @param sequence the request's number on its connection
     */
    ResponseSlot(int fd, long generation, int sequence) {
        this(fd, generation, sequence, null);
    }

    /** Validates the components. */
    ResponseSlot {
        if (fd < 0) {
            throw new IllegalArgumentException("fd < 0: " + fd);
        }
        if (generation < 1) {
            throw new IllegalArgumentException("generation < 1: " + generation);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence < 0: " + sequence);
        }
    }
}
