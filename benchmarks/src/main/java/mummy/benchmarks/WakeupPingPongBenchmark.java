package mummy.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * Cross-thread wakeup latency: a round trip is two wakeups of a sleeping thread, so half the score
 * is the time from a worker's signal to the IO thread running. The benchmark thread pings a
 * partner thread (started in setup) and sleeps until it answers.
 *
 * <p>{@link #eventfdRoundTrip}: both sleep in {@code epoll_wait(-1)} on an eventfd registered
 * {@code EPOLLET}, as the IO loop does. Baseline {@link #parkRoundTrip}: the same with
 * {@code LockSupport.park/unpark}, the JVM's own cheapest wakeup (a futex).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class WakeupPingPongBenchmark {

    /** How long a sleeper waits before it checks whether it should stop. */
    private static final int POLL_MILLIS = 100;

    /** Two eventfds, each watched by its own epoll instance, and the thread answering pings. */
    @State(Scope.Thread)
    public static class EventFdPair {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment pingerEvents = Epoll.allocateEvents(arena, 1);
        private final MemorySegment partnerEvents = Epoll.allocateEvents(arena, 1);
        private int pingFd;
        private int pingEpoll;
        private int pongFd;
        private int pongEpoll;
        private volatile boolean stop;
        private Thread partner;

        /** Opens the fds and starts the partner: it waits for a ping, then signals a pong. */
        @Setup
        public void setUp() {
            MemorySegment scratch = Epoll.allocateEvents(arena, 1);
            pingFd = Native.check("eventfd", EventFd.create());
            pingEpoll = Native.watch(pingFd, Epoll.EPOLLIN | Epoll.EPOLLET, scratch);
            pongFd = Native.check("eventfd", EventFd.create());
            pongEpoll = Native.watch(pongFd, Epoll.EPOLLIN | Epoll.EPOLLET, scratch);
            partner = Thread.ofPlatform().name("pong-eventfd").daemon().start(() -> {
                while (!stop) {
                    if (Epoll.wait(pingEpoll, partnerEvents, 1, POLL_MILLIS) == 1) {
                        EventFd.signal(pongFd);
                    }
                }
            });
        }

        /**
         * Stops the partner and closes the fds.
         *
         * @throws InterruptedException if interrupted while joining the partner
         */
        @TearDown
        public void tearDown() throws InterruptedException {
            stop = true;
            EventFd.signal(pingFd);
            partner.join();
            for (int fd : new int[] {pingEpoll, pingFd, pongEpoll, pongFd}) {
                Sockets.close(fd);
            }
            arena.close();
        }
    }

    /** A partner thread that parks until pinged, then unparks the pinger. */
    @State(Scope.Thread)
    public static class ParkPair {
        private volatile long ping;
        private volatile long pong;
        private volatile boolean stop;
        private volatile Thread pinger;
        private Thread partner;

        /** Starts the partner. */
        @Setup
        public void setUp() {
            partner = Thread.ofPlatform().name("pong-park").daemon().start(() -> {
                long answered = 0;
                while (!stop) {
                    long seen = ping;
                    if (seen == answered) {
                        LockSupport.park(this);
                        continue;
                    }
                    answered = seen;
                    pong = seen;
                    LockSupport.unpark(pinger);
                }
            });
        }

        /**
         * Stops the partner.
         *
         * @throws InterruptedException if interrupted while joining the partner
         */
        @TearDown
        public void tearDown() throws InterruptedException {
            stop = true;
            LockSupport.unpark(partner);
            partner.join();
        }
    }

    /**
     * Signal the partner's eventfd, sleep in {@code epoll_wait} until it signals back.
     *
     * @param pair the eventfds and the partner
     * @return the number of events, 1
     */
    @Benchmark
    public int eventfdRoundTrip(EventFdPair pair) {
        EventFd.signal(pair.pingFd);
        int n;
        while ((n = Epoll.wait(pair.pongEpoll, pair.pingerEvents, 1, POLL_MILLIS)) != 1) {
            if (!pair.partner.isAlive()) {
                throw new IllegalStateException("the partner thread died");
            }
        }
        return n;
    }

    /**
     * Baseline: unpark the partner, park until it unparks us.
     *
     * @param pair the partner
     * @return the round trip's sequence number
     */
    @Benchmark
    public long parkRoundTrip(ParkPair pair) {
        pair.pinger = Thread.currentThread();
        long seq = pair.ping + 1;
        pair.ping = seq;
        LockSupport.unpark(pair.partner);
        while (pair.pong != seq) {
            LockSupport.park(pair);
        }
        return seq;
    }
}
