/**
 * JMH micro-benchmarks of Mummy's hot paths. Compiled as a module so that it is checked like the
 * others, but run from the shaded jar {@code target/benchmarks.jar} on the class path, because
 * JMH forks its benchmark JVMs with a class path. It exports nothing, since no module reads it:
 * the benchmark methods return internal types of mummy.io and JMH reaches them on the class path.
 */
module mummy.benchmarks {
    requires jmh.core;
    requires jdk.management; // CpuTimeProfiler: the process's CPU time
    requires org.jctools.core;
    requires mummy.io;
}
