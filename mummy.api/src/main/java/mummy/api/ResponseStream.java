package mummy.api;

/**
 * A response whose body is written piece by piece, for as long as the handler likes: chunked
 * transfer coding (RFC 9112 7.1), or raw bytes when the handler declared a {@code Content-Length}
 * (or the client speaks HTTP/1.0, where the end of the body is the end of the connection).
 *
 * <p>Threading: every method may be called from any thread, also after the handler returned;
 * writes go out in the order the calls returned. Memory is bounded by backpressure: bytes count
 * toward {@link #bufferedBytes()} until written to the socket, and past the server's high-water
 * mark writes return {@link SendResult#BACKPRESSURED} and {@link #writeBlocking} waits. A writer
 * that ignores that and lets the backlog reach four times the high-water mark is cut off: the
 * stream ends as if the client had gone away and the connection closes without the body's end,
 * so the client sees a truncated response rather than the server growing its heap.
 *
 * <p>A client that goes away ends the stream: {@link #isOpen()} turns false, writes return
 * {@link SendResult#CLOSED} and do nothing, and the {@link #onClose} callbacks run.
 */
public interface ResponseStream extends AutoCloseable {

    /**
     * Queues a piece of the body; empty pieces are ignored.
     *
     * @param data the bytes, copied: the array may be reused afterwards
     * @return whether it was queued
     */
    SendResult write(byte[] data);

    /**
     * Queues a piece of the body encoded as UTF-8.
     *
     * @param text the text
     * @return whether it was queued
     */
    SendResult write(String text);

    /**
     * Queues a piece of the body, first waiting while over the high-water mark: natural on
     * virtual threads.
     *
     * @param data the bytes
     * @return whether it was queued ({@link SendResult#CLOSED} if the client went away meanwhile)
     * @throws InterruptedException if interrupted while waiting
     */
    SendResult writeBlocking(byte[] data) throws InterruptedException;

    /**
     * Ends the body (the last chunk), with trailer fields when chunked.
     *
     * @param trailers fields sent after the body; ignored when the body is not chunked
     */
    void close(HttpHeaders trailers);

    /** Ends the body. Calling it again does nothing. */
    @Override
    default void close() {
        close(HttpHeaders.empty());
    }

    /**
     * Whether writes are still accepted: false once closed or once the client went away.
     *
     * @return true while open
     */
    boolean isOpen();

    /**
     * Registers a callback for the end of the stream, however it ends (closed, or the client
     * went away); it runs once, on a worker thread, at once if the stream has already ended.
     *
     * @param callback the callback
     */
    void onClose(Runnable callback);

    /**
     * The bytes queued and not yet written to the socket.
     *
     * @return the outbound backlog in bytes
     */
    long bufferedBytes();
}
