package mummy.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The SIGTERM fault of {@code benchmarks/soak}: with {@value #WEBSOCKETS} WebSockets open (each
 * has echoed a message), {@value #UPLOADS} {@link ShutdownUpload}s begun and {@value #SLEEPERS}
 * {@link ShutdownSleeper} connections whose pipelined {@code /sleep} requests the server has read
 * (their server-side receive queues are empty, per {@code ss}), it sends the server SIGTERM. Every
 * upload and every answered request must complete correctly, at least {@value #SLEEPERS} requests
 * must be answered after the signal (else nothing was in flight and the check proved nothing),
 * every WebSocket must get a close frame with 1001 (going away), and the process must exit within
 * {@value #EXIT_SECONDS} s.
 *
 * <p>Options: {@code --host} (127.0.0.1), {@code --port}, {@code --pid} (the server's). Prints
 * {@code key=value} lines, {@code failure=...} lines and {@code status=OK} or {@code status=FAILED};
 * exits 1 on failure.
 */
public final class SigtermLoad {

    static final int WEBSOCKETS = 50;
    static final int UPLOADS = 20;
    static final int SLEEPERS = 100;
    /** How soon the server must exit after SIGTERM (its grace period is 10 s). */
    static final int EXIT_SECONDS = 5;

    private SigtermLoad() {
    }

    /**
     * Runs the fault.
     *
     * @param args the options above
     * @throws Exception if interrupted or the clients cannot be set up
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("host", "port", "pid"));
        InetSocketAddress server = new InetSocketAddress(options.string("host", "127.0.0.1"), options.integer("port", 8080));
        ServerProcess process = ServerProcess.of(options.integer("pid", -1));
        List<String> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch signalled = new CountDownLatch(1);

        CountDownLatch opened = new CountDownLatch(WEBSOCKETS);
        AtomicInteger goingAway = new AtomicInteger();
        List<String> wsProblems = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < WEBSOCKETS; i++) {
            threads.add(Thread.ofVirtual().start(() -> webSocket(server, opened, goingAway, wsProblems)));
        }
        if (!opened.await(30, TimeUnit.SECONDS)) {
            failures.add("set-up: " + opened.getCount() + " WebSockets not open in 30 s");
        }
        // After the WebSockets: on a scheduler of 20 threads (pool, 2 cores) the uploads hold them all.
        CountDownLatch begun = new CountDownLatch(UPLOADS);
        List<ShutdownUpload> uploads = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            ShutdownUpload upload = new ShutdownUpload(server, i % 2 == 1, begun, signalled);
            uploads.add(upload);
            threads.add(Thread.ofVirtual().start(upload::run));
        }
        if (!begun.await(30, TimeUnit.SECONDS)) {
            failures.add("set-up: " + begun.getCount() + " uploads not begun in 30 s");
        }
        List<ShutdownSleeper> sleepers = new ArrayList<>();
        for (int i = 0; i < SLEEPERS; i++) {
            sleepers.add(new ShutdownSleeper(server));
        }
        for (ShutdownSleeper sleeper : sleepers) {
            sleeper.send();
            threads.add(Thread.ofVirtual().start(() -> sleeper.read(() -> signalled.getCount() == 0)));
        }
        if (!awaitReadByServer(server.getPort(), sleepers.stream().map(ShutdownSleeper::localPort).collect(Collectors.toSet()))) {
            failures.add("set-up: the server had not read every pipelined /sleep within 10 s");
        }

        long signalAt = System.nanoTime();
        process.terminate();
        signalled.countDown();
        boolean exited = process.handle().onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join() != null;
        double exitSeconds = (System.nanoTime() - signalAt) / 1e9;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        int answered = sleepers.stream().mapToInt(s -> s.answered).sum();
        int afterSignal = sleepers.stream().mapToInt(s -> s.answeredAfterSignal).sum();
        long uploadsComplete = uploads.stream().filter(u -> u.problem == null).count();
        System.out.println("sleep_requests=" + SLEEPERS * ShutdownSleeper.DEPTH + " on " + SLEEPERS + " connections");
        System.out.println("sleep_answered=" + answered);
        System.out.println("sleep_answered_after_signal=" + afterSignal);
        System.out.println("uploads_complete=" + uploadsComplete + " of " + UPLOADS);
        System.out.println("websockets_closed_1001=" + goingAway.get() + " of " + WEBSOCKETS);
        System.out.println(String.format(Locale.ROOT, "exit_seconds=%.1f", exitSeconds));

        sleepers.stream().map(s -> s.problem).filter(p -> p != null).limit(3).forEach(p -> failures.add("sleep: " + p));
        uploads.stream().map(u -> u.problem).filter(p -> p != null).limit(3).forEach(p -> failures.add("upload: " + p));
        wsProblems.stream().limit(3).forEach(p -> failures.add("websocket: " + p));
        if (afterSignal < SLEEPERS) {
            failures.add("only " + afterSignal + " requests were answered after the signal: too few were in flight to show anything");
        }
        if (!exited || exitSeconds > EXIT_SECONDS) {
            failures.add(String.format(Locale.ROOT, "the server %s %.1f s after SIGTERM",
                    exited ? "exited only" : "was still running", exitSeconds));
        }
        failures.forEach(f -> System.out.println("failure=" + f));
        System.out.println("status=" + (failures.isEmpty() ? "OK" : "FAILED"));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Opens a WebSocket, checks one echo, then waits for the server's close, which must say 1001. */
    private static void webSocket(InetSocketAddress server, CountDownLatch opened, AtomicInteger goingAway, List<String> problems) {
        try (Client client = Client.connect(server, 60_000)) {
            WsPeer peer = WsPeer.open(client, "/ws");
            byte[] hello = ResponseReader.ascii("before the signal");
            peer.send(WsFrames.TEXT, hello, 1);
            WsPeer.Message echo = peer.next();
            if (echo.opcode() != WsFrames.TEXT || !Arrays.equals(hello, echo.payload())) {
                problems.add("no echo before the signal");
                return;
            }
            opened.countDown();
            WsPeer.Message close = peer.next();
            if (close.opcode() != WsFrames.CLOSE || close.closeCode() != WsPeer.GOING_AWAY) {
                problems.add("after the signal: opcode " + close.opcode() + " code " + close.closeCode() + ", expected a close with 1001");
                return;
            }
            peer.close(WsPeer.GOING_AWAY);
            if (client.awaitPeerClose(20_000)) {
                goingAway.incrementAndGet();
            } else {
                problems.add("bytes after the closing handshake");
            }
        } catch (IOException e) {
            problems.add(e.toString());
        }
    }

    /**
     * Waits up to 10 s until the server's side of each connection from {@code peerPorts} has an
     * empty receive queue ({@code ss -tn}), that is, the server has read all that was sent.
     */
    private static boolean awaitReadByServer(int serverPort, Set<Integer> peerPorts) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            Process ss = new ProcessBuilder("ss", "-Htn", "state", "established", "( sport = :" + serverPort + " )")
                    .redirectErrorStream(true).start();
            String table;
            try (InputStream out = ss.getInputStream()) {
                table = new String(out.readAllBytes(), StandardCharsets.US_ASCII);
            }
            ss.waitFor();
            List<String[]> ours = table.lines().map(line -> line.trim().split("\\s+"))
                    .filter(columns -> columns.length >= 4 && peerPorts.contains(port(columns[3])))
                    .toList();
            if (ours.size() == peerPorts.size() && ours.stream().allMatch(columns -> columns[0].equals("0"))) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
