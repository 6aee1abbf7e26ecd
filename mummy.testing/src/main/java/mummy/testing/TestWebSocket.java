package mummy.testing;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mummy.api.HttpHeaders;
import mummy.api.WebSocketEvent;

/**
 * A WebSocket client connection for tests, from {@link TestClient#webSocket(String)}: send text or
 * binary messages, receive the server's messages one at a time, close, and see the server's close.
 *
 * <pre>{@code
 * try (TestWebSocket socket = server.webSocket("/echo")) {
 *     socket.sendText("hi");
 *     assertEquals("hi", socket.receiveText());
 *     socket.close(1000, "done");
 *     assertEquals(1000, socket.awaitClose().code());
 * }
 * }</pre>
 *
 * <p>Messages and the close arrive as mummy.api's {@link WebSocketEvent.Message} and
 * {@link WebSocketEvent.Close}. Each message is whole (fragments are joined); they wait in an
 * unbounded queue until received. The JDK's client answers pings and replies to the server's
 * Close by itself. Every wait is bounded ({@link TestClient#TIMEOUT} unless given); a receive
 * that times out throws an {@link UncheckedIOException} around a {@link SocketTimeoutException}.
 *
 * <p>Threading: any thread; sends are one at a time (a second waits for the first).
 */
public final class TestWebSocket implements AutoCloseable {

    private final WebSocket socket;
    private final Inbox inbox;

    private TestWebSocket(WebSocket socket, Inbox inbox) {
        this.socket = socket;
        this.inbox = inbox;
    }

    /**
     * Opens a connection; returns once the server answered the handshake with 101.
     *
     * @param client the JDK client
     * @param uri the {@code ws://} URI
     * @param headers extra request fields
     * @param subprotocols the subprotocols offered
     * @return the connection
     */
    static TestWebSocket connect(HttpClient client, URI uri, HttpHeaders headers, List<String> subprotocols) {
        Inbox inbox = new Inbox();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(TestClient.TIMEOUT);
        for (HttpHeaders.Field field : headers) {
            builder.header(field.name(), field.value());
        }
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.getFirst(), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        return new TestWebSocket(await(builder.buildAsync(uri, inbox), "the handshake of " + uri), inbox);
    }

    /**
     * Sends a text message and waits until it is written.
     *
     * @param text the message
     */
    public synchronized void sendText(String text) {
        await(socket.sendText(text, true), "sending a text message");
    }

    /**
     * Sends a binary message and waits until it is written.
     *
     * @param data the message
     */
    public synchronized void sendBinary(byte[] data) {
        await(socket.sendBinary(java.nio.ByteBuffer.wrap(data.clone()), true), "sending a binary message");
    }

    /**
     * The next message from the server, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return the message, text or binary
     * @throws UncheckedIOException if none came in time (around a {@link SocketTimeoutException})
     * @throws IllegalStateException if the connection closed before another message came (its
     *                               message names the close code)
     */
    public WebSocketEvent.Message receive(Duration timeout) {
        return inbox.next(timeout);
    }

    /**
     * The next message from the server, waiting up to {@link TestClient#TIMEOUT}.
     *
     * @return the message
     */
    public WebSocketEvent.Message receive() {
        return receive(TestClient.TIMEOUT);
    }

    /**
     * The next message, which must be a text message.
     *
     * @return its text
     * @throws IllegalStateException if it is a binary message, or the connection closed first
     */
    public String receiveText() {
        WebSocketEvent.Message message = receive();
        if (!message.isText()) {
            throw new IllegalStateException("expected a text message, got " + message);
        }
        return message.asText();
    }

    /**
     * The next message, which must be a binary message.
     *
     * @return its bytes
     * @throws IllegalStateException if it is a text message, or the connection closed first
     */
    public byte[] receiveBinary() {
        WebSocketEvent.Message message = receive();
        if (message.isText()) {
            throw new IllegalStateException("expected a binary message, got text: " + message.asText());
        }
        return message.data();
    }

    /**
     * Sends a Close frame (once; later calls do nothing). The server's reply arrives through
     * {@link #awaitClose()}.
     *
     * @param code the close code, such as 1000 (RFC 6455 7.4.1)
     * @param reason the reason, at most 123 bytes of UTF-8
     */
    public synchronized void close(int code, String reason) {
        if (!socket.isOutputClosed()) {
            await(socket.sendClose(code, Objects.requireNonNull(reason, "reason")), "sending Close");
        }
    }

    /**
     * Waits up to {@link TestClient#TIMEOUT} for the server's Close.
     *
     * @return its code and reason; code 1006 if the connection ended without one (RFC 6455 7.1.5),
     *         with the failure as the reason
     */
    public WebSocketEvent.Close awaitClose() {
        return awaitClose(TestClient.TIMEOUT);
    }

    /**
     * Waits for the server's Close.
     *
     * @param timeout how long to wait at most
     * @return its code and reason; code 1006 if the connection ended without one
     * @throws UncheckedIOException if it did not come in time
     */
    public WebSocketEvent.Close awaitClose(Duration timeout) {
        return inbox.awaitClose(timeout);
    }

    /**
     * The subprotocol the server chose.
     *
     * @return the subprotocol, or null if none
     */
    public String subprotocol() {
        String chosen = socket.getSubprotocol();
        return chosen == null || chosen.isEmpty() ? null : chosen;
    }

    /**
     * Whether the server's Close (or a failure) has come.
     *
     * @return true once the connection is closed from the server's side
     */
    public boolean isClosed() {
        return inbox.isClosed();
    }

    /**
     * Closes politely: sends Close 1000 unless a Close was sent already, waits up to
     * {@link TestClient#TIMEOUT} for the server's Close, then drops the connection.
     */
    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed() && !inbox.isClosed()) {
                close(1000, "");
            }
            inbox.awaitClose(TestClient.TIMEOUT);
        } finally {
            socket.abort();
        }
    }

    /**
     * Waits for a step of the JDK client.
     *
     * @param step the step
     * @param what what it does, for the messages
     * @param <T> the step's result
     * @return the result
     */
    static <T> T await(CompletableFuture<T> step, String what) {
        try {
            return step.get(TestClient.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException handshake) {
                throw new UncheckedIOException(what + " failed: the server answered "
                        + handshake.getResponse().statusCode(), handshake);
            }
            if (cause instanceof java.io.IOException io) {
                throw new UncheckedIOException(what + " failed: " + io, io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what + " failed", cause);
        } catch (TimeoutException e) {
            throw new UncheckedIOException(new SocketTimeoutException(what + " took longer than " + TestClient.TIMEOUT));
        } catch (InterruptedException e) {
            throw TestClient.interrupted(what);
        }
    }

    @Override
    public String toString() {
        return "TestWebSocket[" + (inbox.isClosed() ? "closed" : "open") + "]";
    }
}
