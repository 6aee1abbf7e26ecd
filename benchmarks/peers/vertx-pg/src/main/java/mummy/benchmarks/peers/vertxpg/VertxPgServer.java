package mummy.benchmarks.peers.vertxpg;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mummy.benchmarks.dbcommon.DbSettings;
import mummy.benchmarks.dbcommon.Fortune;
import mummy.benchmarks.dbcommon.World;

/**
 * TechEmpower's single query ({@code GET /db}) and fortunes ({@code GET /fortunes}) on Vert.x 5 with
 * its reactive PostgreSQL client, as Vert.x's manuals set them up: event-loop verticles owning an
 * {@code HttpServer}, one instance per core (as the vertx peer), and one {@code Pool} of
 * {@code --db-pool} connections shared by them, prepared statements cached per connection; every
 * query is non-blocking on the event loop, no worker thread is involved. {@code GET /} answers
 * {@code Hello, World!}.
 *
 * <p>Arguments: {@code --port N} (0 = ephemeral), {@code --host H} (default 127.0.0.1),
 * {@code --db-url URL} (required), {@code --db-pool N} ({@link DbSettings}). Prints
 * {@code listening on HOST:PORT} when ready; stops on SIGTERM.
 */
public final class VertxPgServer extends VerticleBase {

    private static final Buffer HELLO = Buffer.buffer("Hello, World!");
    private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain");
    private static final CharSequence JSON = HttpHeaders.createOptimized(World.CONTENT_TYPE);
    private static final CharSequence HTML = HttpHeaders.createOptimized(Fortune.CONTENT_TYPE);

    private final String host;
    private final int port;
    private final AtomicInteger bound;
    private final Pool database;

    private VertxPgServer(String host, int port, AtomicInteger bound, Pool database) {
        this.host = host;
        this.port = port;
        this.bound = bound;
        this.database = database;
    }

    /**
     * Starts the server.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "8080"));
        DbSettings settings = DbSettings.parse(args);
        if (!settings.enabled()) {
            throw new IllegalArgumentException("--db-url URL is required (benchmarks/lib/postgres.sh start prints one)");
        }
        Vertx vertx = Vertx.vertx();
        Pool database = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(settings.poolSize()))
                .connectingTo(PgConnectOptions.fromUri(settings.uri()).setCachePreparedStatements(true))
                .using(vertx)
                .build();
        int instances = Runtime.getRuntime().availableProcessors();
        AtomicInteger bound = new AtomicInteger();
        vertx.deployVerticle(() -> new VertxPgServer(host, port, bound, database), new DeploymentOptions().setInstances(instances))
                .await();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            database.close().await();
            vertx.close().await();
        }));
        System.out.println("listening on " + host + ":" + bound.get());
        System.out.flush();
    }

    @Override
    public Future<?> start() {
        // Instances share one listening socket (Vert.x server sharing); note the port it got.
        return vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(port, host)
                .onSuccess(listening -> bound.compareAndSet(0, listening.actualPort()));
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (!request.method().equals(HttpMethod.GET)) {
            request.response().setStatusCode(405).end();
        } else if (path.equals("/db")) {
            database.preparedQuery(World.QUERY_PG).execute(Tuple.of(World.randomId()))
                    .map(VertxPgServer::world)
                    .onComplete(done -> respond(request, JSON, done.succeeded() ? done.result() : null, done.cause()));
        } else if (path.equals("/fortunes")) {
            database.preparedQuery(Fortune.QUERY).execute()
                    .map(VertxPgServer::fortunes)
                    .onComplete(done -> respond(request, HTML, done.succeeded() ? done.result() : null, done.cause()));
        } else if (path.equals("/")) {
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end(HELLO);
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private static byte[] world(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        return new World(row.getInteger(0), row.getInteger(1)).json();
    }

    private static byte[] fortunes(RowSet<Row> rows) {
        List<Fortune> fortunes = new ArrayList<>(16);
        for (Row row : rows) {
            fortunes.add(new Fortune(row.getInteger(0), row.getString(1)));
        }
        return Fortune.page(fortunes);
    }

    private static void respond(HttpServerRequest request, CharSequence type, byte[] body, Throwable error) {
        if (body == null) {
            System.err.println("query failed: " + error);
            request.response().setStatusCode(500).end();
        } else {
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, type).end(Buffer.buffer(body));
        }
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
