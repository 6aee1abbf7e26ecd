package mummy.io.internal.loop;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The order of one HTTP connection's responses: requests are numbered as they are parsed, and
 * responses are released in that order, whatever order workers finish in. An interim response
 * (1xx) goes out in its request's turn; a final one ends the turn.
 *
 * <p>Buffers, all filled and drained by the IO thread: responses that arrive before an earlier
 * one wait in {@code early} (bounded by the requests in flight, at most
 * {@code maxPipelinedRequests}, each with its interim responses); the bodies of requests in flight
 * are counted in {@code bodies} until their final response is released. Both count in
 * {@link #heldBytes()}. Once a final response that closes the connection is released, the turn
 * never moves on: every later response is discarded, and the order counts as quiet (RFC 9112
 * 9.6: nothing is sent after a response with {@code Connection: close}).
 *
 * <p>Threading: IO thread only.
 */
final class ResponseOrder {

    /** Receives the responses whose turn has come. */
    interface Release {
        /** {@code send} is next on the wire. */
        void release(IoCommand.Send send);
    }

    private int nextSequence;
    private int sendSequence;
    /** A final response that closes the connection was released: nothing follows it. */
    private boolean ended;
    /** Responses that arrived before an earlier one, by sequence; null until needed. */
    private Map<Integer, ArrayDeque<IoCommand.Send>> early;
    private long earlyBytes;
    /** (sequence &lt;&lt; 32 | body length) of requests in flight that had a buffered body, in order. */
    private ArrayDeque<Long> bodies;
    private long bodyBytes;

    /**
     * Numbers the next request.
     *
     * @param bodyLength the length of its buffered body, counted until its final response is released
     * @return its sequence number
     */
    int next(long bodyLength) {
        int sequence = nextSequence++;
        if (bodyLength > 0) {
            if (bodies == null) {
                bodies = new ArrayDeque<>(4);
            }
            bodies.add((long) sequence << 32 | bodyLength);
            bodyBytes += bodyLength;
        }
        return sequence;
    }

    /** The sequence number the next request will get. */
    int peekNext() {
        return nextSequence;
    }

    /** Requests numbered whose final response is not released yet. */
    int inFlight() {
        return ended ? 0 : nextSequence - sendSequence;
    }

    /** Whether a final response that closes the connection was released. */
    boolean ended() {
        return ended;
    }

    /** Bytes of responses waiting for their turn and of bodies of requests in flight. */
    long heldBytes() {
        return earlyBytes + bodyBytes;
    }

    /**
     * Takes a response: releases it if its turn has come (and then those waiting behind it),
     * keeps it until then, or discards it when its turn is past.
     *
     * @return whether anything was released
     */
    boolean accept(IoCommand.Send send, Release release) {
        if (send.sequence() < sendSequence || ended) {
            send.discard();
            return false; // NOTE: an interim racing its own final (the final went out), or after the end
        }
        if (send.sequence() != sendSequence) {
            if (early == null) {
                early = new HashMap<>();
            }
            early.computeIfAbsent(send.sequence(), k -> new ArrayDeque<>(2)).add(send);
            earlyBytes += send.bytes().length;
            return false;
        }
        releaseOne(send, release);
        if (send.last()) {
            releaseEarly(release);
        }
        return true;
    }

    private void releaseOne(IoCommand.Send send, Release release) {
        if (send.last()) {
            sendSequence++;
            ended = send.close();
            while (bodies != null && !bodies.isEmpty() && (int) (bodies.peekFirst() >>> 32) < sendSequence) {
                bodyBytes -= bodies.pollFirst() & 0xFFFF_FFFFL;
            }
        }
        release.release(send);
    }

    /** Releases the responses that were waiting for their turn, stopping at the first one still missing. */
    private void releaseEarly(Release release) {
        while (early != null && !early.isEmpty()) {
            int turn = sendSequence;
            ArrayDeque<IoCommand.Send> waiting = early.remove(turn);
            if (waiting == null) {
                return;
            }
            for (IoCommand.Send next : waiting) {
                earlyBytes -= next.bytes().length;
                if (next.sequence() == sendSequence && !ended) {
                    releaseOne(next, release);
                } else {
                    next.discard(); // NOTE: an interim that lost the race to its own final, or after the end
                }
            }
            if (sendSequence == turn) {
                return; // only interim responses of this turn have arrived
            }
        }
    }

    /** Discards every response still waiting (the connection closes): closes their files. */
    void discardWaiting() {
        if (early != null) {
            early.values().forEach(waiting -> waiting.forEach(IoCommand.Send::discard));
            early = null;
        }
        earlyBytes = 0;
        bodies = null;
        bodyBytes = 0;
    }
}
