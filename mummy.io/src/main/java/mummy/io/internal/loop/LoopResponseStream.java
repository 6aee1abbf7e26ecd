package mummy.io.internal.loop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import mummy.api.HttpHeaders;
import mummy.api.ResponseStream;
import mummy.api.SendResult;
import mummy.io.internal.http.ResponseEncoder;
import mummy.io.internal.http.ResponseEncoder.StreamFraming;

/**
 * The {@link ResponseStream} handed to handlers: frames each piece on the calling thread (a chunk,
 * or raw bytes) and offers it to the IO thread as a part of its request's response, so pieces keep
 * their order and the next pipelined response waits for the last chunk.
 *
 * <p>Threading: any thread. {@code lock} orders the framing and offering of pieces (and guards
 * the state), so concurrent writers cannot interleave half-framed pieces; the IO thread never
 * takes it. {@code ended} is set under the lock by {@code close} or by the IO thread when the
 * client goes away; the callbacks run once, on the scheduler.
 */
final class LoopResponseStream implements ResponseStream {

    private static final System.Logger LOG = System.getLogger("mummy.io");
    /** A backlog of this many high-water marks ends the stream: the writer ignored backpressure. */
    static final int CUT_OFF_FACTOR = 4;

    private final IoLoop loop;
    private final int fd;
    private final long generation;
    private final int sequence;
    private final StreamFraming framing;
    private final long declaredLength;
    private final boolean closeAfter;
    /** Whether the IO thread sends heartbeat comments on this stream (server-sent events). */
    final boolean heartbeat;
    final AtomicLong outstanding = new AtomicLong();
    private final Object lock = new Object();
    private final List<Runnable> callbacks = new ArrayList<>(1);
    private final long highWaterMark;
    private long written;
    private volatile boolean ended;
    private boolean callbacksRun;

    LoopResponseStream(IoLoop loop, int fd, long generation, int sequence, StreamFraming framing, long declaredLength,
                       boolean closeAfter, boolean heartbeat) {
        this.loop = loop;
        this.fd = fd;
        this.generation = generation;
        this.sequence = sequence;
        this.framing = framing;
        this.declaredLength = declaredLength;
        this.closeAfter = closeAfter;
        this.heartbeat = heartbeat;
        this.highWaterMark = loop.config.webSockets().highWaterMark();
    }

    @Override
    public SendResult write(byte[] data) {
        synchronized (lock) {
            if (ended) {
                return SendResult.CLOSED;
            }
            if (data.length == 0) {
                return SendResult.QUEUED;
            }
            if (framing == StreamFraming.FIXED && written + data.length > declaredLength) {
                throw new IllegalStateException("the stream declared Content-Length " + declaredLength
                        + " and this write would make it " + (written + data.length));
            }
            if (outstanding.get() > CUT_OFF_FACTOR * highWaterMark) {
                cutOff();
                return SendResult.CLOSED;
            }
            written += data.length;
            byte[] piece = framing == StreamFraming.CHUNKED ? ResponseEncoder.chunk(data, 0, data.length) : data.clone();
            return offer(piece, false, false);
        }
    }

    /**
     * The writer ignored backpressure until the backlog reached its cap: end the stream without
     * its last chunk and close the connection once what is queued is written (or the write
     * timeout cuts a client that reads nothing). Called under the lock.
     */
    private void cutOff() {
        LOG.log(System.Logger.Level.WARNING, "stream.cut_off: fd " + fd + ": the client is " + outstanding.get()
                + " bytes behind, past " + CUT_OFF_FACTOR + " x the high-water mark; ending the stream");
        ended = true;
        lock.notifyAll();
        offer(new byte[0], true, true);
        scheduleCallbacks();
    }

    @Override
    public SendResult write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SendResult writeBlocking(byte[] data) throws InterruptedException {
        synchronized (lock) {
            while (!ended && outstanding.get() > highWaterMark) {
                lock.wait();
            }
        }
        return write(data);
    }

    @Override
    public void close(HttpHeaders trailers) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            boolean complete = framing != StreamFraming.FIXED || written == declaredLength;
            if (!complete) {
                LOG.log(System.Logger.Level.WARNING, "stream.incomplete: " + written + " of " + declaredLength
                        + " declared bytes written; closing the connection");
            }
            byte[] end = framing == StreamFraming.CHUNKED ? ResponseEncoder.lastChunk(trailers) : new byte[0];
            offer(end, true, closeAfter || !complete);
        }
        runCallbacks();
    }

    /** Offers a piece of this response; {@code last} ends it. Called under the lock. */
    private SendResult offer(byte[] piece, boolean last, boolean close) {
        long queued = outstanding.addAndGet(piece.length);
        loop.queue.offer(new IoCommand.Send(fd, generation, sequence, piece, last, close, null, null));
        return queued > highWaterMark ? SendResult.BACKPRESSURED : SendResult.QUEUED;
    }

    /** IO thread: a heartbeat comment for an idle event stream, framed like a piece. */
    byte[] heartbeatPiece() {
        byte[] comment = ":\n\n".getBytes(StandardCharsets.US_ASCII);
        return framing == StreamFraming.CHUNKED ? ResponseEncoder.chunk(comment, 0, comment.length) : comment;
    }

    /** IO thread: {@code count} bytes of this connection reached the socket. */
    void written(long count) {
        long left = outstanding.addAndGet(-count);
        if (left <= highWaterMark / 2 && left + count > highWaterMark / 2) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** IO thread: the client went away (or the connection failed) before the stream ended. */
    void clientGone() {
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            lock.notifyAll();
        }
        scheduleCallbacks();
    }

    /** Runs the onClose callbacks on the scheduler: the stream ended without the writer's close. */
    private void scheduleCallbacks() {
        try {
            loop.scheduler.execute(this::runCallbacks);
        } catch (RejectedExecutionException shuttingDown) {
            LOG.log(System.Logger.Level.DEBUG, "stream.callbacks_skipped: the scheduler is closed");
        }
    }

    @Override
    public boolean isOpen() {
        return !ended;
    }

    @Override
    public void onClose(Runnable callback) {
        boolean runNow;
        synchronized (lock) {
            runNow = callbacksRun;
            if (!runNow) {
                callbacks.add(callback);
            }
        }
        if (runNow) {
            callback.run();
        }
    }

    private void runCallbacks() {
        List<Runnable> toRun;
        synchronized (lock) {
            if (callbacksRun) {
                return;
            }
            callbacksRun = true;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        for (Runnable callback : toRun) {
            try {
                callback.run();
            } catch (RuntimeException error) {
                LOG.log(System.Logger.Level.ERROR, "stream.callback_failed", error);
            }
        }
    }

    @Override
    public long bufferedBytes() {
        return Math.max(0, outstanding.get());
    }
}
