package mummy.io.internal.loop;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import mummy.api.HttpHeaders;
import mummy.api.RequestBodyException;
import mummy.io.internal.http.BodySink;

/**
 * The body of a streamed request: the IO thread puts the bytes it parses in (as a
 * {@link BodySink}), the handler reads them out (as the {@link InputStream} of
 * {@code Request.bodyStream()}).
 *
 * <p>Backpressure: once {@value #HIGH_WATER_MARK} bytes wait unread, {@link #shouldPause()} tells
 * the IO thread to stop reading the socket (the client's TCP window then fills and it stops
 * sending); when the reader has taken the waiting bytes down to {@value #LOW_WATER_MARK} it offers
 * an {@link IoCommand.BodyResume} so the IO thread reads again. The pause request and the resume
 * decision are both made under {@code lock}, so a resume cannot be lost between them. Memory per
 * streamed request is therefore about the high-water mark plus one read (64 KiB), whatever the
 * body's length.
 *
 * <p>{@code 100 Continue}: for a request that expects it, the first read asks for it (the IO
 * thread writes it in the request's turn); a handler that never reads never invites the body.
 *
 * <p>Threading: {@code bodyBytes}, {@code bodyEnd}, {@code shouldPause}, {@code fail},
 * {@code abandon} and {@code finishedOnIo} are called by the IO thread; the stream methods by one
 * reader thread at a time. Shared state is guarded by {@code lock}; a waiting reader parks on a
 * {@link Condition}, which suits virtual threads.
 */
final class LoopRequestBody extends InputStream implements BodySink {

    /** Unread bytes at which the IO thread stops reading the socket. */
    static final int HIGH_WATER_MARK = 256 * 1024;
    /** Unread bytes at or below which reading resumes. */
    static final int LOW_WATER_MARK = 64 * 1024;

    private final ExchangeChannel channel;
    private final boolean expectContinue;
    private final int highWaterMark;
    private final int lowWaterMark;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Pieces the reader has not taken yet; the first may be partly read. */
    private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
    private int firstOffset;
    private long buffered;
    private boolean ended;
    private RequestBodyException failure;
    /** The reader closed the stream, or the request was answered: bytes are dropped from now on. */
    private boolean discarding;
    private boolean pauseRequested;
    private boolean continueRequested;

    /** How a body asks the IO thread for things: 100 Continue in the request's turn, and reading again. */
    interface ExchangeChannel {
        /** Offers {@code 100 Continue} for the request. */
        void sendContinue();

        /**
         * Asks the IO thread to read the socket again.
         *
         * @param body the body that caught up
         */
        void resume(LoopRequestBody body);

        /**
         * IO thread: bytes of the body arrived for the reader (counted for the metrics).
         *
         * @param bytes how many
         */
        default void bodyArrived(int bytes) {
        }
    }

    LoopRequestBody(ExchangeChannel channel, boolean expectContinue) {
        this(channel, expectContinue, HIGH_WATER_MARK, LOW_WATER_MARK);
    }

    /** A body with other marks, for tests that need to reach them with a few bytes. */
    LoopRequestBody(ExchangeChannel channel, boolean expectContinue, int highWaterMark, int lowWaterMark) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.expectContinue = expectContinue;
        if (lowWaterMark < 0 || lowWaterMark >= highWaterMark) {
            throw new IllegalArgumentException("need 0 <= lowWaterMark < highWaterMark, got " + lowWaterMark
                    + " and " + highWaterMark);
        }
        this.highWaterMark = highWaterMark;
        this.lowWaterMark = lowWaterMark;
    }

    // ------------------------------------------------------------------ IO thread

    @Override
    public void bodyBytes(byte[] buf, int offset, int length) {
        if (length == 0) {
            return;
        }
        channel.bodyArrived(length);
        lock.lock();
        try {
            if (discarding || failure != null) {
                return;
            }
            pieces.add(Arrays.copyOfRange(buf, offset, offset + length));
            buffered += length;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void bodyEnd(HttpHeaders trailers) {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the IO thread should stop reading the socket until {@link IoCommand.BodyResume}:
     * true when the unread bytes reached the high-water mark. Once it says true, the reader will
     * ask to resume exactly once.
     */
    boolean shouldPause() {
        lock.lock();
        try {
            if (buffered >= highWaterMark && !discarding && failure == null && !ended) {
                pauseRequested = true;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** The body cannot complete: the reader gets {@code error} once the bytes before it are read. */
    void fail(RequestBodyException error) {
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = error;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The request was answered before its body was read to the end: drop what remains. */
    void abandon() {
        fail(new RequestBodyException(0, "the response was sent before the request body was read to its end;"
                + " the rest of the body is discarded and the connection closes"));
        lock.lock();
        try {
            discarding = true;
            pieces.clear();
            buffered = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the body's end or failure was seen: the connection no longer feeds it. */
    boolean finishedOnIo() {
        lock.lock();
        try {
            return ended || failure != null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether every byte of the body arrived. */
    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ reader

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        boolean resume = false;
        boolean askContinue = false;
        int n;
        lock.lock();
        try {
            if (expectContinue && !continueRequested) {
                continueRequested = true;
                askContinue = true;
            }
            if (discarding && failure == null) {
                throw new IOException("the request body stream is closed");
            }
            if (askContinue) {
                lock.unlock();
                try {
                    channel.sendContinue();
                } finally {
                    lock.lock();
                }
            }
            while (pieces.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return -1;
                }
                changed.await();
            }
            n = take(b, off, len);
            if (pauseRequested && buffered <= lowWaterMark) {
                pauseRequested = false;
                resume = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the request body");
        } finally {
            lock.unlock();
        }
        if (resume) {
            channel.resume(this);
        }
        return n;
    }

    /** Copies from the waiting pieces into {@code b}; lock held, at least one piece waiting. */
    private int take(byte[] b, int off, int len) {
        int n = 0;
        while (n < len && !pieces.isEmpty()) {
            byte[] first = pieces.peekFirst();
            int count = Math.min(len - n, first.length - firstOffset);
            System.arraycopy(first, firstOffset, b, off + n, count);
            n += count;
            firstOffset += count;
            if (firstOffset == first.length) {
                pieces.removeFirst();
                firstOffset = 0;
            }
        }
        buffered -= n;
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, buffered);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops reading: bytes still to come are dropped, and the connection closes after the
     * response unless the body had already arrived whole.
     */
    @Override
    public void close() {
        boolean resume;
        lock.lock();
        try {
            if (discarding) {
                return;
            }
            discarding = true;
            pieces.clear();
            buffered = 0;
            resume = pauseRequested;
            pauseRequested = false;
        } finally {
            lock.unlock();
        }
        if (resume) {
            channel.resume(this); // let the IO thread read (and drop) the rest
        }
    }
}
