package mummy.api;

/**
 * A {@code text/event-stream} response (WHATWG HTML, "Server-sent events"): events go out as they
 * are sent; the server adds a heartbeat comment when the stream is quiet (mummy.io's
 * {@code Server.Builder.sseHeartbeatInterval}), so proxies keep it open and a vanished client is
 * noticed.
 *
 * <p>Threading: every method may be called from any thread, also after the handler returned.
 * A client that goes away ends the stream promptly: {@link #isOpen()} turns false, {@link #send}
 * returns {@link SendResult#CLOSED} and does nothing, and the {@link #onClose} callbacks run.
 *
 * <p>Memory: {@link #send} returns {@link SendResult#BACKPRESSURED} once the client's backlog
 * passes the server's high-water mark (a broadcaster may then skip that client, or use
 * {@link #sendBlocking}). A client whose backlog reaches four times the high-water mark is cut
 * off: the stream ends as if it had gone away (its {@code EventSource} reconnects with
 * {@code Last-Event-ID}), so one slow reader cannot grow the heap.
 */
public interface EventStream extends AutoCloseable {

    /**
     * Sends an event.
     *
     * @param event the event
     * @return whether it was queued
     */
    SendResult send(ServerSentEvent event);

    /**
     * Sends an event with only data.
     *
     * @param data the data; line breaks split it into several {@code data:} fields
     * @return whether it was queued
     */
    default SendResult send(String data) {
        return send(ServerSentEvent.of(data));
    }

    /**
     * Sends an event, first waiting while the client is behind (over the server's high-water
     * mark): natural on virtual threads, and the way to follow a slow client without losing events.
     *
     * @param event the event
     * @return whether it was queued ({@link SendResult#CLOSED} if the client went away meanwhile)
     * @throws InterruptedException if interrupted while waiting
     */
    SendResult sendBlocking(ServerSentEvent event) throws InterruptedException;

    /**
     * The bytes queued for this client and not yet written to its socket.
     *
     * @return the outbound backlog in bytes
     */
    long bufferedBytes();

    /**
     * Sends a comment line ({@code : text}), which clients ignore.
     *
     * @param text the comment, one line
     * @return whether it was queued
     */
    SendResult comment(String text);

    /**
     * The {@code Last-Event-ID} the client sent when it reconnected.
     *
     * @return the id, or null on a first connection
     */
    String lastEventId();

    /**
     * Whether events are still accepted: false once closed or once the client went away.
     *
     * @return true while open
     */
    boolean isOpen();

    /**
     * Registers a callback for the end of the stream; it runs once, on a worker thread, at once
     * if the stream has already ended.
     *
     * @param callback the callback
     */
    void onClose(Runnable callback);

    /** Ends the response cleanly. Calling it again does nothing. */
    @Override
    void close();
}
