package mummy.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The EMFILE fault of {@code benchmarks/soak}, against an EchoServer started under
 * {@code prlimit --nofile=256}: opens more connections than the server can have descriptors, each
 * with a {@code GET /} written at once. The server must answer those it accepted, keep the rest
 * waiting in its backlog without spinning (under {@value #MAX_CORES} cores while at the limit),
 * and, once the answered ones are closed, accept and answer every waiting one; then a fresh
 * {@code GET /} must be answered within {@value #FRESH_MILLIS} ms.
 *
 * <p>Options: {@code --host} (127.0.0.1), {@code --port}, {@code --pid} (the server's), {@code --count}
 * (400), {@code --settle} s (3). Prints {@code key=value} lines, {@code failure=...} lines and
 * {@code status=OK} or {@code status=FAILED}; exits 1 on failure.
 */
public final class EmfileProbe {

    /** The most CPU the server may use while it cannot accept. */
    static final double MAX_CORES = 0.5;
    /** How fast a fresh client must be answered after the fault. */
    static final int FRESH_MILLIS = 1000;

    private EmfileProbe() {
    }

    /**
     * Runs the fault.
     *
     * @param args the options above
     * @throws Exception if interrupted or a connection cannot be opened
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("host", "port", "pid", "count", "settle"));
        InetSocketAddress server = new InetSocketAddress(options.string("host", "127.0.0.1"), options.integer("port", 8080));
        ServerProcess process = ServerProcess.of(options.integer("pid", -1));
        int count = options.integer("count", 400);
        List<String> failures = new ArrayList<>();

        Waiter[] waiters = new Waiter[count];
        for (int i = 0; i < count; i++) {
            waiters[i] = new Waiter(Client.connect(server, 30_000));
            waiters[i].client.write(waiters[i].client.request("GET", "/", null));
            Thread.ofVirtual().start(waiters[i]::await);
        }
        Thread.sleep(options.seconds("settle", 3));
        Duration cpuBefore = process.cpu();
        long measuredFrom = System.nanoTime();
        Thread.sleep(2000);
        double cores = (process.cpu().minus(cpuBefore).toNanos()) / (double) (System.nanoTime() - measuredFrom);
        long answeredFirst = Arrays.stream(waiters).filter(Waiter::answered).count();
        System.out.println("connections=" + count);
        System.out.println("answered_at_limit=" + answeredFirst);
        System.out.println("server_fds_at_limit=" + process.openFiles());
        System.out.println(String.format(Locale.ROOT, "server_cores_at_limit=%.2f", cores));
        if (answeredFirst == count) {
            failures.add("all " + count + " connections were answered: the file limit was never reached");
        }
        if (cores > MAX_CORES) {
            failures.add(String.format(Locale.ROOT, "the server used %.2f cores while it could not accept", cores));
        }

        long releaseStarted = System.nanoTime();
        for (int round = 0; round < 10 && Arrays.stream(waiters).anyMatch(w -> !w.answered()); round++) {
            Arrays.stream(waiters).filter(Waiter::answered).forEach(w -> w.client.close());
            for (Waiter waiter : waiters) {
                waiter.done.await(Math.max(1, 10_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - releaseStarted)),
                        TimeUnit.MILLISECONDS);
            }
        }
        long neverAnswered = Arrays.stream(waiters).filter(w -> !w.answered()).count();
        System.out.println("answered_after_release=" + (count - answeredFirst - neverAnswered));
        System.out.println(String.format(Locale.ROOT, "release_seconds=%.1f", (System.nanoTime() - releaseStarted) / 1e9));
        if (neverAnswered > 0) {
            failures.add(neverAnswered + " waiting connections were not answered within 10 s of the release");
        }
        Arrays.stream(waiters).map(w -> w.problem.get()).filter(p -> p != null).limit(3).forEach(failures::add);
        Arrays.stream(waiters).forEach(w -> w.client.close());
        fresh(server, failures);

        failures.forEach(f -> System.out.println("failure=" + f));
        System.out.println("status=" + (failures.isEmpty() ? "OK" : "FAILED"));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void fresh(InetSocketAddress server, List<String> failures) {
        long started = System.nanoTime();
        try (Client client = Client.connect(server, FRESH_MILLIS)) {
            HttpResponse response = client.exchange("GET", "/", null);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("fresh_get_ms=" + millis);
            if (response.status() != 200 || !Arrays.equals(response.body(), Client.HELLO) || millis > FRESH_MILLIS) {
                failures.add("a fresh GET / answered " + response.status() + " in " + millis + " ms");
            }
        } catch (IOException e) {
            failures.add("a fresh GET / after the fault: " + e);
        }
    }

    /**
     * One connection waiting for its answer.
     *
     * <p>Threading: {@link #await} on its own virtual thread; the main thread reads {@link #answered}
     * and closes the client.
     */
    private static final class Waiter {
        final Client client;
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<String> problem = new AtomicReference<>();
        volatile boolean answered;

        Waiter(Client client) {
            this.client = client;
        }

        boolean answered() {
            return answered;
        }

        void await() {
            try {
                HttpResponse response = client.next();
                if (response.status() != 200 || !Arrays.equals(response.body(), Client.HELLO)) {
                    problem.set("GET / answered " + response.status() + " at the limit");
                }
                answered = true;
            } catch (IOException e) {
                if (!client.isClosed()) {
                    problem.set("GET / at the limit: " + e);
                }
            } finally {
                done.countDown();
            }
        }
    }
}
