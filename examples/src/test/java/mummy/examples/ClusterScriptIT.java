package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/cluster --check} as a user runs it: it starts Redis, two instances and nginx, runs
 * {@link ClusterCheck}, stops every process it started, and exits 0. The modules are the ones this
 * build packaged ({@code MUMMY_CLUSTER_NO_BUILD=1}: no Maven inside Maven).
 */
class ClusterScriptIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void clusterCheckPassesAndLeavesNoProcessBehind() throws Exception {
        Path script = NginxProxy.examples().resolveSibling("bin").resolve("cluster");
        assertTrue(Files.isExecutable(script), "missing " + script);
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--check").redirectErrorStream(true);
        builder.environment().put("MUMMY_CLUSTER_NO_BUILD", "1");
        Process cluster = builder.start();
        try (ProcessLines output = new ProcessLines(cluster)) {
            int status = output.exitCode(TIMEOUT);
            String text = output.text();
            System.getLogger("mummy.test").log(System.Logger.Level.INFO, "bin/cluster --check:\n{0}", text);
            assertEquals(0, status, text);
            assertTrue(text.contains("cluster check passed"), text);
            for (String part : List.of("nginx", "instance b", "instance a", "redis")) {
                Matcher stopped = Pattern.compile("cluster: stopping " + part + " \\(pid (\\d+)\\)").matcher(text);
                assertTrue(stopped.find(), part + " stopped by its PID:\n" + text);
                long pid = Long.parseLong(stopped.group(1));
                assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), part + " (pid " + pid + ") still runs");
            }
        }
    }
}
