package mummy.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens many connections, uses each once, and holds them idle so that a server's memory can be
 * read with them open: {@code http} mode answers one {@code GET /} on each (a kept-alive
 * connection), {@code ws} mode completes the WebSocket handshake on {@code /ws} and one 64-byte
 * echo. Every answer is checked. One virtual thread per connection, which then waits for the
 * server to close it, so that a server dropping idle connections is counted.
 *
 * <p>Options: {@code --host} (127.0.0.1), {@code --port}, {@code --count} (10000), {@code --mode}
 * ({@code http} or {@code ws}), {@code --parallel} connections being set up at once (64),
 * {@code --setup} s allowed for opening all (120), {@code --hold} s at most (120),
 * {@code --release} a file whose appearance ends the hold early. Prints
 * {@code held=N failed=M first_failure=...} once every connection is open or has failed, then
 * {@code closed_by_server=K} when the hold ends; then closes everything. The process needs a file
 * limit above {@code --count}.
 */
public final class IdleConnections {

    private IdleConnections() {
    }

    /**
     * Opens, holds and closes the connections.
     *
     * @param args the options above
     * @throws Exception if interrupted
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("host", "port", "count", "mode", "parallel", "setup", "hold", "release"));
        InetSocketAddress server = new InetSocketAddress(options.string("host", "127.0.0.1"), options.integer("port", 8080));
        int count = options.integer("count", 10_000);
        boolean webSocket = switch (options.string("mode", "http")) {
            case "http" -> false;
            case "ws" -> true;
            default -> throw new IllegalArgumentException("--mode is http or ws");
        };
        Holder holder = new Holder(server, webSocket, options.integer("parallel", 64), count);
        for (int i = 0; i < count; i++) {
            Thread.ofVirtual().start(holder::openAndHold);
        }
        boolean allTried = holder.attempted.await(options.seconds("setup", 120).toMillis(), TimeUnit.MILLISECONDS);
        String failure = holder.firstFailure.get();
        System.out.println("held=" + holder.held.get() + " failed=" + (count - holder.held.get())
                + (allTried ? "" : " (setup timed out)")
                + " first_failure=" + (failure == null ? "none" : failure));
        System.out.flush();

        awaitRelease(options.string("release", null), options.seconds("hold", 120));
        holder.releasing = true;
        System.out.println("closed_by_server=" + holder.closedByServer.get());
        System.out.flush();
        holder.open.forEach(Client::close);
    }

    /**
     * The connections and their counts.
     *
     * <p>Threading: {@link #openAndHold} runs on one virtual thread per connection; the counters
     * are atomic; {@code releasing} is set by the main thread before it closes everything.
     */
    private static final class Holder {
        private final InetSocketAddress server;
        private final boolean webSocket;
        private final Semaphore settingUp;
        private final CountDownLatch attempted;
        private final AtomicInteger held = new AtomicInteger();
        private final AtomicInteger closedByServer = new AtomicInteger();
        private final AtomicReference<String> firstFailure = new AtomicReference<>();
        private final Queue<Client> open = new ConcurrentLinkedQueue<>();
        private volatile boolean releasing;

        Holder(InetSocketAddress server, boolean webSocket, int parallel, int count) {
            this.server = server;
            this.webSocket = webSocket;
            this.settingUp = new Semaphore(parallel);
            this.attempted = new CountDownLatch(count);
        }

        void openAndHold() {
            Client client = open();
            if (client == null) {
                return;
            }
            try {
                if (client.awaitPeerClose()) {
                    closedByServer.incrementAndGet();
                }
            } catch (IOException e) {
                if (!releasing) {
                    closedByServer.incrementAndGet();
                }
            }
        }

        /** Opens and uses one connection; null (and the failure noted) when that fails. */
        private Client open() {
            settingUp.acquireUninterruptibly();
            Client client = null;
            try {
                client = Client.connect(server, 10_000);
                open.add(client);
                String problem = webSocket ? openWebSocket(client) : keepAlive(client);
                if (problem != null) {
                    throw new IOException(problem);
                }
                held.incrementAndGet();
                return client;
            } catch (IOException | RuntimeException e) {
                firstFailure.compareAndSet(null, e.toString());
                if (client != null) {
                    client.close();
                }
                return null;
            } finally {
                settingUp.release();
                attempted.countDown();
            }
        }
    }

    private static String keepAlive(Client client) throws IOException {
        HttpResponse response = client.exchange("GET", "/", null);
        if (response.status() != 200 || !Arrays.equals(response.body(), Client.HELLO)) {
            return "GET / answered " + response.status() + " with " + response.body().length + " bytes";
        }
        String connection = response.header("connection");
        return connection != null && connection.equalsIgnoreCase("close") ? "GET / answered Connection: close" : null;
    }

    private static String openWebSocket(Client client) throws IOException {
        String problem = client.upgrade("/ws");
        return problem != null ? "upgrade: " + problem : client.echoBinary(64);
    }

    private static void awaitRelease(String releaseFile, Duration hold) throws InterruptedException {
        long deadline = System.nanoTime() + hold.toNanos();
        Path release = releaseFile == null ? null : Path.of(releaseFile);
        while (System.nanoTime() < deadline && (release == null || !Files.exists(release))) {
            Thread.sleep(50);
        }
    }
}
