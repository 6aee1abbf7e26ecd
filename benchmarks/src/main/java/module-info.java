/**
 * JMH micro-benchmarks of Mummy's hot paths. Compiled as a module so that it is checked like the
 * others, but run from the shaded jar {@code target/benchmarks.jar} on the class path, because
 * JMH forks its benchmark JVMs with a class path.
 */
module mummy.benchmarks {
    requires transitive jmh.core; // JMH types (Blackhole, profiler API) are in the benchmarks' signatures
    requires jdk.management; // CpuTimeProfiler: the process's CPU time
    requires org.jctools.core;
    requires mummy.io;

    exports mummy.benchmarks;
}
