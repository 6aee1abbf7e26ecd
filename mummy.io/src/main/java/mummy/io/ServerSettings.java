package mummy.io;

import java.time.Duration;
import java.util.Objects;
import mummy.io.internal.loop.BufferLimits;
import mummy.io.internal.loop.LoopConfig;

/**
 * Everything a {@link Server} was built with: what the IO loop reads, plus the few settings only
 * the server itself uses. Produced by {@link Server.Builder#build()}, which has checked every
 * value against its range; the server keeps nothing else.
 *
 * <p>Threading: immutable.
 *
 * @param loop what the IO loops run with, with the server's whole limits (see {@link #loop(int)})
 * @param ioThreads how many IO loops, at least 1
 * @param reusePort whether each loop listens with {@code SO_REUSEPORT} (else loop 0 listens and hands over)
 * @param scheduler the scheduler provider's name, or null to let {@link Schedulers#select} pick one
 * @param workerThreads the scheduler's parallelism hint, 0 for the provider's default
 * @param shutdownGracePeriod how long {@link Server#close} lets requests in flight finish
 * @param collectMetrics whether the server counts its {@link ServerMetrics}
 */
record ServerSettings(LoopConfig loop, int ioThreads, boolean reusePort, String scheduler, int workerThreads,
                      Duration shutdownGracePeriod, boolean collectMetrics) {

    /** Checks that the parts are present; their values were checked by the builder. */
    ServerSettings {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be positive: " + ioThreads);
        }
    }

    /**
     * What loop {@code index} runs with: with one loop, {@link #loop()} itself; with several, its
     * IO thread named {@code name-index} and an even share of the byte budget.
     *
     * @param index from 0 to {@link #ioThreads} - 1
     * @return the loop's settings
     */
    LoopConfig loop(int index) {
        Objects.checkIndex(index, ioThreads);
        if (ioThreads == 1) {
            return loop;
        }
        BufferLimits whole = loop.buffers();
        BufferLimits share = new BufferLimits(whole.perConnection(), whole.total() / ioThreads, whole.minWriteRate());
        return new LoopConfig(loop.handler(), loop.limits(), loop.maxStreamedBodyLength(), loop.maxConnections(),
                loop.maxPipelinedRequests(), loop.backlog(), ioThreadName(index), loop.timeouts(),
                loop.nanoClock(), loop.webSockets(), share, loop.jsonCodec(), loop.errorResponder());
    }

    /**
     * The name of loop {@code index}'s IO thread.
     *
     * @param index from 0 to {@link #ioThreads} - 1
     * @return such as {@code mummy-io} (one loop) or {@code mummy-io-1}
     */
    String ioThreadName(int index) {
        return ioThreads == 1 ? loop.ioThreadName() : loop.ioThreadName() + "-" + index;
    }
}
