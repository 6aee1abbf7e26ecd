package mummy.io;

import java.time.Duration;
import java.util.Objects;
import mummy.io.internal.loop.LoopConfig;

/**
 * Everything a {@link Server} was built with: what the IO loop reads, plus the few settings only
 * the server itself uses. Produced by {@link Server.Builder#build()}, which has checked every
 * value against its range; the server keeps nothing else.
 *
 * <p>Threading: immutable.
 *
 * @param loop what the IO loop runs with
 * @param scheduler the scheduler provider's name, or null to let {@link Schedulers#select} pick one
 * @param workerThreads the scheduler's parallelism hint, 0 for the provider's default
 * @param shutdownGracePeriod how long {@link Server#close} lets requests in flight finish
 * @param collectMetrics whether the server counts its {@link ServerMetrics}
 */
record ServerSettings(LoopConfig loop, String scheduler, int workerThreads, Duration shutdownGracePeriod,
                      boolean collectMetrics) {

    /** Checks that the parts are present; their values were checked by the builder. */
    ServerSettings {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
    }
}
