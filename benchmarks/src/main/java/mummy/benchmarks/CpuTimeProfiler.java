package mummy.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports {@code cpu.time.norm}: the CPU time the benchmark JVM spent per operation (all its
 * threads, user and system, from {@code CLOCK_PROCESS_CPUTIME_ID}), next to JMH's wall-clock score.
 * On a machine shared with other work the wall-clock score measures the share of a core the
 * benchmark got as much as the code; CPU time per operation does not depend on that share, so it
 * estimates what the code costs on an idle machine (it still includes JIT and GC threads, and the
 * cache misses other work causes). Meaningful for single-threaded, CPU-bound benchmarks; for
 * spinning or blocking multi-threaded ones it counts spin time and leaves out sleep.
 *
 * <p>Use: {@code -prof mummy.benchmarks.CpuTimeProfiler}; {@code benchmarks/jmh} adds it.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    /** Created by JMH in the benchmark JVM. */
    public CpuTimeProfiler() {
    }

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation (contention-independent cost estimate)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public List<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                    IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuAtStart;
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0 || cpu < 0) {
            return List.of();
        }
        return List.of(new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    }
}
