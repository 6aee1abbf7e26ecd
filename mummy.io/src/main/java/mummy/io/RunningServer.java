package mummy.io;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import mummy.io.internal.ffi.NativeIoException;
import mummy.io.internal.jfr.Jfr;
import mummy.io.internal.loop.IoLoop;
import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;

/**
 * What a started {@link Server} owns: its IO loop (with the epoll fd, the eventfd and the
 * listeners), its scheduler, and the addresses it listens on. {@link #start} either returns all
 * of them running or, whatever fails, closes what it had opened before it throws.
 *
 * <p>Threading: {@link #start} and {@link #stop} by the thread that holds the server's lock for
 * them; the accessors from any thread.
 *
 * @param loop the running IO loop
 * @param scheduler where handlers run
 * @param addresses the bound addresses, with their real ports
 * @param log where lifecycle events go, also from a shutdown hook
 */
record RunningServer(IoLoop loop, Scheduler scheduler, List<InetSocketAddress> addresses, LifecycleLog log) {
    /** How long a failed start waits for its scheduler's threads to end; no task ever ran on them. */
    private static final Duration UNDO_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Creates the scheduler and the loop, listens on every address and starts the IO thread.
     *
     * @param settings the server's settings
     * @param addresses where to listen, at least one
     * @param metrics the loop's counters
     * @param http the server's request series
     * @return the running parts
     * @throws IllegalArgumentException if an address is unresolved or the scheduler is unknown
     * @throws UncheckedIOException if a socket cannot be opened or bound (the message names the errno)
     */
    static RunningServer start(ServerSettings settings, LoopMetrics metrics, HttpMetrics http,
                               InetSocketAddress... addresses) {
        requireResolved(addresses);
        Scheduler workers = Schedulers.create(settings.scheduler(), new SchedulerConfig(settings.workerThreads(),
                "mummy-worker-", SchedulerConfig.defaults().exceptionHandler()));
        IoLoop loop = null;
        try {
            loop = new IoLoop(settings.loop(), workers, metrics, http);
            List<InetSocketAddress> bound = new ArrayList<>(addresses.length);
            for (InetSocketAddress address : addresses) {
                bound.add(loop.listen(address));
            }
            Jfr.registerIfRecording(); // before the first request, off the IO thread
            loop.start();
            return new RunningServer(loop, workers, List.copyOf(bound), LifecycleLog.capture("mummy.io"));
        } catch (NativeIoException e) {
            undo(loop, workers, e);
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            undo(loop, workers, e);
            throw e;
        }
    }

    /**
     * Stops the loop within {@code grace}, then the scheduler, then frees the loop's fds.
     *
     * @param grace how long requests in flight may take
     */
    void stop(Duration grace) {
        loop.shutdown(grace);
        try {
            if (!loop.awaitTermination(grace.plusSeconds(5))) {
                log.log(System.Logger.Level.WARNING, "server.close.timeout: the IO thread did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close(grace);
        loop.release();
        log.log(System.Logger.Level.INFO, "server.stopped");
    }

    /**
     * Blocks until the IO thread has ended.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitTermination() throws InterruptedException {
        while (!loop.awaitTermination(Duration.ofDays(1))) {
            Thread.onSpinWait();
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

    /** Closes what a failed {@link #start} opened; a failure here is added to {@code failure}. */
    private static void undo(IoLoop loop, Scheduler workers, Throwable failure) {
        if (loop != null) {
            try {
                loop.abandon();
            } catch (RuntimeException e) {
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
