package mummy.topics;

/**
 * Topics: {@link #publish} a message under a topic name, and every {@link #subscribe subscribed}
 * listener of that topic receives it, on this instance ({@link InMemoryBroker}) or on every
 * instance connected to the same remote broker (such as {@code mummy.topics.redis}).
 *
 * <p>A broker holds one subscription per topic per instance, however many listeners the topic has
 * here: listeners of one topic share it, and the last one's {@link Subscription#cancel()} gives
 * it up. {@link WebSocketFanOut} and {@link EventStreamFanOut} are listeners that pass a topic on
 * to many connections.
 *
 * <p>Delivery is at-most-once: a message published while a remote broker is unreachable, or while
 * an instance is cut off from it, is not delivered there (a history, where the broker keeps one,
 * lets an event stream catch up: {@link #replay}). Within a topic, one publisher's messages arrive
 * in the order it published them.
 *
 * <p>Threading: every method may be called from any thread. Each implementation says on which
 * thread listeners run; they must not block. Topic names: 1 to 200 characters, no control
 * characters.
 */
public interface Broker extends AutoCloseable {

    /**
     * Publishes a text message.
     *
     * @param topic the topic
     * @param text the message
     * @return true if the broker took it, false if it was unreachable (the message is lost and
     *         counted in {@link BrokerStats#publishFailures()})
     * @throws IllegalArgumentException if the topic name is not valid
     * @throws IllegalStateException if the broker is closed
     */
    boolean publish(String topic, String text);

    /**
     * Publishes a binary message; the array may be reused once this returns.
     *
     * @param topic the topic
     * @param data the message
     * @return true if the broker took it, false if it was unreachable (the message is lost)
     * @throws IllegalArgumentException if the topic name is not valid
     * @throws IllegalStateException if the broker is closed
     */
    boolean publish(String topic, byte[] data);

    /**
     * Subscribes a listener to a topic; the same listener may subscribe several times (it then
     * receives each message once per subscription).
     *
     * @param topic the topic
     * @param listener called for each message published after this returned (see the
     *                 implementation for the thread)
     * @return the subscription, to cancel
     * @throws IllegalArgumentException if the topic name is not valid
     * @throws IllegalStateException if the broker is closed
     */
    Subscription subscribe(String topic, TopicListener listener);

    /**
     * Whether this broker keeps a bounded history of each topic, so that {@link #replay} can
     * return what a subscriber missed.
     *
     * @return true if it keeps one
     */
    boolean keepsHistory();

    /**
     * The messages of a topic's history after an id, oldest first, such as those an event stream
     * missed before it reconnected with {@code Last-Event-ID}. May block briefly (a remote broker
     * is asked): call it on a worker thread.
     *
     * @param topic the topic
     * @param afterId the id of the last message the subscriber had
     * @return what the history holds after the id, with {@link Replay#gap()} set if some of it has
     *         been dropped; {@link Replay#none()} if the broker keeps no history
     * @throws IllegalArgumentException if the topic name is not valid
     * @throws IllegalStateException if the broker is closed
     */
    Replay replay(String topic, String afterId);

    /**
     * The broker's counters.
     *
     * @return a snapshot
     */
    BrokerStats stats();

    /**
     * Closes the broker: subscriptions end (their listeners get nothing more), later calls of
     * {@link #publish} and {@link #subscribe} throw. Calling it again does nothing.
     */
    @Override
    void close();
}
