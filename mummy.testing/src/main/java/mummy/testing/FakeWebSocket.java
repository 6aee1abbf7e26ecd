package mummy.testing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import mummy.api.HttpHeaders;
import mummy.api.SendResult;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.api.WebSocketHandler;

/**
 * A test fake of {@link WebSocket}, for unit-testing a {@link WebSocketHandler} without sockets:
 * hand it to the handler with the events a client would cause, then look at what the handler
 * sent and whether it closed.
 *
 * <pre>{@code
 * FakeWebSocket socket = FakeWebSocket.of("/chat");
 * handler.onEvent(socket, new WebSocketEvent.Open());
 * handler.onEvent(socket, WebSocketEvent.Message.text("hi"));
 * assertEquals(List.of(WebSocketEvent.Message.text("echo: hi")), socket.sent());
 * }</pre>
 *
 * <p>Every send is {@link SendResult#QUEUED} while open and {@link SendResult#CLOSED} once the
 * handler closed it; nothing is ever backpressured. The fake does not check close codes or send
 * Close frames: {@link #closed()} is what the handler asked for. {@link FakeRequest} returns one
 * from {@link FakeRequest#upgradeToWebSocket upgradeToWebSocket}.
 *
 * <p>Threading: any thread.
 */
public final class FakeWebSocket implements WebSocket {

    private final String path;
    private final HttpHeaders requestHeaders;
    private final String subprotocol;
    private final InetSocketAddress remoteAddress;
    private final List<WebSocketEvent.Message> sent = new ArrayList<>();
    private int pings;
    private WebSocketEvent.Close closed;
    private Object attachment;

    FakeWebSocket(String path, HttpHeaders requestHeaders, String subprotocol, InetSocketAddress remoteAddress) {
        this.path = Objects.requireNonNull(path, "path");
        this.requestHeaders = Objects.requireNonNull(requestHeaders, "requestHeaders");
        this.subprotocol = subprotocol;
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    /**
     * An open connection upgraded at {@code path}, without request fields or subprotocol, from
     * {@link FakeRequest#DEFAULT_REMOTE_ADDRESS}.
     *
     * @param path the request path of the upgrade, such as {@code /chat}
     * @return the connection
     */
    public static FakeWebSocket of(String path) {
        return of(path, HttpHeaders.empty(), null);
    }

    /**
     * An open connection upgraded at {@code path} with the given request fields and subprotocol.
     *
     * @param path the request path of the upgrade
     * @param requestHeaders the fields of the upgrade request
     * @param subprotocol the subprotocol chosen, or null for none
     * @return the connection
     */
    public static FakeWebSocket of(String path, HttpHeaders requestHeaders, String subprotocol) {
        return new FakeWebSocket(path, requestHeaders, subprotocol, FakeRequest.DEFAULT_REMOTE_ADDRESS);
    }

    @Override
    public SendResult send(String text) {
        return record(WebSocketEvent.Message.text(text));
    }

    @Override
    public SendResult send(byte[] data) {
        return record(WebSocketEvent.Message.binary(data.clone()));
    }

    @Override
    public SendResult sendBlocking(String text) {
        return send(text);
    }

    @Override
    public SendResult sendBlocking(byte[] data) {
        return send(data);
    }

    @Override
    public synchronized SendResult ping(byte[] payload) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("a ping payload is at most 125 bytes (RFC 6455 5.5), not " + payload.length);
        }
        if (closed != null) {
            return SendResult.CLOSED;
        }
        pings++;
        return SendResult.QUEUED;
    }

    @Override
    public synchronized void close(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason is at most 123 bytes of UTF-8 (RFC 6455 5.5)");
        }
        if (closed == null) {
            closed = new WebSocketEvent.Close(code, reason);
        }
    }

    @Override
    public synchronized boolean isOpen() {
        return closed == null;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public long bufferedBytes() {
        return 0;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public HttpHeaders requestHeaders() {
        return requestHeaders;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public synchronized void attach(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public synchronized Object attachment() {
        return attachment;
    }

    /**
     * The messages sent while open, in order; text messages are {@link WebSocketEvent.Message#isText() text}.
     *
     * @return a copy of the list
     */
    public synchronized List<WebSocketEvent.Message> sent() {
        return List.copyOf(sent);
    }

    /**
     * The text messages sent while open, in order (binary ones left out).
     *
     * @return the texts
     */
    public synchronized List<String> sentTexts() {
        return sent.stream().filter(WebSocketEvent.Message::isText).map(WebSocketEvent.Message::asText).toList();
    }

    /**
     * How many pings were sent while open.
     *
     * @return the count
     */
    public synchronized int pings() {
        return pings;
    }

    /**
     * The close the handler asked for first.
     *
     * @return its code and reason, or null while open
     */
    public synchronized WebSocketEvent.Close closed() {
        return closed;
    }

    private synchronized SendResult record(WebSocketEvent.Message message) {
        if (closed != null) {
            return SendResult.CLOSED;
        }
        sent.add(message);
        return SendResult.QUEUED;
    }

    @Override
    public String toString() {
        return "FakeWebSocket[" + path + (closed == null ? ", open]" : ", closed " + closed.code() + "]");
    }
}
