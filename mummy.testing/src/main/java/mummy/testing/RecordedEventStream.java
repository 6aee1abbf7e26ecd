package mummy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import mummy.api.EventStream;
import mummy.api.SendResult;
import mummy.api.ServerSentEvent;

/**
 * The {@link EventStream} of a {@link FakeRequest}: keeps every event and comment sent, in order.
 * Nothing is ever backpressured: {@link #bufferedBytes()} is always 0.
 *
 * <p>Threading: any thread.
 */
final class RecordedEventStream implements EventStream {

    private final String lastEventId;
    private final List<ServerSentEvent> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final StreamEnd end = new StreamEnd();

    /**
     * A stream for a client that sent {@code lastEventId}.
     *
     * @param lastEventId the request's {@code Last-Event-ID}, or null
     */
    RecordedEventStream(String lastEventId) {
        this.lastEventId = lastEventId;
    }

    @Override
    public synchronized SendResult send(ServerSentEvent event) {
        Objects.requireNonNull(event, "event");
        if (!end.isOpen()) {
            return SendResult.CLOSED;
        }
        events.add(event);
        return SendResult.QUEUED;
    }

    @Override
    public SendResult sendBlocking(ServerSentEvent event) {
        return send(event);
    }

    @Override
    public long bufferedBytes() {
        return 0;
    }

    @Override
    public synchronized SendResult comment(String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a comment is one line");
        }
        if (!end.isOpen()) {
            return SendResult.CLOSED;
        }
        comments.add(text);
        return SendResult.QUEUED;
    }

    @Override
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public boolean isOpen() {
        return end.isOpen();
    }

    @Override
    public void onClose(Runnable callback) {
        end.onClose(callback);
    }

    @Override
    public void close() {
        end.end();
    }

    /**
     * The events sent so far.
     *
     * @return a copy, in order
     */
    synchronized List<ServerSentEvent> events() {
        return List.copyOf(events);
    }

    /**
     * The comments sent so far.
     *
     * @return a copy, in order
     */
    synchronized List<String> comments() {
        return List.copyOf(comments);
    }

    /** Plays the client going away. */
    void disconnect() {
        end.end();
    }
}
