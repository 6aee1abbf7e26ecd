/**
 * The load tools of {@code benchmarks/compare}: {@link mummy.benchmarks.load.WsLoad} (WebSocket
 * echo load), {@link mummy.benchmarks.load.IdleConnections} (holds idle keep-alive or WebSocket
 * connections for the memory figures), {@link mummy.benchmarks.load.ResponseCheck} (checks a
 * server's answers before it is loaded) and {@link mummy.benchmarks.load.Report} (writes
 * BENCHMARKS.md from a run's raw outputs); and those of {@code benchmarks/soak}:
 * {@link mummy.benchmarks.load.Soak} (mixed, verified load), {@link mummy.benchmarks.load.EmfileProbe}
 * and {@link mummy.benchmarks.load.SigtermLoad} (the two faults) and
 * {@link mummy.benchmarks.load.SoakReport} (the verdict and summary); and
 * {@link mummy.benchmarks.load.FanOutLoad} (one publisher, many WebSocket subscribers over several
 * instances) of {@code benchmarks/fanout/run}. JDK only, so that the load side
 * carries nothing of the servers it measures.
 */
module mummy.benchmarks.load {
    exports mummy.benchmarks.load;
}
