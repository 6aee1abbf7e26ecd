package mummy.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mummy.io.internal.ffi.Epoll;
import mummy.io.internal.ffi.EventFd;
import mummy.io.internal.ffi.Sockets;
import mummy.io.internal.loop.WakeupQueue;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link WakeupQueue#offer} from a worker's point of view, on one thread: with the IO thread
 * awake (the flag is set, so no syscall) and asleep (the flag is clear, so a CAS and an eventfd
 * write to an fd registered {@code EPOLLET}, as in the IO loop). Each operation also drains the
 * one message, so the queue stays empty. Baseline: the bare JCTools offer and poll.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class WakeupQueueBenchmark {

    private static final Object MESSAGE = new Object();

    private Arena arena;
    private int eventFd;
    private int epfd;
    private WakeupQueue<Object> queue;
    private MpscUnboundedAtomicArrayQueue<Object> bare;
    private Object last;
    private final Consumer<Object> sink = message -> last = message;

    /** Opens the eventfd, registers it edge-triggered as the IO loop does, and creates the queues. */
    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        MemorySegment scratch = Epoll.allocateEvents(arena, 1);
        eventFd = Native.check("eventfd", EventFd.create());
        epfd = Native.watch(eventFd, Epoll.EPOLLIN | Epoll.EPOLLET, scratch);
        queue = new WakeupQueue<>(() -> EventFd.signal(eventFd));
        bare = new MpscUnboundedAtomicArrayQueue<>(1024);
    }

    /** Closes the fds. */
    @TearDown
    public void tearDown() {
        Sockets.close(epfd);
        Sockets.close(eventFd);
        arena.close();
    }

    /**
     * IO thread awake: {@code awake()}, then the worker's offer finds the flag set (no syscall), then the drain.
     *
     * @return the number drained, 1
     */
    @Benchmark
    public int offerAwake() {
        queue.awake();
        queue.offer(MESSAGE);
        return queue.drain(sink, 16);
    }

    /**
     * IO thread asleep: the drain left the flag clear, so the offer wins the CAS and writes the eventfd.
     *
     * @return the number drained, 1
     */
    @Benchmark
    public int offerAsleep() {
        queue.offer(MESSAGE);
        return queue.drain(sink, 16);
    }

    /**
     * Baseline: the bare JCTools offer and poll, no flag.
     *
     * @return the message
     */
    @Benchmark
    public Object mpscOfferPoll() {
        bare.offer(MESSAGE);
        return bare.poll();
    }
}
