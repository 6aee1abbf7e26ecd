package mummy.io.internal.loop;

import mummy.api.RequestBodyException;

/**
 * The IO thread's side of the streamed request body an HTTP connection is receiving: which body,
 * for which request, and whether reading is paused because its reader is behind.
 *
 * <pre>
 *   NONE --head of a streamed request--&gt; RECEIVING &lt;--resume-- PAUSED
 *     ^                                     |    \--reader behind--^
 *     +---- end parsed / failed / answered early / connection closed
 * </pre>
 *
 * <p>The bytes themselves wait in the {@link LoopRequestBody}, bounded by its high-water mark
 * (the IO thread pauses reading there); nothing is buffered here.
 *
 * <p>Threading: IO thread only.
 */
final class BodyIntake {

    /** Whether a body is being received, and whether its reader keeps up. */
    enum State {
        /** No streamed body is arriving. */
        NONE,
        /** Body bytes go to the reader as they are parsed. */
        RECEIVING,
        /** The reader is behind: the socket is not read until it offers {@link IoCommand.BodyResume}. */
        PAUSED
    }

    private State state = State.NONE;
    private LoopRequestBody body;
    private int sequence;

    /** Whether a streamed body is arriving (receiving or paused). */
    boolean active() {
        return state != State.NONE;
    }

    /** Whether the reader is behind and reading is paused. */
    boolean paused() {
        return state == State.PAUSED;
    }

    /** Whether the body of request {@code sequence} is the one arriving. */
    boolean activeFor(int sequence) {
        return active() && this.sequence == sequence;
    }

    /** The head of a streamed request was dispatched: its body follows. */
    void start(LoopRequestBody body, int sequence) {
        this.body = body;
        this.sequence = sequence;
        this.state = State.RECEIVING;
    }

    /** After the parser ran: forget a body that ended or failed, or pause when its reader is behind. */
    void check() {
        if (!active()) {
            return;
        }
        if (body.finishedOnIo()) {
            clear();
        } else if (body.shouldPause()) {
            state = State.PAUSED;
        }
    }

    /** Whether the body's end (or failure) has been seen, even if {@link #check} has not run yet. */
    boolean finished() {
        return !active() || body.finishedOnIo();
    }

    /**
     * The reader of {@code caughtUp} caught up: whether that resumes reading (false when the body
     * ended, failed or was abandoned meanwhile, or is not the one arriving).
     */
    boolean resume(LoopRequestBody caughtUp) {
        if (state != State.PAUSED || body != caughtUp) {
            return false; // NOTE: nothing waits for this resume any more
        }
        state = State.RECEIVING;
        return true;
    }

    /** The body cannot arrive whole: its reader gets {@code status} and {@code message}. */
    void fail(int status, String message) {
        LoopRequestBody failed = body;
        clear();
        failed.fail(new RequestBodyException(status, message));
    }

    /** The request was answered before its body arrived whole: the rest is dropped. */
    void abandon() {
        LoopRequestBody abandoned = body;
        clear();
        abandoned.abandon();
    }

    private void clear() {
        body = null;
        state = State.NONE;
    }
}
