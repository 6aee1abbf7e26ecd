package mummy.io.internal.loop;

import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import mummy.api.spi.Scheduler;

/**
 * What the worker-side classes ({@link HttpExchange}, {@link LoopResponseStream},
 * {@link LoopWebSocket}, {@link WsMailbox}) may use of their IO loop: the queue to the IO thread,
 * the settings, the scheduler, and whether the loop is draining or has stopped. They never see
 * the loop itself, its connections or its fds: the thread boundary is this class.
 *
 * <p>Threading: immutable; every method may be called from any thread, except
 * {@link #submitFromIo}, which belongs to the IO thread.
 */
final class WorkerPort {

    /**
     * A sender whose backlog (bytes offered and not yet written) passes this many high-water marks
     * ignored backpressure: a response stream is ended and a WebSocket is reset, instead of
     * queueing without bound.
     */
    static final int CUT_OFF_FACTOR = 4;

    private final WakeupQueue<IoCommand> queue;
    private final LoopConfig config;
    private final Scheduler scheduler;
    private final BooleanSupplier draining;
    private final BooleanSupplier stopped;
    private final Consumer<Runnable> ioSubmit;
    private final DeflateSessions deflateSessions;
    private final LoopMetrics metrics;
    private final HttpMetrics http;

    /**
     * A port onto one loop.
     *
     * @param queue the IO thread's queue
     * @param config the loop's settings
     * @param scheduler where handlers run
     * @param draining whether shutdown has begun
     * @param stopped whether the IO thread has stopped taking messages
     * @param ioSubmit how the IO thread hands a task to the scheduler with the others of its turn
     * @param metrics the loop's counters (workers count backpressure and cut-off streams)
     * @param http the loop's request series (its IO thread records answers)
     * @param deflateSessions the server's compressing WebSocket sessions, shared by its loops
     */
    WorkerPort(WakeupQueue<IoCommand> queue, LoopConfig config, Scheduler scheduler, BooleanSupplier draining,
               BooleanSupplier stopped, Consumer<Runnable> ioSubmit, LoopMetrics metrics, HttpMetrics http,
               DeflateSessions deflateSessions) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.http = Objects.requireNonNull(http, "http");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.draining = Objects.requireNonNull(draining, "draining");
        this.stopped = Objects.requireNonNull(stopped, "stopped");
        this.ioSubmit = Objects.requireNonNull(ioSubmit, "ioSubmit");
        this.deflateSessions = Objects.requireNonNull(deflateSessions, "deflateSessions");
    }

    /** {@return how many WebSockets of the server may compress at once, and how many do} */
    DeflateSessions deflateSessions() {
        return deflateSessions;
    }

    /** {@return the loop's counters} */
    LoopMetrics metrics() {
        return metrics;
    }

    /** {@return the loop's request series} */
    HttpMetrics http() {
        return http;
    }

    /** {@return the IO thread's queue: every message to it goes here} */
    WakeupQueue<IoCommand> queue() {
        return queue;
    }

    /** {@return the loop's settings} */
    LoopConfig config() {
        return config;
    }

    /** {@return the WebSocket settings, which also hold the outbound high-water mark of streams} */
    WebSocketSettings webSockets() {
        return config.webSockets();
    }

    /** {@return where handlers and callbacks run} */
    Scheduler scheduler() {
        return scheduler;
    }

    /** {@return whether shutdown has begun: responses encoded from now on announce {@code Connection: close}} */
    boolean draining() {
        return draining.getAsBoolean();
    }

    /** {@return whether the IO thread has stopped taking messages: nothing offered from now on is seen} */
    boolean stopped() {
        return stopped.getAsBoolean();
    }

    /**
     * IO thread: runs {@code task} on the scheduler, handed over with the other tasks of this part
     * of the loop's turn.
     *
     * @param task what to run
     */
    void submitFromIo(Runnable task) {
        ioSubmit.accept(task);
    }

    /**
     * The hard cap of a sender's backlog: {@link #CUT_OFF_FACTOR} high-water marks, saturating.
     *
     * @param highWaterMark the high-water mark
     * @return the backlog past which the sender is cut off
     */
    static long cutOff(long highWaterMark) {
        return highWaterMark > Long.MAX_VALUE / CUT_OFF_FACTOR ? Long.MAX_VALUE : CUT_OFF_FACTOR * highWaterMark;
    }
}
