package mummy.benchmarks;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worker-to-IO-thread hand-back: one producer offers while one consumer polls, on the
 * JCTools MPSC queue the server uses, with {@link ConcurrentLinkedQueue} and
 * {@link ArrayBlockingQueue} as baselines. Reports operations per microsecond on each side.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandOffQueueBenchmark {

    private static final Object MESSAGE = new Object();

    /** The queue under test. */
    @Param({"jctools-mpsc-atomic", "concurrent-linked", "array-blocking"})
    public String queue;

    private Queue<Object> q;

    /** Creates the queue. */
    @Setup
    public void setUp() {
        q = switch (queue) {
            case "jctools-mpsc-atomic" -> new MpscUnboundedAtomicArrayQueue<>(1024);
            case "concurrent-linked" -> new ConcurrentLinkedQueue<>();
            case "array-blocking" -> new ArrayBlockingQueue<>(65536);
            default -> throw new IllegalArgumentException(queue);
        };
    }

    /**
     * A worker offering a response (bounded queues may refuse when full).
     *
     * @return whether the offer succeeded
     */
    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    public boolean offer() {
        return q.offer(MESSAGE);
    }

    /**
     * The IO thread polling one message.
     *
     * @return the message or null
     */
    @Benchmark
    @Group("handOff")
    @GroupThreads(1)
    public Object poll() {
        return q.poll();
    }
}
