package mummy.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * WebSocket echo load: N connections, each sending an M-byte binary message and awaiting its echo
 * before the next, for a warm-up and then a number of timed rounds. Every echoed byte is checked;
 * a mismatch, a close, an error or a connection waiting longer than the stall timeout for its echo
 * fails the round it happened in and every later one, so a collapse is reported as a failure and
 * never as a slow figure.
 *
 * <p>Options: {@code --host} (127.0.0.1), {@code --port}, {@code --path} (/ws),
 * {@code --connections} (100), {@code --size} (64), {@code --threads} (1), {@code --warmup} s (2),
 * {@code --duration} s (10), {@code --rounds} (1), {@code --stall} s (2), {@code --server-pid}
 * (none; with it, each round also reports the CPU time that process used during the round, from
 * {@code /proc/PID/stat} and its children's, so the report can give messages per server
 * CPU-second). Prints one line per round:
 * {@code round=1 connections=100 size=64 seconds=10.000 messages=N msgs_per_s=X p50_us=A
 * p99_us=B max_us=C [server_cpu_s=S] status=OK} (or {@code status=FAILED reason=...}, always
 * last); exits 1 when a round failed.
 */
public final class WsLoad {

    private WsLoad() {
    }

    /**
     * The round being measured: 0 is the warm-up, 1 to N the rounds, N + 1 the stop.
     *
     * <p>Threading: written by the main thread, read by every load thread on every echo.
     */
    static final class Phase {
        private final int stopRound;
        private volatile int round;

        Phase(int rounds) {
            this.stopRound = rounds + 1;
        }

        int round() {
            return round;
        }

        boolean stopped() {
            return round >= stopRound;
        }

        void next() {
            // NOTE: a read-modify-write of a volatile is safe here: only the main thread writes.
            round++;
        }
    }

    /**
     * Runs the load.
     *
     * @param args the options above
     * @throws Exception if interrupted or the load threads cannot start
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("host", "port", "path", "connections", "size", "threads",
                "warmup", "duration", "rounds", "stall", "server-pid"));
        long serverPid = options.integer("server-pid", 0);
        InetSocketAddress server = new InetSocketAddress(options.string("host", "127.0.0.1"), options.integer("port", 8080));
        int connections = options.integer("connections", 100);
        int size = options.integer("size", 64);
        int rounds = options.integer("rounds", 1);
        long durationNanos = options.seconds("duration", 10).toNanos();
        String label = "connections=" + connections + " size=" + size;

        List<WsLoadConnection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                opened.add(WsLoadConnection.open(i, server, options.string("path", "/ws"), size));
            }
        } catch (IOException e) {
            opened.forEach(WsLoadConnection::closeQuietly);
            for (int round = 1; round <= rounds; round++) {
                System.out.println("round=" + round + " " + label + " status=FAILED reason=connection " + opened.size() + ": " + e.getMessage());
            }
            System.exit(1);
        }

        Phase phase = new Phase(rounds);
        Failures failures = new Failures();
        int threadCount = Math.max(1, Math.min(options.integer("threads", 1), connections));
        List<WsLoadLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            List<WsLoadConnection> share = new ArrayList<>();
            for (int i = t; i < opened.size(); i += threadCount) {
                share.add(opened.get(i));
            }
            WsLoadLoop loop = new WsLoadLoop(share, phase, failures, options.seconds("stall", 2).toNanos(), rounds);
            loops.add(loop);
            threads.add(Thread.ofPlatform().name("ws-load-" + t).start(loop));
        }

        Thread.sleep(options.seconds("warmup", 2));
        long[] startedAt = new long[rounds + 2];
        double[] cpuAt = new double[rounds + 2];
        for (int round = 1; round <= rounds + 1; round++) {
            startedAt[round] = System.nanoTime();
            cpuAt[round] = serverPid > 0 ? ServerCpu.seconds(serverPid) : Double.NaN;
            phase.next();
            if (round <= rounds) {
                Thread.sleep(durationNanos / 1_000_000, (int) (durationNanos % 1_000_000));
            }
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        boolean failed = false;
        for (int round = 1; round <= rounds; round++) {
            LatencyHistogram merged = new LatencyHistogram();
            for (WsLoadLoop loop : loops) {
                merged.add(loop.histogram(round));
            }
            double seconds = (startedAt[round + 1] - startedAt[round]) / 1e9;
            String reason = failures.reasonFor(round);
            failed |= reason != null;
            String cpu = serverPid > 0 ? String.format(Locale.ROOT, " server_cpu_s=%.2f", cpuAt[round + 1] - cpuAt[round])
                    : "";
            System.out.println(String.format(Locale.ROOT,
                    "round=%d %s seconds=%.3f messages=%d msgs_per_s=%.1f p50_us=%d p99_us=%d max_us=%d%s status=%s",
                    round, label, seconds, merged.count(), merged.count() / seconds,
                    merged.percentile(50), merged.percentile(99), merged.max(), cpu,
                    reason == null ? "OK" : "FAILED reason=" + reason));
        }
        System.exit(failed ? 1 : 0);
    }
}
