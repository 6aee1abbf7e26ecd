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
 * the state), so concurrent writers cannot interleave half-framed pieces; the IO thread takes it
 * only to end the stream. {@code ended} is set under the lock by {@link #close}, by a cut-off, or
 * by {@link #clientGone} (the client went away, or the stream's head was dropped because its
 * connection had closed first); the callbacks run once, on the scheduler.
 *
 * <p>Bound: {@link #outstanding} counts bytes offered and not yet written. Past the high-water
 * mark writes report {@link SendResult#BACKPRESSURED}; past {@link WorkerPort#cutOff} of it the
 * stream is cut off (see {@link #cutOff()}).
 */
final class LoopResponseStream implements ResponseStream {

    private static final System.Logger LOG = System.getLogger("mummy.io");
    private final WorkerPort port;
    private final ResponseSlot slot;
    private final StreamFraming framing;
    private final long declaredLength;
    private final boolean closeAfter;
    /** Whether the IO thread sends heartbeat comments on this stream (server-sent events). */
    final boolean heartbeat;
    final AtomicLong outstanding = new AtomicLong();
    private final Object lock = new Object();
    private final List<Runnable> callbacks = new ArrayList<>(1);
    private final long highWaterMark;
    private final long cutOff;
    private long written;
    private volatile boolean ended;
    private boolean callbacksRun;

    LoopResponseStream(WorkerPort port, ResponseSlot slot, StreamFraming framing, long declaredLength,
                       boolean closeAfter, boolean heartbeat) {
        this.port = port;
        this.slot = slot;
        this.framing = framing;
        this.declaredLength = declaredLength;
        this.closeAfter = closeAfter;
        this.heartbeat = heartbeat;
        this.highWaterMark = port.webSockets().highWaterMark();
        this.cutOff = WorkerPort.cutOff(highWaterMark);
    }

    /**
     * The answer to HEAD: the head was the whole response, so the stream ends before any write.
     * Writes report {@link SendResult#CLOSED}, and onClose callbacks run as they are added.
     */
    void endAtHead() {
        synchronized (lock) {
            ended = true;
        }
        runCallbacks();
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
            if (outstanding.get() > cutOff) {
                cutOff();
                return SendResult.CLOSED;
            }
            written += data.length;
            byte[] piece = framing == StreamFraming.CHUNKED ? ResponseEncoder.chunk(data, 0, data.length) : data.clone();
            long queued = outstanding.addAndGet(piece.length);
            port.queue().offer(IoCommand.Send.streamPiece(slot, piece));
            return queued > highWaterMark ? SendResult.BACKPRESSURED : SendResult.QUEUED;
        }
    }

    /**
     * The writer ignored backpressure until the backlog reached its cap: end the stream without
     * its last chunk and close the connection once what is queued is written (or the write
     * timeout cuts a client that reads nothing). Called under the lock.
     */
    private void cutOff() {
        LOG.log(System.Logger.Level.WARNING, "stream.cut_off: fd " + slot.fd() + ": the client is "
                + outstanding.get() + " bytes behind, past " + WorkerPort.CUT_OFF_FACTOR
                + " x the high-water mark; ending the stream");
        ended = true;
        lock.notifyAll();
        port.metrics().streamCutByWriter();
        offerEnd(new byte[0], true);
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
            if (slot.exchange() != null) {
                slot.exchange().streamEnded(written); // the body's size, for the metrics of its end
            }
            offerEnd(end, closeAfter || !complete);
        }
        runCallbacks();
    }

    /** Offers the end of this response. Called under the lock. */
    private void offerEnd(byte[] end, boolean close) {
        outstanding.addAndGet(end.length);
        port.queue().offer(IoCommand.Send.streamEnd(slot, end, close));
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

    /**
     * The client went away (or the connection failed) before the stream ended, or the stream's
     * head was dropped because its connection had closed: no more writes, callbacks run. Called by
     * the IO thread, or by whoever discards the head ({@link IoCommand.Send#discard}).
     */
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
            port.scheduler().execute(this::runCallbacks);
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
