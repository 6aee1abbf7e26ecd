package mummy.benchmarks.db;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.benchmarks.dbcommon.DbSettings;
import mummy.benchmarks.dbcommon.Fortune;
import mummy.benchmarks.dbcommon.JdbcDatabase;
import mummy.benchmarks.dbcommon.World;
import mummy.io.Server;

/**
 * TechEmpower's single query ({@code GET /db}: a random {@code world} row as JSON) and fortunes
 * ({@code GET /fortunes}: the HTML page of every {@code fortune} row plus one) on Mummy, written as
 * a Mummy user writes a handler that reads a database: plain blocking JDBC ({@link JdbcDatabase},
 * a HikariCP pool of pgjdbc connections, prepared statements) straight in the handler. The
 * scheduler decides what that blocking costs: "pool" (10 × cores platform threads, more than the
 * connections, so a request waits for a connection in HikariCP, not for a thread), "forkjoin"
 * (handlers run as managed blockers: the pool adds spare workers while they wait) or "virtual" (one
 * virtual thread per request, parked while it waits). {@code GET /} answers {@code Hello, World!}.
 *
 * <p>Arguments: {@code --port N} (0 = ephemeral, default 8080), {@code --host H} (default
 * 127.0.0.1), {@code --scheduler NAME}, {@code --db-url URL} (required), {@code --db-pool N}
 * ({@link DbSettings}). Prints {@code listening on HOST:PORT} once it accepts connections, after
 * the pool has connected; stops on SIGTERM.
 */
public final class DbServer {

    private static final HttpHeaders TEXT = HttpHeaders.of("Content-Type", "text/plain");
    private static final HttpHeaders JSON = HttpHeaders.of("Content-Type", World.CONTENT_TYPE);
    private static final HttpHeaders HTML = HttpHeaders.of("Content-Type", Fortune.CONTENT_TYPE);
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private DbServer() {
    }

    /**
     * The routes over {@code database}.
     *
     * @param database the open pool
     * @return the router
     */
    static Router router(JdbcDatabase database) {
        return Router.builder()
                .get("/", request -> request.respond(200, TEXT, HELLO))
                .get("/db", request -> request.respond(200, JSON, database.randomWorld().json()))
                .get("/fortunes", request -> request.respond(200, HTML, database.fortunesPage()))
                .build();
    }

    /**
     * Starts the server.
     *
     * @param args the options above
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "8080"));
        String scheduler = option(args, "--scheduler", null);
        DbSettings settings = DbSettings.parse(args);
        if (!settings.enabled()) {
            throw new IllegalArgumentException("--db-url URL is required (benchmarks/lib/postgres.sh start prints one)");
        }
        JdbcDatabase database = JdbcDatabase.open(settings);
        Server.Builder builder = Server.builder().handler(router(database));
        if (scheduler != null) {
            builder.scheduler(scheduler);
        }
        Server server = builder.build();
        InetSocketAddress bound = server.start(new InetSocketAddress(host, port)).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.close();
            database.close();
        }));
        System.out.println("listening on " + host + ":" + bound.getPort());
        System.out.flush();
        server.awaitTermination();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
