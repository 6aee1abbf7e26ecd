package mummy.testing;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mummy.api.WebSocketEvent;

/**
 * The receiving side of a {@link TestWebSocket}: the JDK client's listener, which joins fragments
 * into whole messages and queues them, then the close, for the test to take.
 *
 * <p>The queue is unbounded: a test receives what it expects, and whatever it leaves is dropped
 * with the connection. Each message is requested from the JDK client after the previous one was
 * queued.
 *
 * <p>Threading: the JDK client calls the listener methods one at a time on its threads; the test
 * takes from any thread. After the close, the queue ends with {@link #END}, which stays in it.
 */
final class Inbox implements WebSocket.Listener {

    /** The last entry of the queue, once the connection closed. */
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<WebSocketEvent.Close> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            queue.add(WebSocketEvent.Message.text(text.toString()));
            text.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            queue.add(WebSocketEvent.Message.binary(binary.toByteArray()));
            binary.reset();
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
        end(new WebSocketEvent.Close(code, reason));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        end(new WebSocketEvent.Close(1006, String.valueOf(error)));
    }

    private void end(WebSocketEvent.Close close) {
        if (closed.complete(close)) {
            queue.add(END);
        }
    }

    /**
     * Whether the connection closed.
     *
     * @return true once the close or a failure came
     */
    boolean isClosed() {
        return closed.isDone();
    }

    /**
     * Takes the next message.
     *
     * @param timeout how long to wait at most
     * @return the message
     */
    WebSocketEvent.Message next(Duration timeout) {
        Object entry;
        try {
            entry = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw TestClient.interrupted("a WebSocket message");
        }
        if (entry == null) {
            throw new UncheckedIOException(new SocketTimeoutException("no WebSocket message within " + timeout));
        }
        if (entry == END) {
            queue.add(END);
            WebSocketEvent.Close close = closed.join();
            throw new IllegalStateException("the WebSocket closed before another message came: "
                    + close.code() + " " + close.reason());
        }
        return (WebSocketEvent.Message) entry;
    }

    /**
     * Waits for the close.
     *
     * @param timeout how long to wait at most
     * @return the close
     */
    WebSocketEvent.Close awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new UncheckedIOException(new SocketTimeoutException("no WebSocket close within " + timeout));
        } catch (InterruptedException e) {
            throw TestClient.interrupted("the WebSocket close");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
