package mummy.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import mummy.io.internal.ffi.Epoll;
import mummy.io.internal.ffi.EventFd;
import mummy.io.internal.ffi.Sockets;
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
 * The syscall cost of one wakeup, measured from one thread so that no scheduling is included:
 * the worker's {@code eventfd} write and the IO thread's {@code epoll_wait} that reports it, through
 * the FFM facades the server uses. Baselines: an {@code epoll_wait} with nothing ready (the
 * bare cost of a syscall through FFM) and a write to an eventfd nobody watches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class WakeupBenchmark {

    private Arena arena;
    private MemorySegment events;
    private MemorySegment scratch;
    private int unwatched;
    private int levelFd;
    private int levelEpoll;
    private int edgeFd;
    private int edgeEpoll;
    private int emptyEpoll;

    /** Opens the eventfds and epoll instances: level-triggered (drained) and edge-triggered (as the IO loop). */
    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        events = Epoll.allocateEvents(arena, 8);
        scratch = Epoll.allocateEvents(arena, 1);
        unwatched = Native.check("eventfd", EventFd.create());
        emptyEpoll = Native.check("epoll_create1", Epoll.create());
        levelFd = Native.check("eventfd", EventFd.create());
        levelEpoll = Native.watch(levelFd, Epoll.EPOLLIN, scratch);
        edgeFd = Native.check("eventfd", EventFd.create());
        edgeEpoll = Native.watch(edgeFd, Epoll.EPOLLIN | Epoll.EPOLLET, scratch);
        signalWaitDrain();
        signalWaitEdge();
    }

    /** Closes every fd. */
    @TearDown
    public void tearDown() {
        for (int fd : new int[] {unwatched, emptyEpoll, levelFd, levelEpoll, edgeFd, edgeEpoll}) {
            Sockets.close(fd);
        }
        arena.close();
    }

    /**
     * Baseline: {@code epoll_wait} with timeout 0 on an epoll instance with nothing to report.
     *
     * @return 0
     */
    @Benchmark
    public int epollWaitEmpty() {
        return Epoll.wait(emptyEpoll, events, 8, 0);
    }

    /**
     * Baseline: {@code write(eventfd, 1)} to an eventfd no epoll instance watches.
     *
     * @return 8
     */
    @Benchmark
    public long eventfdSignalUnwatched() {
        return EventFd.signal(unwatched);
    }

    /**
     * One wakeup, level-triggered: {@code EventFd.signal}, {@code epoll_wait(0)} returning 1, then
     * {@code EventFd.drain} (three syscalls).
     *
     * @return the counter read, 1
     */
    @Benchmark
    public long signalWaitDrain() {
        EventFd.signal(levelFd);
        if (Epoll.wait(levelEpoll, events, 8, 0) != 1) {
            throw new IllegalStateException("the signalled eventfd was not reported");
        }
        return EventFd.drain(levelFd);
    }

    /**
     * One wakeup as the IO loop does it: eventfd registered {@code EPOLLET} and never read, so
     * {@code EventFd.signal} and {@code epoll_wait(0)} returning 1 (two syscalls).
     *
     * @return the event mask reported
     */
    @Benchmark
    public int signalWaitEdge() {
        EventFd.signal(edgeFd);
        if (Epoll.wait(edgeEpoll, events, 8, 0) != 1) {
            throw new IllegalStateException("the signalled eventfd was not reported");
        }
        return Epoll.events(events, 0);
    }
}
