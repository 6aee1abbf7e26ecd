package mummy.topics;

import java.util.Objects;
import mummy.api.SendResult;
import mummy.api.WebSocket;

/**
 * Passes every message of one topic on to a set of WebSockets: text messages as text frames,
 * binary as binary. One broker subscription, however many sockets.
 *
 * <pre>{@code
 * WebSocketFanOut room = WebSocketFanOut.create(broker, "room:lobby", FanOutOptions.of(SlowSubscriberPolicy.CLOSE));
 * // in the WebSocketHandler:
 * case WebSocketEvent.Open open -> room.add(socket);
 * case WebSocketEvent.Message message -> broker.publish("room:lobby", message.asText());
 * case WebSocketEvent.Close close -> room.remove(socket);
 * }</pre>
 *
 * <p>Backpressure: sends never block. A socket that is behind (its last send returned
 * {@link SendResult#BACKPRESSURED}, or its {@link WebSocket#bufferedBytes()} reached
 * {@link FanOutOptions#maxBufferedBytes()}) gets the {@link FanOutOptions#policy() policy}: its
 * messages are dropped until it drained half its backlog, or it is closed with 1008 and removed.
 * So a socket whose client never reads holds at most its high-water mark plus one message. A
 * socket whose send returns {@link SendResult#CLOSED} is removed.
 *
 * <p>Threading: {@link #add} and {@link #remove} from any thread; messages are sent on the
 * broker's delivery thread.
 */
public final class WebSocketFanOut implements AutoCloseable {

    /** The close code of a socket cut off for being too slow: 1008 policy violation (RFC 6455 7.4.1). */
    public static final int SLOW_CLOSE_CODE = 1008;

    private final FanOut<WebSocket> fanOut;
    private final Subscription subscription;

    private WebSocketFanOut(Broker broker, String topic, FanOutOptions options) {
        this.fanOut = new FanOut<>(new Sink(), options);
        this.subscription = broker.subscribe(topic, fanOut::deliverToAll);
    }

    /**
     * Subscribes a new fan-out to a topic.
     *
     * @param broker the broker
     * @param topic the topic
     * @param options the slow-subscriber policy and bounds
     * @return the fan-out, with no sockets yet
     */
    public static WebSocketFanOut create(Broker broker, String topic, FanOutOptions options) {
        return new WebSocketFanOut(Objects.requireNonNull(broker, "broker"), topic, options);
    }

    /**
     * Adds a socket; it gets the messages published from now on. Adding it again does nothing.
     *
     * @param socket an open socket
     */
    public void add(WebSocket socket) {
        fanOut.add(socket);
    }

    /**
     * Removes a socket (such as on its {@code Close} event).
     *
     * @param socket the socket
     * @return whether it was there
     */
    public boolean remove(WebSocket socket) {
        return fanOut.remove(socket);
    }

    /**
     * Whether a socket is in the set.
     *
     * @param socket the socket
     * @return true if it is
     */
    public boolean contains(WebSocket socket) {
        return fanOut.contains(socket);
    }

    /**
     * The topic passed on.
     *
     * @return the topic
     */
    public String topic() {
        return subscription.topic();
    }

    /**
     * The counters.
     *
     * @return a snapshot
     */
    public FanOutStats stats() {
        return fanOut.stats();
    }

    /** Cancels the broker subscription; the sockets stay open. */
    @Override
    public void close() {
        subscription.cancel();
    }

    private static final class Sink implements FanOut.Sink<WebSocket> {
        @Override
        public SendResult send(WebSocket socket, TopicMessage message) {
            return message.isText() ? socket.send(message.text()) : socket.send(message.rawData());
        }

        @Override
        public long bufferedBytes(WebSocket socket) {
            return socket.bufferedBytes();
        }

        @Override
        public void cutOff(WebSocket socket) {
            socket.close(SLOW_CLOSE_CODE, "too slow: messages were not read");
        }
    }
}
