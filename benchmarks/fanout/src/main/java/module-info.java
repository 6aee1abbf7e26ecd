/** The server of the fan-out benchmark ({@code benchmarks/fanout/run}). */
module mummy.benchmarks.fanout {
    requires mummy.io;
    requires mummy.topics.redis;
}
