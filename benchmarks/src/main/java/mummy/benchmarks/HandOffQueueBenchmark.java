package mummy.benchmarks;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worker-to-IO-thread hand-back: one or two producers offer while one consumer polls, on the
 * JCTools MPSC queue the server uses ({@code WakeupQueue}), with {@link ConcurrentLinkedQueue}
 * and {@link ArrayBlockingQueue} as baselines.
 *
 * <p>Each producer keeps at most {@value #IN_FLIGHT} of its messages in the queue (the consumer
 * counts what it took from each producer), so that an unbounded queue does not grow for as long
 * as the producers outrun the consumer (a server's queue holds a handful of responses, not
 * millions), while a producer and a consumer that do not run at the same moment (two cores,
 * preemption) still hand over a whole batch per time slice. A producer that may not offer, and a
 * consumer that finds the queue empty, yield instead of spinning, as a worker or a sleeping IO
 * thread would leave the core to the other side. The secondary results {@code offered} and
 * {@code polled} count messages actually handed over, in ops/µs; the raw {@code offer} and
 * {@code poll} rates include refused offers and empty polls.
 *
 * <p>On a 2-core machine the two-producer group runs three threads on two cores, so it measures
 * the queue under preemption as much as under contention.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandOffQueueBenchmark {

    /** The most messages of one producer in the queue at once. */
    static final int IN_FLIGHT = 16_384;

    /** The queue under test. */
    @Param({"jctools-mpsc", "concurrent-linked", "array-blocking"})
    public String queue;

    private Queue<Token> q;
    private final AtomicInteger producers = new AtomicInteger();
    /** Per producer, at index {@code 16 * (1 + id)}: messages the consumer took (16 longs apart: no false sharing). */
    private final AtomicLongArray taken = new AtomicLongArray(16 * 4);

    /** Creates the queue. */
    @Setup
    public void setUp() {
        q = switch (queue) {
            case "jctools-mpsc" -> new MpscUnboundedAtomicArrayQueue<>(1024);
            case "concurrent-linked" -> new ConcurrentLinkedQueue<>();
            case "array-blocking" -> new ArrayBlockingQueue<>(4 * IN_FLIGHT);
            default -> throw new IllegalArgumentException(queue);
        };
    }

    /** A message: says which producer sent it; immutable, so reading it shares no written line. */
    record Token(int slot) {
    }

    /** A worker thread; its messages name it, so that the consumer knows whose it took. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Producer {
        /** Messages accepted by the queue in this iteration. */
        public long offered;
        private Token token;
        private long sent;
        private long takenSeen;

        /**
         * Takes the next producer slot of the group.
         *
         * @param group the group's state
         */
        @Setup(Level.Trial)
        public void join(HandOffQueueBenchmark group) {
            token = new Token(16 * (1 + group.producers.getAndIncrement()));
        }

        /** Starts each iteration's count from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            offered = 0;
        }
    }

    /** The IO thread. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Consumer {
        /** Messages taken from the queue in this iteration. */
        public long polled;

        /** Starts each iteration's count from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            polled = 0;
        }
    }

    /**
     * A worker offering a response, unless {@value #IN_FLIGHT} of its own are still queued.
     *
     * @param producer this worker
     * @return whether a message was offered
     */
    @Benchmark
    @Group("oneProducer")
    @GroupThreads(1)
    public boolean offer1(Producer producer) {
        return offer(producer);
    }

    /**
     * The IO thread polling one message.
     *
     * @param consumer the IO thread's counter
     * @return the message or null
     */
    @Benchmark
    @Group("oneProducer")
    @GroupThreads(1)
    public Object poll1(Consumer consumer) {
        return poll(consumer);
    }

    /**
     * One of two workers offering a response, unless {@value #IN_FLIGHT} of its own are queued.
     *
     * @param producer this worker
     * @return whether a message was offered
     */
    @Benchmark
    @Group("twoProducers")
    @GroupThreads(2)
    public boolean offer2(Producer producer) {
        return offer(producer);
    }

    /**
     * The IO thread polling one message while two workers offer.
     *
     * @param consumer the IO thread's counter
     * @return the message or null
     */
    @Benchmark
    @Group("twoProducers")
    @GroupThreads(1)
    public Object poll2(Consumer consumer) {
        return poll(consumer);
    }

    private boolean offer(Producer producer) {
        if (producer.sent - producer.takenSeen >= IN_FLIGHT) {
            producer.takenSeen = taken.getAcquire(producer.token.slot());
            if (producer.sent - producer.takenSeen >= IN_FLIGHT) {
                Thread.yield(); // let the consumer run if it shares this core
                return false;
            }
        }
        if (!q.offer(producer.token)) {
            throw new IllegalStateException("queue full below its capacity");
        }
        producer.sent++;
        producer.offered++;
        return true;
    }

    private Object poll(Consumer consumer) {
        Token message = q.poll();
        if (message != null) {
            // NOTE: only this thread writes the slot, so a plain read then a release write is atomic enough.
            taken.setRelease(message.slot(), taken.getPlain(message.slot()) + 1);
            consumer.polled++;
        } else {
            Thread.yield(); // as the IO thread would sleep: let a producer run if it shares this core
        }
        return message;
    }
}
