package mummy.topics;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Function;
import mummy.api.EventStream;
import mummy.api.SendResult;
import mummy.api.ServerSentEvent;
import mummy.topics.spi.MessageIds;

/**
 * Passes every message of one topic on to a set of event streams, as server-sent events whose id
 * is the message's {@link TopicMessage#id() id}; and, on a broker with a history, resumes a client
 * that reconnects with {@code Last-Event-ID} from where it left off, on whichever instance it
 * reaches.
 *
 * <pre>{@code
 * EventStreamFanOut news = EventStreamFanOut.create(broker, "news", FanOutOptions.of(SlowSubscriberPolicy.CLOSE));
 * router.get("/news", request -> news.add(request.respondEventStream()));
 * }</pre>
 *
 * <p>Resuming: {@link #add} with a stream whose {@link EventStream#lastEventId()} is set first
 * sends what {@link Broker#replay} returns after that id, then the live messages. If the history
 * no longer reaches back to that id (or the id is not one of the broker's), it first sends a
 * {@value #GAP_EVENT} event whose data is the id the client sent, then the oldest messages kept:
 * a page listens with {@code source.addEventListener("gap", ...)} to reload what it shows.
 *
 * <p>Backpressure: as {@link WebSocketFanOut}; with {@link SlowSubscriberPolicy#CLOSE} a slow
 * stream is ended, and with a history its client reconnects and catches up, so nothing is lost
 * within the history's reach. A stream's own cut-off (four times the high-water mark) also applies.
 *
 * <p>Memory: while a stream replays, the live messages for it wait in its catch-up queue, filled
 * by the broker's delivery thread, drained by {@link #add} once the replay is sent, bounded by
 * {@link FanOutOptions#maxCatchUpMessages()}: past it the stream is cut off (it reconnects and
 * resumes). Nothing else is queued here.
 *
 * <p>Threading: {@link #add} on a worker thread (a replay may ask a remote broker), the rest from
 * any thread; live messages are sent on the broker's delivery thread.
 */
public final class EventStreamFanOut implements AutoCloseable {

    /** The event type sent before a replay that does not reach back to the client's Last-Event-ID. */
    public static final String GAP_EVENT = "gap";

    private final Broker broker;
    private final FanOut<EventStream> fanOut;
    private final Subscription subscription;

    private EventStreamFanOut(Broker broker, String topic, FanOutOptions options,
                              Function<TopicMessage, ServerSentEvent> toEvent) {
        this.broker = broker;
        this.fanOut = new FanOut<>(new Sink(toEvent), options);
        this.subscription = broker.subscribe(topic, this::onMessage);
    }

    /**
     * A fan-out whose events carry the message's text as data and its id as id.
     *
     * @param broker the broker
     * @param topic the topic
     * @param options the slow-subscriber policy and bounds
     * @return the fan-out, with no streams yet
     */
    public static EventStreamFanOut create(Broker broker, String topic, FanOutOptions options) {
        return create(broker, topic, options, message -> ServerSentEvent.of(message.text()));
    }

    /**
     * A fan-out with its own mapping from message to event (such as an event type per topic); the
     * id is set to the message's id afterwards, when it has one.
     *
     * @param broker the broker
     * @param topic the topic
     * @param options the slow-subscriber policy and bounds
     * @param toEvent makes the event of a message; runs on the delivery thread, must not block
     * @return the fan-out
     */
    public static EventStreamFanOut create(Broker broker, String topic, FanOutOptions options,
                                           Function<TopicMessage, ServerSentEvent> toEvent) {
        return new EventStreamFanOut(Objects.requireNonNull(broker, "broker"), topic, options,
                Objects.requireNonNull(toEvent, "toEvent"));
    }

    /**
     * Adds a stream: replays what it missed if it reconnected with {@code Last-Event-ID} and the
     * broker keeps a history, then sends it the live messages. It leaves when it closes.
     *
     * @param stream an open stream
     */
    public void add(EventStream stream) {
        String lastId = stream.lastEventId();
        if (lastId == null || !broker.keepsHistory()) {
            fanOut.add(stream);
            stream.onClose(() -> fanOut.remove(stream));
            return;
        }
        FanOut.Member<EventStream> member = new FanOut.Member<>(stream);
        CatchUp catchUp = new CatchUp();
        synchronized (member) {
            catchUps.put(member, catchUp);
            fanOut.add(member);
        }
        stream.onClose(() -> fanOut.remove(stream));
        Replay replay = broker.replay(topic(), lastId);
        synchronized (member) {
            catchUps.remove(member);
            if (catchUp.overflowed) {
                fanOut.cutOff(member);
                return;
            }
            String sent = lastId;
            if (replay.gap()) {
                SendResult gap = stream.send(new ServerSentEvent(GAP_EVENT, lastId, null, null));
                if (gap == SendResult.CLOSED) {
                    fanOut.remove(stream);
                    return;
                }
            }
            for (TopicMessage message : replay.messages()) {
                if (!fanOut.deliver(member, message)) {
                    return;
                }
                sent = message.id();
            }
            for (TopicMessage message : catchUp.live) {
                if (newer(message, sent) && !fanOut.deliver(member, message)) {
                    return;
                }
            }
        }
    }

    private static boolean newer(TopicMessage message, String than) {
        return message.id() == null || !MessageIds.isValid(than) || MessageIds.compare(message.id(), than) > 0;
    }

    /**
     * Streams replaying now, and the live messages that came meanwhile. Filled by {@link #add} and
     * {@link #onMessage}, drained by {@link #add}; each queue bounded by maxCatchUpMessages.
     */
    private final java.util.Map<FanOut.Member<EventStream>, CatchUp> catchUps = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class CatchUp {
        final ArrayDeque<TopicMessage> live = new ArrayDeque<>();
        boolean overflowed;
    }

    private void onMessage(TopicMessage message) {
        if (catchUps.isEmpty()) {
            fanOut.deliverToAll(message);
            return;
        }
        fanOut.forEach(member -> {
            CatchUp catchUp = catchUps.get(member);
            if (catchUp == null) {
                fanOut.deliver(member, message);
            } else if (catchUp.live.size() < fanOut.options().maxCatchUpMessages()) {
                catchUp.live.addLast(message);
            } else {
                catchUp.overflowed = true;
            }
        });
    }

    /**
     * Removes a stream (it is removed by itself when it closes).
     *
     * @param stream the stream
     * @return whether it was there
     */
    public boolean remove(EventStream stream) {
        return fanOut.remove(stream);
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

    /** Cancels the broker subscription; the streams stay open. */
    @Override
    public void close() {
        subscription.cancel();
    }

    private static final class Sink implements FanOut.Sink<EventStream> {
        private final Function<TopicMessage, ServerSentEvent> toEvent;

        Sink(Function<TopicMessage, ServerSentEvent> toEvent) {
            this.toEvent = toEvent;
        }

        @Override
        public SendResult send(EventStream stream, TopicMessage message) {
            ServerSentEvent event = toEvent.apply(message);
            return stream.send(message.id() == null ? event : event.withId(message.id()));
        }

        @Override
        public long bufferedBytes(EventStream stream) {
            return stream.bufferedBytes();
        }

        @Override
        public void cutOff(EventStream stream) {
            stream.close();
        }
    }
}
