package mummy.topics;

/**
 * Receives the messages of a topic it subscribed to ({@link Broker#subscribe}).
 *
 * <p>Threading: called on the broker's delivery thread (each broker says which: the in-memory
 * broker calls on the publisher's thread, a Redis broker on its one subscriber thread), so it
 * must not block: hand slow work to an executor. One listener's exception is logged and counted
 * ({@link BrokerStats#listenerFailures()}); it does not stop delivery to the others, nor to this
 * listener's next message.
 */
@FunctionalInterface
public interface TopicListener {

    /**
     * One message of the topic.
     *
     * @param message the message
     */
    void onMessage(TopicMessage message);
}
