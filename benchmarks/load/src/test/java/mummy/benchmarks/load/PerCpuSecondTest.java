package mummy.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests per server CPU-second: from the compare script's files to the report's cells. */
class PerCpuSecondTest {

    private static final String WRK = """
            Running 10s test @ http://127.0.0.1:18080/
              2 threads and 100 connections
              Latency Distribution
                 50%  500.00us
                 99%    2.00ms
              1500000 requests in 10.00s, 180.00MB read
            Requests/sec: 150000.00
            Transfer/sec:     18.00MB
            """;

    @Test
    void aWrkRoundIsDividedByTheServersCpuSecondsOfThatRound(@TempDir Path run) throws IOException {
        Path dir = Files.createDirectories(run.resolve("mummy-pool"));
        Files.writeString(dir.resolve("plaintext.r1.txt"), WRK);
        Files.writeString(dir.resolve("plaintext.r1.cpu"), "server_cpu_s=7.50\n");
        Files.writeString(dir.resolve("plaintext.r2.txt"), WRK); // no .cpu: not measured
        Cell cell = new RunDirectory(run).cell(new RunDirectory.Server("mummy-pool", "subject", "x", ""),
                Workload.PLAINTEXT);
        assertEquals(Cell.Status.OK, cell.status());
        assertEquals(200_000, cell.rounds().getFirst().perCpuSecond(), 1e-6, "1,500,000 requests / 7.5 s");
        assertTrue(Double.isNaN(cell.rounds().get(1).perCpuSecond()));
        assertEquals(200_000, cell.perCpuSecond(), 1e-6, "the median of the measured rounds");
    }

    @Test
    void aWebSocketRoundCarriesTheServersCpuSeconds() {
        List<RoundResult> rounds = WsLoadOutput.parse("""
                round=1 connections=100 size=64 seconds=10.000 messages=1200000 msgs_per_s=120000.0 p50_us=700 \
                p99_us=1500 max_us=9000 server_cpu_s=8.00 status=OK
                round=2 connections=100 size=64 seconds=10.000 messages=1100000 msgs_per_s=110000.0 p50_us=700 \
                p99_us=1500 max_us=9000 status=OK
                """);
        assertEquals(150_000, rounds.getFirst().perCpuSecond(), 1e-6);
        assertTrue(Double.isNaN(rounds.get(1).perCpuSecond()), "no server_cpu_s: not measured");
        assertEquals(120_000, rounds.getFirst().rate(), 1e-6);
    }

    @Test
    void theServersCpuTimeIsReadFromProc() {
        double before = ServerCpu.seconds(ProcessHandle.current().pid());
        long spin = System.nanoTime() + 300_000_000L;
        long sink = 0;
        while (System.nanoTime() < spin) {
            sink += System.nanoTime() % 7;
        }
        double after = ServerCpu.seconds(ProcessHandle.current().pid());
        assertTrue(after - before >= 0.2, "300 ms of spinning counted: " + (after - before) + " s (" + sink + ")");
        assertTrue(Double.isNaN(ServerCpu.seconds(Long.MAX_VALUE)), "no such process");
    }
}
