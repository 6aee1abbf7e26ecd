package mummy.io.internal.loop;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mummy.api.WebSocketEvent;
import mummy.api.WebSocketHandler;

/**
 * One WebSocket connection's events on their way to the handler: delivered one at a time, in
 * order, by at most one worker at a time (as Mummy does), while different connections run in
 * parallel. After {@link WebSocketEvent.Close}, nothing more is delivered. A protocol error's Close
 * frame is sent from here too, in its place among the events ({@link #postFailure}).
 *
 * <p>Threading: {@link #post} by the IO thread; {@link #run} by one worker at a time. The
 * {@code scheduled} flag is the hand-over: whoever sets it from false to true schedules a run; a
 * run clears it when the queue looks empty and then re-checks, so an event posted in between is
 * either seen by this run or schedules the next one.
 *
 * <p>Bound: the IO thread fills it, one worker at a time drains it. Every item waiting here is
 * counted ({@link #queuedBytes}) as its payload plus {@value #EVENT_OVERHEAD} bytes, so a flood
 * of empty frames weighs like the memory it takes, not like nothing. Past the inbound limit the
 * IO thread stops reading the socket ({@link #overLimit}); the worker that brings the count back
 * under half the limit asks it to resume. So the count stays under the limit plus what one read
 * of the socket parses.
 */
final class WsMailbox implements Runnable {

    private static final System.Logger LOG = System.getLogger("mummy.io");
    /** Events delivered per run before yielding the worker to other connections. */
    private static final int BATCH = 64;
    /**
     * What one queued item costs besides its payload, counted against the inbound limit: the
     * queue's node (24 bytes on a 64-bit JVM with compressed references), the event record (16 to
     * 24) and the payload array's header (16), rounded up.
     */
    static final int EVENT_OVERHEAD = 64;

    private final WorkerPort port;
    private final LoopWebSocket webSocket;
    private final WebSocketHandler handler;
    /** {@link WebSocketEvent}s, and at most one {@link FailureClose}: the only two kinds. */
    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final long limit;
    private boolean closed;

    WsMailbox(WorkerPort port, LoopWebSocket webSocket, WebSocketHandler handler) {
        this.port = port;
        this.webSocket = webSocket;
        this.handler = handler;
        this.limit = port.webSockets().inboundLimit();
    }

    /**
     * The Close frame for a protocol error, sent by the worker when it reaches this point of the
     * queue: after the handler has handled the messages that came before the violation, so that
     * its replies to them go out first. RFC 6455 7.1.7 asks for a Close frame before the
     * connection closes, not for it to overtake replies already due; Autobahn's cases 3.2, 4.1.3,
     * 4.1.4, 4.2.3, 4.2.4 and 5.15 expect those replies, and rate a server that drops them
     * NON-STRICT.
     */
    private record FailureClose(byte[] frame) {
    }

    /** IO thread: queues an event and makes sure a worker will deliver it. */
    void post(WebSocketEvent event) {
        enqueue(event);
    }

    /**
     * IO thread: the peer broke the protocol. Queues the sending of {@code closeFrame}, then the
     * {@code Error} and {@code Close} events, behind the events already queued.
     */
    void postFailure(byte[] closeFrame, WebSocketEvent.Error error, WebSocketEvent.Close close) {
        enqueue(new FailureClose(closeFrame));
        enqueue(error);
        enqueue(close);
    }

    private void enqueue(Object item) {
        queuedBytes.addAndGet(weight(item));
        events.add(item);
        if (scheduled.compareAndSet(false, true)) {
            port.submitFromIo(this); // NOTE: if the scheduler is closed the run is dropped: no event runs anymore
        }
    }

    /** What an item counts against the inbound limit: its payload and {@link #EVENT_OVERHEAD}. */
    private static long weight(Object item) {
        return EVENT_OVERHEAD + switch (item) {
            case WebSocketEvent.Message message -> message.data().length;
            case FailureClose failure -> failure.frame().length;
            default -> 0;
        };
    }

    /**
     * The bytes the events waiting here count for (payloads plus the per-event overhead): what the
     * IO thread holds for this connection's inbound side. Any thread; a snapshot.
     *
     * @return the count
     */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** IO thread: whether inbound events pile up; if so, it stops reading until resumed. */
    boolean overLimit() {
        if (queuedBytes.get() <= limit) {
            return false;
        }
        paused.set(true);
        // NOTE: a worker may have drained below half meanwhile without seeing the flag: take it back.
        // If a worker took it first, that worker offers WsResume, so pausing is safe either way.
        return !(queuedBytes.get() <= limit / 2 && paused.compareAndSet(true, false));
    }

    @Override
    public void run() {
        for (int delivered = 0; ; delivered++) {
            Object item = delivered < BATCH ? events.poll() : null;
            if (item == null) {
                scheduled.set(false);
                if (events.isEmpty() || !scheduled.compareAndSet(false, true)) {
                    return;
                }
                if (delivered >= BATCH) {
                    port.scheduler().execute(this); // yield the worker; keep the flag: we are scheduled
                    return;
                }
                continue;
            }
            switch (item) {
                case FailureClose failure -> webSocket.closeAfterFailure(failure.frame());
                case WebSocketEvent event -> deliver(event);
                default -> throw new IllegalStateException("not a mailbox item: " + item);
            }
            taken(item);
        }
    }

    /** An item was handled: count it out, and let the IO thread read again once under half the limit. */
    private void taken(Object item) {
        long left = queuedBytes.addAndGet(-weight(item));
        if (left <= limit / 2 && paused.compareAndSet(true, false)) {
            port.queue().offer(new IoCommand.WsResume(webSocket));
        }
    }

    private void deliver(WebSocketEvent event) {
        if (closed) {
            return;
        }
        closed = event instanceof WebSocketEvent.Close;
        try {
            handler.onEvent(webSocket, event);
        } catch (Throwable error) {
            LOG.log(System.Logger.Level.ERROR, "websocket.handler_failed: " + webSocket + " on " + event, error);
            if (!closed && !(event instanceof WebSocketEvent.Error)) {
                try {
                    handler.onEvent(webSocket, new WebSocketEvent.Error("the handler threw on " + event, error));
                } catch (Throwable again) {
                    LOG.log(System.Logger.Level.ERROR, "websocket.handler_failed: on the Error event too", again);
                }
            }
        }
    }
}
