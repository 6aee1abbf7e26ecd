package mummy.io;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import mummy.io.internal.ffi.NativeIoException;
import mummy.io.internal.jfr.Jfr;
import mummy.io.internal.loop.IoLoop;
import mummy.io.internal.loop.LoopGroup;
import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;

/**
 * What a started {@link Server} owns: its IO loops (each with its epoll fd, its eventfd and its
 * listeners), its scheduler, and the addresses it listens on. {@link #start} either returns all
 * of them running or, whatever fails, closes what it had opened before it throws.
 *
 * <p>With several loops, loop 0 binds every address first (so a port 0 becomes a real port) and
 * the others bind the same addresses, all with {@code SO_REUSEPORT}; without it
 * ({@link Server.Builder#reusePort}), loop 0 alone listens and hands connections over. Shutdown
 * has two steps: every loop closes its listeners, then every loop drains its connections, so no
 * loop accepts a connection once another has begun to close its own.
 *
 * <p>Threading: {@link #start} and {@link #stop} by the thread that holds the server's lock for
 * them; the accessors from any thread.
 *
 * @param loops the running IO loops, loop {@code i} at index {@code i}
 * @param scheduler where handlers run
 * @param addresses the bound addresses, with their real ports
 * @param log where lifecycle events go, also from a shutdown hook
 */
record RunningServer(List<IoLoop> loops, Scheduler scheduler, List<InetSocketAddress> addresses, LifecycleLog log) {
    /** How long a failed start waits for its scheduler's threads to end; no task ever ran on them. */
    private static final Duration UNDO_TIMEOUT = Duration.ofSeconds(5);
    /** How long shutdown waits for every loop to close its listeners before it goes on anyway. */
    private static final Duration STOP_ACCEPTING_TIMEOUT = Duration.ofSeconds(1);

    /**
     * Creates the scheduler and the loops, listens on every address and starts the IO threads.
     *
     * @param settings the server's settings
     * @param metrics each loop's counters, one per {@link ServerSettings#ioThreads}
     * @param http each loop's request series, one per {@link ServerSettings#ioThreads}
     * @param addresses where to listen, at least one
     * @return the running parts
     * @throws IllegalArgumentException if an address is unresolved or the scheduler is unknown
     * @throws UncheckedIOException if a socket cannot be opened or bound (the message names the errno)
     */
    static RunningServer start(ServerSettings settings, List<LoopMetrics> metrics, List<HttpMetrics> http,
                               InetSocketAddress... addresses) {
        requireResolved(addresses);
        Scheduler workers = Schedulers.create(settings.scheduler(), new SchedulerConfig(settings.workerThreads(),
                "mummy-worker-", SchedulerConfig.defaults().exceptionHandler()));
        int count = settings.ioThreads();
        LoopGroup group = LoopGroup.of(settings.loop().maxConnections(), settings.loop().buffers().total(), count,
                settings.reusePort());
        List<IoLoop> loops = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                loops.add(new IoLoop(settings.loop(i), group, workers, metrics.get(i), http.get(i)));
            }
            List<InetSocketAddress> bound = new ArrayList<>(addresses.length);
            for (InetSocketAddress address : addresses) {
                bound.add(loops.getFirst().listen(address));
            }
            for (IoLoop loop : group.handsOver() ? List.<IoLoop>of() : loops.subList(1, count)) {
                for (InetSocketAddress address : bound) {
                    loop.listen(address); // the real port, which loop 0 was given for a 0
                }
            }
            Jfr.registerIfRecording(); // before the first request, off the IO thread
            loops.forEach(IoLoop::start);
            return new RunningServer(List.copyOf(loops), workers, List.copyOf(bound), LifecycleLog.capture("mummy.io"));
        } catch (NativeIoException e) {
            undo(loops, workers, e);
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            undo(loops, workers, e);
            throw e;
        }
    }

    /** Marks every loop draining: responses encoded from now on announce {@code Connection: close}. */
    void beginDraining() {
        for (IoLoop loop : loops) {
            loop.beginDraining();
        }
    }

    /**
     * Stops accepting on every loop, then stops the loops within {@code grace}, then the
     * scheduler, then frees the loops' fds.
     *
     * @param grace how long requests in flight may take
     */
    void stop(Duration grace) {
        List<CountDownLatch> accepting = loops.stream().map(IoLoop::stopAccepting).toList();
        long until = System.nanoTime() + STOP_ACCEPTING_TIMEOUT.toNanos();
        try {
            for (CountDownLatch closed : accepting) {
                closed.await(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops.forEach(loop -> loop.shutdown(grace));
        try {
            if (!awaitLoops(grace.plusSeconds(5))) {
                log.log(System.Logger.Level.WARNING, "server.close.timeout: an IO thread did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close(grace);
        loops.forEach(IoLoop::release);
        log.log(System.Logger.Level.INFO, "server.stopped");
    }

    /** Waits for every loop to end, all within {@code timeout}; whether they all did. */
    private boolean awaitLoops(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        for (IoLoop loop : loops) {
            if (!loop.awaitTermination(Duration.ofNanos(Math.max(0, until - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The connections open now on all loops, as each last published.
     *
     * @return the count
     */
    int openConnections() {
        int open = 0;
        for (IoLoop loop : loops) {
            open += loop.openConnections();
        }
        return open;
    }

    /**
     * Whether every IO thread is serving and none has begun to drain.
     *
     * @return true while all serve
     */
    boolean serving() {
        for (IoLoop loop : loops) {
            if (!loop.running() || loop.draining()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Blocks until the IO thread has ended.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitTermination() throws InterruptedException {
        for (IoLoop loop : loops) {
            while (!loop.awaitTermination(Duration.ofDays(1))) {
                Thread.onSpinWait();
            }
        }
    }

    private static void requireResolved(InetSocketAddress[] addresses) {
        for (int i = 0; i < addresses.length; i++) {
            InetSocketAddress address = Objects.requireNonNull(addresses[i], "addresses[" + i + "]");
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("cannot listen on " + address.getHostString() + ":"
                        + address.getPort() + ": the address is unresolved (give an IP address, or resolve the"
                        + " host name first)");
            }
        }
    }

    /**
     * Closes what a failed {@link #start} opened: loops that never started are abandoned, loops
     * that did (when a later one failed to start) are stopped at once; a failure here is added to
     * {@code failure}.
     */
    private static void undo(List<IoLoop> loops, Scheduler workers, Throwable failure) {
        for (IoLoop loop : loops) {
            try {
                if (loop.started()) {
                    loop.shutdown(Duration.ZERO);
                    loop.awaitTermination(UNDO_TIMEOUT);
                    loop.release();
                } else {
                    loop.abandon();
                }
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(e);
            }
        }
        try {
            workers.close(UNDO_TIMEOUT);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
