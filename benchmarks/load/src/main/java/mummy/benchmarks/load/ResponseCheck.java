package mummy.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks a server's answers before it is loaded, because wrk only counts status codes: exact
 * bodies of {@code GET /}, {@code GET /sleep} and a 4 KiB {@code POST /echo}, sixteen pipelined
 * {@code GET /} answered in order, and the WebSocket echo on {@code /ws}.
 *
 * <p>Options: {@code --host} (127.0.0.1), {@code --port}, {@code --scope} ({@code full}, or
 * {@code hello} for a server that only serves {@code /}, or {@code db} for a server of the
 * database workloads). Prints two lines:
 * {@code http=ok} or {@code http=failed WHAT}, and {@code ws=ok}, {@code ws=absent WHAT} (the
 * upgrade was answered with something other than 101) or {@code ws=failed WHAT} ({@code ws=n/a}
 * for scope hello); for scope db one line, {@code db=ok} or {@code db=failed WHAT}
 * ({@link DbCheck}: {@value #DB_QUERIES} {@code GET /db} on one connection, at least two distinct
 * rows among them, and {@value #FORTUNES_PAGES} {@code GET /fortunes}). Exits 0 whatever it
 * found; the caller reads the lines.
 */
public final class ResponseCheck {

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int PIPELINE_DEPTH = 16;
    private static final int DB_QUERIES = 20;
    private static final int FORTUNES_PAGES = 3;

    private ResponseCheck() {
    }

    /**
     * Runs the checks.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        Options options = Options.parse(args, Set.of("host", "port", "scope"));
        InetSocketAddress server = new InetSocketAddress(options.string("host", "127.0.0.1"), options.integer("port", 8080));
        String scope = options.string("scope", "full");
        if (scope.equals("db")) {
            String db = checked(() -> database(server));
            System.out.println(db == null ? "db=ok" : "db=failed " + db);
            return;
        }
        boolean full = scope.equals("full");
        String http = checked(() -> http(server, full));
        System.out.println(http == null ? "http=ok" : "http=failed " + http);
        if (!full) {
            System.out.println("ws=n/a");
            return;
        }
        String[] absent = new String[1];
        String ws = checked(() -> webSocket(server, absent));
        System.out.println(absent[0] != null ? "ws=absent " + absent[0] : ws == null ? "ws=ok" : "ws=failed " + ws);
    }

    private interface Check {
        String run() throws IOException;
    }

    private static String checked(Check check) {
        try {
            return check.run();
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    private static String http(InetSocketAddress server, boolean full) throws IOException {
        try (Client client = Client.connect(server, TIMEOUT_MILLIS)) {
            String problem = expect("GET /", client.exchange("GET", "/", null), Client.HELLO);
            if (problem != null || !full) {
                return problem != null ? problem : pipelined(server);
            }
            problem = expect("GET /sleep", client.exchange("GET", "/sleep", null), ResponseReader.ascii("ok"));
            if (problem != null) {
                return problem;
            }
            byte[] body = new byte[4096];
            ThreadLocalRandom.current().nextBytes(body);
            problem = expect("POST /echo (4 KiB)", client.exchange("POST", "/echo", body), body);
            if (problem != null) {
                return problem;
            }
        }
        return pipelined(server);
    }

    private static String database(InetSocketAddress server) throws IOException {
        try (Client client = Client.connect(server, TIMEOUT_MILLIS)) {
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < DB_QUERIES; i++) {
                HttpResponse response = client.exchange("GET", "/db", null);
                String problem = DbCheck.world(response);
                if (problem != null) {
                    return "GET /db: " + problem;
                }
                ids.add(DbCheck.worldId(response));
            }
            if (ids.size() < 2) {
                return "GET /db: " + DB_QUERIES + " answers, all of row " + ids.iterator().next() + " (not random)";
            }
            for (int i = 0; i < FORTUNES_PAGES; i++) {
                String problem = DbCheck.fortunes(client.exchange("GET", "/fortunes", null));
                if (problem != null) {
                    return "GET /fortunes: " + problem;
                }
            }
            return null;
        }
    }

    private static String pipelined(InetSocketAddress server) throws IOException {
        try (Client client = Client.connect(server, TIMEOUT_MILLIS)) {
            byte[] one = client.request("GET", "/", null);
            byte[] all = new byte[one.length * PIPELINE_DEPTH];
            for (int i = 0; i < PIPELINE_DEPTH; i++) {
                System.arraycopy(one, 0, all, i * one.length, one.length);
            }
            client.write(all);
            for (int i = 0; i < PIPELINE_DEPTH; i++) {
                String problem = expect("pipelined GET / " + (i + 1) + " of " + PIPELINE_DEPTH, client.next(), Client.HELLO);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
    }

    private static String webSocket(InetSocketAddress server, String[] absent) throws IOException {
        try (Client client = Client.connect(server, TIMEOUT_MILLIS)) {
            String problem = client.upgrade("/ws");
            if (problem != null && problem.startsWith("status ") && !problem.equals("status 101")) {
                absent[0] = "(upgrade on /ws answered with " + problem + ")";
                return null;
            }
            if (problem != null) {
                return "upgrade: " + problem;
            }
            for (int size : new int[] {64, 4096}) {
                problem = client.echoBinary(size);
                if (problem != null) {
                    return size + "-byte message: " + problem;
                }
            }
            return null;
        }
    }

    private static String expect(String what, HttpResponse response, byte[] body) {
        if (response.status() != 200) {
            return what + ": status " + response.status();
        }
        int differs = Arrays.mismatch(body, response.body());
        return differs < 0 ? null : what + ": body of " + response.body().length + " bytes differs at byte " + differs;
    }
}
