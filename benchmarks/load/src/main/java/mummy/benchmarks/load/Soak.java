package mummy.benchmarks.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The verifying clients of {@code benchmarks/soak}, all at once against one EchoServer for a fixed
 * time: {@link SoakEcho} ({@code /echo} bodies checked byte for byte), {@link SoakUpload} (uploads up
 * to 64 MiB checked by SHA-256), {@link SoakWebSocket} (random messages echoed, reconnecting),
 * {@link SoakSse} (every event checked), {@link SoakAbrupt} (resets in the middle of things),
 * {@link SoakTrickle} (a byte now and then) and {@link SoakStall} (clients that never read). Each
 * client is a virtual thread looping until the end; then every thread must stop within
 * {@value #STOP_SECONDS} s.
 *
 * <p>Options: {@code --host} (127.0.0.1), {@code --port}, {@code --duration} s (600), and the number
 * of clients of each kind: {@code --echo} (4), {@code --upload} (2), {@code --ws} (50), {@code --sse}
 * (5), {@code --abrupt} (3), {@code --trickle} (200), {@code --stall} (4, half of them downloads).
 * Prints {@code clients_KIND=N} for each kind, {@link SoakTally}'s lines, then {@code status=OK} or {@code status=FAILED}; exits 1 on any
 * failure.
 */
public final class Soak {

    /** The number of clients of each kind unless an option says otherwise. */
    static final Map<String, Integer> DEFAULTS = Map.of("echo", 4, "upload", 2, "ws", 50, "sse", 5, "abrupt", 3,
            "trickle", 200, "stall", 4);

    /** How long the clients may take to stop after the end of the run (an upload may be finishing). */
    static final int STOP_SECONDS = 60;

    private Soak() {
    }

    /**
     * Runs the clients.
     *
     * @param args the options above
     * @throws InterruptedException if interrupted while waiting for the clients
     */
    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args, Set.of("host", "port", "duration", "echo", "upload", "ws", "sse",
                "abrupt", "trickle", "stall"));
        InetSocketAddress server = new InetSocketAddress(options.string("host", "127.0.0.1"), options.integer("port", 8080));
        SoakTally tally = new SoakTally();
        SoakContext context = new SoakContext(server, System.nanoTime() + options.seconds("duration", 600).toNanos(), tally);

        for (String kind : List.of("echo", "upload", "ws", "sse", "abrupt", "trickle", "stall")) {
            System.out.println("clients_" + kind + "=" + options.integer(kind, DEFAULTS.get(kind)));
        }
        List<Thread> clients = new ArrayList<>();
        start(clients, context, "echo", options.integer("echo", DEFAULTS.get("echo")), SoakEcho::new, 0);
        start(clients, context, "upload", options.integer("upload", DEFAULTS.get("upload")), SoakUpload::new, 0);
        start(clients, context, "websocket", options.integer("ws", DEFAULTS.get("ws")), SoakWebSocket::new, 1000);
        start(clients, context, "sse", options.integer("sse", DEFAULTS.get("sse")), SoakSse::new, 0);
        start(clients, context, "abrupt", options.integer("abrupt", DEFAULTS.get("abrupt")), SoakAbrupt::new, 0);
        start(clients, context, "trickle", options.integer("trickle", DEFAULTS.get("trickle")), SoakTrickle::new, 5000);
        int stalls = options.integer("stall", DEFAULTS.get("stall"));
        for (int i = 0; i < stalls; i++) {
            boolean downloads = i % 2 == 1;
            start(clients, context, downloads ? "stalled download" : "stalled pipeline", 1, () -> new SoakStall(downloads), 0);
        }

        Thread.sleep(Math.max(0, context.millisLeft()));
        long stopBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        for (Thread client : clients) {
            client.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(stopBy - System.nanoTime())));
            if (client.isAlive()) {
                tally.fail(client.getName(), "still running " + STOP_SECONDS + " s after the end: "
                        + stack(client));
                client.interrupt();
            }
        }
        tally.print(System.out);
        System.out.println("status=" + (tally.failures() == 0 ? "OK" : "FAILED"));
        System.out.flush();
        System.exit(tally.failures() == 0 ? 0 : 1);
    }

    /** Starts {@code count} clients, each after a random delay up to {@code spreadMillis}. */
    private static void start(List<Thread> clients, SoakContext context, String kind, int count,
                              Supplier<SoakContext.Round> round, int spreadMillis) {
        for (int i = 0; i < count; i++) {
            SoakContext.Round client = round.get();
            long delay = spreadMillis == 0 ? 0 : context.random().nextInt(spreadMillis);
            clients.add(Thread.ofVirtual().name(kind + "-" + i).start(() -> {
                context.pause(delay);
                context.loop(kind, client);
            }));
        }
    }

    private static String stack(Thread thread) {
        StackTraceElement[] frames = thread.getStackTrace();
        StringBuilder stack = new StringBuilder();
        for (int i = 0; i < Math.min(6, frames.length); i++) {
            stack.append(i == 0 ? "" : " < ").append(frames[i]);
        }
        return stack.toString();
    }
}
