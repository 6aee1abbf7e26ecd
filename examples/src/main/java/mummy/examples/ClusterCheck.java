package mummy.examples;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code bin/cluster --check}: a scripted check of a running cluster of two {@link ClusterChat}
 * instances behind nginx. A WebSocket client joins on each instance's own port and one through
 * nginx ({@code wss://}), an event stream listens through nginx; then a line said on instance A
 * must reach the client on B, the client behind nginx and the event stream, and a line said on B
 * must reach A. Prints one line per step and exits 0 when all passed, 1 (with the reason) when
 * one did not within the timeout.
 *
 * <p>Arguments: {@code --a http://127.0.0.1:PORT --b http://127.0.0.1:PORT --proxy
 * https://127.0.0.1:PORT --cacert nginx-cert.pem [--timeout SECONDS]} (default 20).
 *
 * <p>Threading: the main thread drives the steps; the clients' listeners fill queues it polls.
 */
public final class ClusterCheck {

    private final Duration timeout;
    private final HttpClient plain = HttpClient.newHttpClient();
    private final HttpClient tls;
    private final List<AutoCloseable> open = new ArrayList<>();
    /** The WebSocket clients, in the order they joined. */
    private final List<WebSocket> sockets = new ArrayList<>();

    private ClusterCheck(Duration timeout, SSLContext trust) {
        this.timeout = timeout;
        this.tls = HttpClient.newBuilder().sslContext(trust).build();
    }

    /**
     * Runs the check.
     *
     * @param args see the class comment
     * @throws Exception if a client cannot be set up at all
     */
    public static void main(String[] args) throws Exception {
        URI a = null;
        URI b = null;
        URI proxy = null;
        Path cacert = null;
        Duration timeout = Duration.ofSeconds(20);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--a" -> a = URI.create(args[i + 1]);
                case "--b" -> b = URI.create(args[i + 1]);
                case "--proxy" -> proxy = URI.create(args[i + 1]);
                case "--cacert" -> cacert = Path.of(args[i + 1]);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (a == null || b == null || proxy == null || cacert == null || args.length % 2 != 0) {
            System.err.println("usage: ClusterCheck --a URL --b URL --proxy URL --cacert PEM [--timeout SECONDS]");
            System.exit(2);
        }
        ClusterCheck check = new ClusterCheck(timeout, trusting(cacert));
        boolean passed;
        try {
            passed = check.run(a, b, proxy);
        } catch (CheckFailed e) {
            System.out.println("cluster check FAILED: " + e.getMessage());
            passed = false;
        } finally {
            check.closeAll();
        }
        if (passed) {
            System.out.println("cluster check passed");
        }
        System.exit(passed ? 0 : 1);
    }

    private boolean run(URI a, URI b, URI proxy) throws Exception {
        String nameA = instance(plain, a);
        String nameB = instance(plain, b);
        if (nameA.equals(nameB)) {
            throw new CheckFailed("both instances call themselves " + nameA);
        }
        String behind = instance(tls, proxy);
        if (!behind.equals(nameA) && !behind.equals(nameB)) {
            throw new CheckFailed("nginx reached an instance called " + behind);
        }
        System.out.println("ok: instances " + nameA + " and " + nameB + "; nginx reached " + behind);
        String token = Long.toString(System.nanoTime(), 36);
        BlockingQueue<String> sse = events(proxy.resolve("/events"));
        BlockingQueue<String> onA = join(plain, ws(a), "check-a-" + token, nameA);
        BlockingQueue<String> onB = join(plain, ws(b), "check-b-" + token, nameB);
        BlockingQueue<String> viaProxy = join(tls, ws(proxy), "check-proxy-" + token, null);
        System.out.println("ok: joined on " + nameA + ", " + nameB + " and through nginx");
        WebSocket sayA = sockets.getFirst();
        String line = "check-a-" + token + ": from " + nameA;
        sayUntilSeen(sayA, "from " + nameA, line, List.of(onB, viaProxy, sse), List.of(nameB, "nginx wss", "nginx event stream"));
        WebSocket sayB = sockets.get(1);
        sayUntilSeen(sayB, "from " + nameB, "check-b-" + token + ": from " + nameB, List.of(onA), List.of(nameA));
        return true;
    }

    /**
     * Says a line until every queue has it: the event stream may be subscribed a moment after its
     * response started, and a broker delivers at most once, so the first line may come too early.
     */
    private void sayUntilSeen(WebSocket from, String text, String expected, List<BlockingQueue<String>> queues,
                              List<String> names) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        boolean[] seen = new boolean[queues.size()];
        int left = queues.size();
        while (left > 0) {
            if (Instant.now().isAfter(deadline)) {
                List<String> missing = new ArrayList<>();
                for (int i = 0; i < seen.length; i++) {
                    if (!seen[i]) {
                        missing.add(names.get(i));
                    }
                }
                throw new CheckFailed("\"" + expected + "\" did not reach " + missing + " within " + timeout);
            }
            from.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Instant round = Instant.now().plusMillis(500);
            for (int i = 0; i < queues.size(); i++) {
                while (!seen[i] && Instant.now().isBefore(round)) {
                    String got = queues.get(i).poll(Math.max(1, Duration.between(Instant.now(), round).toMillis()),
                            TimeUnit.MILLISECONDS);
                    if (expected.equals(got)) {
                        seen[i] = true;
                        left--;
                        System.out.println("ok: " + names.get(i) + " got \"" + expected + "\"");
                    }
                }
            }
        }
    }

    private String instance(HttpClient client, URI base) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/instance")).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new CheckFailed("GET " + base.resolve("/instance") + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Joins the room as {@code name}; returns the lines it receives after the instance's greeting. */
    private BlockingQueue<String> join(HttpClient client, URI uri, String name, String instance) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        WebSocket socket = client.newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(uri, new Lines(lines)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        sockets.add(socket);
        open.add(() -> socket.abort());
        String greeting = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (greeting == null || !greeting.startsWith("# instance ")
                || (instance != null && !greeting.equals("# instance " + instance))) {
            throw new CheckFailed(uri + " greeted with " + greeting + ", expected # instance " + instance);
        }
        socket.sendText(name, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return lines;
    }

    /** The data lines of an event stream, read on a virtual thread. */
    private BlockingQueue<String> events(URI uri) throws Exception {
        HttpResponse<InputStream> response = tls.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new CheckFailed("GET " + uri + " answered " + response.statusCode());
        }
        open.add(response.body());
        BlockingQueue<String> data = new LinkedBlockingQueue<>();
        Thread.ofVirtual().name("check-events").start(() -> {
            try (Stream<String> lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
                    java.nio.charset.StandardCharsets.UTF_8)).lines()) {
                lines.filter(l -> l.startsWith("data: ")).forEach(l -> data.add(l.substring("data: ".length())));
            } catch (java.io.UncheckedIOException e) {
                data.add("# stream ended: " + e.getMessage());
            }
        });
        return data;
    }

    private static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws")).resolve("/ws");
    }

    private void closeAll() {
        for (AutoCloseable closeable : open) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.out.println("note: closing a client failed: " + e);
            }
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trusted.setCertificateEntry("cluster", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A step did not pass. */
    private static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message);
        }
    }

    /** Collects whole text messages into a queue; called by the client's threads, one message at a time. */
    private static final class Lines implements WebSocket.Listener {
        private final BlockingQueue<String> queue;
        private final StringBuilder partial = new StringBuilder();

        Lines(BlockingQueue<String> queue) {
            this.queue = queue;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                queue.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
