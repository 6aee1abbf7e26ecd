package mummy.topics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import mummy.api.SendResult;

/**
 * The fan-out both public ones share: a set of subscribers of one kind, each sent every message
 * of one topic with a send that never blocks, and the slow-subscriber policy.
 *
 * <p>Memory: nothing is queued here. A subscriber's backlog lives in its connection, and is
 * bounded: a message goes out only while the subscriber is not behind, that is while its last
 * send was not {@link SendResult#BACKPRESSURED} and its {@code bufferedBytes()} is under
 * {@link FanOutOptions#maxBufferedBytes()}; so it holds at most the smaller of the connection's
 * high-water mark and that bound, plus one message.
 *
 * <p>Threading: {@link #deliver} runs on the broker's delivery thread, one subscriber at a time
 * under that subscriber's lock (so two publishers' messages reach it whole and in one order);
 * {@link #add} and {@link #remove} on any thread.
 *
 * @param <S> the subscriber type
 */
final class FanOut<S> {

    /** How to reach one kind of subscriber. */
    interface Sink<S> {
        SendResult send(S subscriber, TopicMessage message);

        long bufferedBytes(S subscriber);

        void cutOff(S subscriber);
    }

    /** One subscriber's state, guarded by itself. */
    static final class Member<S> {
        final S subscriber;
        /** Zero while not behind; otherwise the backlog to drain below before sending again. */
        long resumeBelow;

        Member(S subscriber) {
            this.subscriber = subscriber;
        }
    }

    private final Sink<S> sink;
    private final FanOutOptions options;
    // Filled by add, drained by remove and by deliver (closed or cut-off subscribers); bounded by
    // the subscribers the application adds, each of which leaves when its connection closes.
    private final Map<S, Member<S>> members = new ConcurrentHashMap<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder cutOff = new LongAdder();
    private final LongAdder departed = new LongAdder();

    FanOut(Sink<S> sink, FanOutOptions options) {
        this.sink = sink;
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    Member<S> add(S subscriber) {
        return members.computeIfAbsent(java.util.Objects.requireNonNull(subscriber, "subscriber"), Member::new);
    }

    /** Adds a member made beforehand (so that the caller can hold its lock while it joins). */
    void add(Member<S> member) {
        members.putIfAbsent(member.subscriber, member);
    }

    boolean remove(S subscriber) {
        return members.remove(subscriber) != null;
    }

    boolean contains(S subscriber) {
        return members.containsKey(subscriber);
    }

    void deliverToAll(TopicMessage message) {
        forEach(member -> deliver(member, message));
    }

    /** Runs an action for each member, under that member's lock. */
    void forEach(java.util.function.Consumer<Member<S>> action) {
        for (Member<S> member : members.values()) {
            synchronized (member) {
                action.accept(member);
            }
        }
    }

    /**
     * Sends one message to one subscriber, applying the policy; the caller holds the member's lock.
     *
     * @return false if the subscriber is gone (closed or cut off)
     */
    boolean deliver(Member<S> member, TopicMessage message) {
        long backlog = sink.bufferedBytes(member.subscriber);
        if (member.resumeBelow > 0) {
            if (backlog >= member.resumeBelow) {
                dropped.increment();
                return true;
            }
            member.resumeBelow = 0;
        }
        if (backlog >= options.maxBufferedBytes()) {
            return behind(member, backlog, false);
        }
        SendResult result = sink.send(member.subscriber, message);
        switch (result) {
            case QUEUED -> delivered.increment();
            case BACKPRESSURED -> {
                delivered.increment();
                return behind(member, sink.bufferedBytes(member.subscriber), true);
            }
            case CLOSED -> {
                if (remove(member.subscriber)) {
                    departed.increment();
                }
                return false;
            }
        }
        return true;
    }

    private boolean behind(Member<S> member, long backlog, boolean sent) {
        if (options.policy() == SlowSubscriberPolicy.CLOSE) {
            cutOff(member);
            return false;
        }
        if (!sent) {
            dropped.increment();
        }
        member.resumeBelow = Math.max(1, Math.min(backlog, options.maxBufferedBytes()) / 2);
        return true;
    }

    void cutOff(Member<S> member) {
        if (remove(member.subscriber)) {
            cutOff.increment();
            sink.cutOff(member.subscriber);
        }
    }

    void countDelivered() {
        delivered.increment();
    }

    FanOutOptions options() {
        return options;
    }

    FanOutStats stats() {
        return new FanOutStats(members.size(), delivered.sum(), dropped.sum(), cutOff.sum(), departed.sum());
    }
}
