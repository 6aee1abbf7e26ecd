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
 */
record ResponseSlot(int fd, long generation, int sequence) {

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
