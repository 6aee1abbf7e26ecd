package mummy.topics;

/**
 * A listener's subscription to one topic, from {@link Broker#subscribe}: cancel it to stop
 * delivery. Closing it is cancelling it, so it fits try-with-resources.
 *
 * <p>Threading: any thread. A message being delivered while it is cancelled may still reach the
 * listener; none published after {@link #cancel()} returned does.
 */
public interface Subscription extends AutoCloseable {

    /**
     * The topic subscribed to.
     *
     * @return the topic
     */
    String topic();

    /** Stops delivery to the listener. Calling it again does nothing. */
    void cancel();

    /**
     * Whether it is still subscribed: false once cancelled or once the broker closed.
     *
     * @return true while active
     */
    boolean isActive();

    /** {@link #cancel()}. */
    @Override
    default void close() {
        cancel();
    }
}
