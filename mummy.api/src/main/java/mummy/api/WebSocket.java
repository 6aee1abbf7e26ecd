package mummy.api;

import java.net.InetSocketAddress;

/**
 * One side of a WebSocket connection (RFC 6455), as the server sees it.
 *
 * <p>Threading: every method may be called from any thread at any time. Sends are encoded on the
 * calling thread and queued for the server's IO thread; frames go out in the order the calls
 * returned, after the handshake's 101 response. A send never blocks, except {@link #sendBlocking},
 * which waits while the connection is over its outbound high-water mark.
 *
 * <p>Backpressure: every queued frame counts toward {@link #bufferedBytes()}; once that passes the
 * server's outbound high-water mark (mummy.io's {@code Server.Builder.outboundHighWaterMark}),
 * sends return {@link SendResult#BACKPRESSURED} (the frame is still queued). A peer that stops
 * reading is closed after the server's write timeout.
 */
public interface WebSocket {

    /**
     * Sends a text message.
     *
     * @param text the message
     * @return whether it was queued
     */
    SendResult send(String text);

    /**
     * Sends a binary message. The array is copied into the frame; it may be reused afterwards.
     *
     * @param data the message
     * @return whether it was queued
     */
    SendResult send(byte[] data);

    /**
     * Sends a text message, first waiting while the connection is over its high-water mark:
     * natural on virtual threads.
     *
     * @param text the message
     * @return whether it was queued ({@link SendResult#CLOSED} if the connection closed meanwhile)
     * @throws InterruptedException if interrupted while waiting
     */
    SendResult sendBlocking(String text) throws InterruptedException;

    /**
     * Sends a binary message, first waiting while the connection is over its high-water mark.
     *
     * @param data the message
     * @return whether it was queued
     * @throws InterruptedException if interrupted while waiting
     */
    SendResult sendBlocking(byte[] data) throws InterruptedException;

    /**
     * Sends a ping; the peer answers with a pong.
     *
     * @param payload at most 125 bytes
     * @return whether it was queued
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     */
    SendResult ping(byte[] payload);

    /**
     * Starts the closing handshake: sends a Close frame; the connection closes when the peer
     * answers, or after the close timeout. The handler then receives
     * {@link WebSocketEvent.Close} with the peer's code.
     *
     * @param code a close code that may be sent (1000, 1001, 1003, 1007-1011, 3000-4999)
     * @param reason at most 123 bytes of UTF-8 (longer reasons are cut at a character boundary)
     * @throws IllegalArgumentException if the code may not be sent
     */
    void close(int code, String reason);

    /** {@link #close(int, String) close(1000, "")}: a normal closure. */
    default void close() {
        close(1000, "");
    }

    /**
     * Whether messages may still be sent: false once either side began closing.
     *
     * @return true while open
     */
    boolean isOpen();

    /**
     * The subprotocol chosen in the handshake.
     *
     * @return the subprotocol, or null if none
     */
    String subprotocol();

    /**
     * The bytes queued for this connection and not yet written to its socket.
     *
     * @return the outbound backlog in bytes
     */
    long bufferedBytes();

    /**
     * The path of the upgrade request, percent-decoded.
     *
     * @return the path
     */
    String path();

    /**
     * The header fields of the upgrade request.
     *
     * @return the headers
     */
    HttpHeaders requestHeaders();

    /**
     * The address of the peer.
     *
     * @return the peer's address and port
     */
    InetSocketAddress remoteAddress();

    /**
     * Attaches an application object to this connection (such as a user name in a chat).
     *
     * @param attachment the object, or null
     */
    void attach(Object attachment);

    /**
     * The object last attached.
     *
     * @return the attachment, or null
     */
    Object attachment();
}
