package mummy.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mummy.api.HttpHeaders;
import mummy.api.RequestHandler;
import mummy.api.Router;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Router#handle} with 50 routes of a typical application (literals, {@code @param},
 * {@code *}, globs and {@code **}, several methods), for a GET matching the first, the 25th and the
 * 50th route, and a miss (404, which scans the routes twice: once to match, once for 405). The
 * score includes splitting and decoding the path, the {@code Parameters} of a match and the
 * handler call. Baseline: a {@code HashMap} lookup of an exact path, what a literal-only router pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {

    /** The routes, as METHOD and pattern, in registration order. */
    static final List<String> ROUTES = List.of(
            "GET /", "GET /health", "GET /favicon.ico", "GET /robots.txt", "GET /login",
            "POST /login", "GET /logout", "GET /signup", "POST /signup", "GET /about",
            "GET /contact", "POST /contact", "GET /api/v1/status", "GET /api/v1/users", "POST /api/v1/users",
            "GET /api/v1/users/@id", "PUT /api/v1/users/@id", "DELETE /api/v1/users/@id",
            "GET /api/v1/users/@id/avatar", "GET /api/v1/users/@id/posts",
            "POST /api/v1/users/@id/posts", "GET /api/v1/users/@id/followers",
            "GET /api/v1/users/@id/following", "GET /api/v1/posts",
            "GET /api/v1/posts/@postId/comments/@commentId",
            "PUT /api/v1/posts/@postId/comments/@commentId", "GET /api/v1/posts/@postId",
            "PATCH /api/v1/posts/@postId", "DELETE /api/v1/posts/@postId", "GET /api/v1/tags/*",
            "GET /api/v1/search", "GET /api/v2/users/@id", "GET /api/v2/orders", "GET /api/v2/orders/@orderId",
            "POST /api/v2/orders/@orderId/cancel", "GET /api/v2/orders/@orderId/items/*",
            "GET /reports/*.csv", "GET /reports/*.json", "GET /exports/report_*", "GET /admin",
            "GET /admin/users", "GET /admin/users/@id", "POST /admin/users/@id/ban", "GET /admin/settings/**",
            "GET /blog", "GET /blog/@year/@month/@slug", "GET /feeds/*.xml", "GET /static/**",
            "GET /assets/*/**", "GET /docs/**/*.html");

    private static final byte[] NO_BODY = new byte[0];

    private Router router;
    private Map<String, RequestHandler> exact;
    private final FakeRequest first = new FakeRequest("GET", "/");
    private final FakeRequest middle = new FakeRequest("GET", "/api/v1/posts/42/comments/7");
    private final FakeRequest last = new FakeRequest("GET", "/docs/guide/http/server.html");
    private final FakeRequest miss = new FakeRequest("GET", "/api/v3/unknown/resource");
    private final FakeRequest exactHit = new FakeRequest("GET", "/health");

    /**
     * Builds the router, route {@code i} answering status {@code 200 + i}, and checks that each
     * request reaches the route it is meant to.
     *
     * @throws Exception if a handler fails (a bug in the benchmark)
     */
    @Setup
    public void setUp() throws Exception {
        if (ROUTES.size() != 50) {
            throw new IllegalStateException("50 routes expected, got " + ROUTES.size());
        }
        Router.Builder builder = Router.builder();
        exact = new HashMap<>();
        for (int i = 0; i < ROUTES.size(); i++) {
            int status = 200 + i;
            String[] route = ROUTES.get(i).split(" ");
            RequestHandler handler = request -> request.respond(status, HttpHeaders.empty(), NO_BODY);
            builder.route(route[0], route[1], handler);
            exact.putIfAbsent(route[1], handler);
        }
        router = builder.build();
        expect(route(first), 200);
        expect(route(middle), 224);
        expect(route(last), 249);
        expect(route(miss), 404);
        expect(exactMapLookup(), 201);
    }

    private static void expect(int status, int expected) {
        if (status != expected) {
            throw new IllegalStateException("status " + status + ", expected " + expected);
        }
    }

    private int route(FakeRequest request) throws Exception {
        router.handle(request);
        return request.status();
    }

    /**
     * {@code GET /}: the first route.
     *
     * @return the status, 200
     * @throws Exception never
     */
    @Benchmark
    public int matchFirst() throws Exception {
        return route(first);
    }

    /**
     * {@code GET /api/v1/posts/42/comments/7}: the 25th route, two {@code @param}s.
     *
     * @return the status, 224
     * @throws Exception never
     */
    @Benchmark
    public int matchMiddle() throws Exception {
        return route(middle);
    }

    /**
     * {@code GET /docs/guide/http/server.html}: the 50th route, {@code /docs/**}{@code /*.html}.
     *
     * @return the status, 249
     * @throws Exception never
     */
    @Benchmark
    public int matchLast() throws Exception {
        return route(last);
    }

    /**
     * {@code GET /api/v3/unknown/resource}: no route, the default 404.
     *
     * @return the status, 404
     * @throws Exception never
     */
    @Benchmark
    public int miss() throws Exception {
        return route(miss);
    }

    /**
     * Baseline: {@code HashMap.get} of an exact path and the handler call, no splitting or decoding.
     *
     * @return the status, 201
     * @throws Exception never
     */
    @Benchmark
    public int exactMapLookup() throws Exception {
        exact.get(exactHit.target()).handle(exactHit);
        return exactHit.status();
    }
}
