package mummy.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import mummy.io.internal.jfr.HttpRequestEvent;
import mummy.io.internal.jfr.Jfr;
import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics add per request and per loop turn, the figure behind "metrics on by default".
 *
 * <ul>
 *   <li>{@link #ioThreadPerAnswer}: the IO thread counting a final answer as it takes it from the
 *       queue: the series found (method, version, route, status) and its three histograms, and
 *       the answered count; no clock read (the turn's is used);
 *   <li>{@link #ioThreadPerRequest}: the dispatched count as a request goes to its handler;
 *   <li>{@link #ioThreadPerTurn}: the two clock reads of a turn (after {@code epoll_wait}, at the
 *       end) and the turn's counters;
 *   <li>{@link #jfrDisabled}: the check that keeps a disabled JFR event free.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsBenchmark {

    private final HttpMetrics http = new HttpMetrics();
    private final LoopMetrics loop = new LoopMetrics(true);
    private final List<LoopMetrics> loops = List.of(loop);
    private long lastEnd = System.nanoTime();

    /**
     * One answered request, as {@code HttpExchange.meter} records it on the IO thread.
     *
     * @return the answered count, so the work is not dead code
     */
    @Benchmark
    public long ioThreadPerAnswer() {
        http.record("GET", 1, "/items/@id", 200, 123_456, 0, 13);
        loop.answered();
        return LoopMetrics.answeredCount(loops);
    }

    /**
     * The IO thread's part of one request.
     *
     * @return the dispatched count, so the work is not dead code
     */
    @Benchmark
    public long ioThreadPerRequest() {
        loop.dispatched();
        return LoopMetrics.dispatchedCount(loops);
    }

    /**
     * The IO thread's part of one loop turn.
     *
     * @return the turn's end, so the clock reads are not dead code
     */
    @Benchmark
    public long ioThreadPerTurn() {
        long workStart = System.nanoTime();
        long end = System.nanoTime();
        loop.turn(3, 2, workStart - lastEnd, end - workStart);
        lastEnd = end;
        return end;
    }

    /**
     * A disabled {@code mummy.HttpRequest}: no recorder exists, so nothing of JFR is touched.
     *
     * @return null
     */
    @Benchmark
    public HttpRequestEvent jfrDisabled() {
        return Jfr.beginHttpRequest();
    }
}
