/**
 * The recording side of {@link mummy.io.ServerMetrics}: JDK-only, no lock, no CAS and no
 * allocation per request once a series exists.
 *
 * <p>Who writes what: almost everything is counted by the IO thread into single-writer
 * {@link mummy.io.internal.metrics.OpaqueCounters} (opaque stores: a plain add each, every value
 * whole and eventually visible to a reader): connections, WebSocket and stream figures, the loop's
 * turns, and the request series of {@link mummy.io.internal.metrics.HttpMetrics}, which the IO
 * thread records as it takes each final answer from its queue, timed by its turns' clock reads
 * (none per request). Workers count only what happens on their side and is rare: sends that met
 * backpressure and streams cut off for ignoring it ({@link java.util.concurrent.atomic.LongAdder}s). A
 * snapshot reads everything without stopping anyone: each figure is exact on its own, and two
 * figures may be a few events apart.
 */
package mummy.io.internal.metrics;
