package mummy.io;

import java.nio.charset.StandardCharsets;
import mummy.api.HttpHeaders;
import mummy.api.RequestHandler;

/**
 * A view of one server's metrics and health, made before the server so that its handlers can be
 * routed with the others, then bound with {@link Server.Builder#metrics}:
 *
 * <pre>{@code
 * Metrics metrics = Metrics.create();
 * Router router = Router.builder()
 *     .get("/metrics", metrics.prometheus())
 *     .get("/healthz", metrics.readiness())
 *     .get("/readyz", metrics.readiness())
 *     ...
 *     .build();
 * Server server = Server.builder().handler(router).metrics(metrics).build();
 * }</pre>
 *
 * <p>Threading: any thread; the handlers run on workers like any other.
 */
public final class Metrics {

    /** The content type of Prometheus' text exposition format 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final HttpHeaders PROMETHEUS = HttpHeaders.of("Content-Type", PROMETHEUS_CONTENT_TYPE,
            "Cache-Control", "no-store");
    private static final HttpHeaders TEXT = HttpHeaders.of("Content-Type", "text/plain; charset=utf-8",
            "Cache-Control", "no-store");
    private static final byte[] READY = "ready\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DRAINING = "draining\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_STARTED = "not started\n".getBytes(StandardCharsets.US_ASCII);

    private final Object lock = new Object();
    private volatile Server server;

    private Metrics() {
    }

    /**
     * A view bound to no server yet.
     *
     * @return the view
     */
    public static Metrics create() {
        return new Metrics();
    }

    /** Called by {@link Server.Builder#build}: this view reports on {@code target} from now on. */
    void bind(Server target) {
        synchronized (lock) {
            if (server != null) {
                throw new IllegalStateException("this Metrics view is bound to another server already");
            }
            server = target;
        }
    }

    /**
     * The bound server's metrics now.
     *
     * @return the snapshot
     * @throws IllegalStateException if no server was built with this view
     */
    public ServerMetrics snapshot() {
        Server bound = server;
        if (bound == null) {
            throw new IllegalStateException("no server was built with this Metrics view (Server.Builder.metrics)");
        }
        return bound.metrics();
    }

    /**
     * A handler answering with the bound server's metrics in Prometheus' text exposition format
     * 0.0.4, named as the OpenTelemetry Prometheus exporter names OpenTelemetry metrics: dots become
     * underscores, the unit is a suffix ({@code _seconds}, {@code _bytes}), counters end in
     * {@code _total}; so {@code http.server.request.duration} is
     * {@code http_server_request_duration_seconds_bucket{http_request_method="GET",...}}, with
     * {@code _sum} and {@code _count}. The README's "Operating it" lists every name. 503 while no
     * server is bound.
     *
     * @return the handler, for {@code GET /metrics}
     */
    public RequestHandler prometheus() {
        return request -> {
            Server bound = server;
            if (bound == null) {
                request.respond(503, TEXT, NOT_STARTED);
                return;
            }
            request.respond(200, PROMETHEUS, PrometheusText.write(bound.metrics()).getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * A handler for {@code /healthz} and {@code /readyz}: 200 {@code ready} while the server
     * {@link Server#isReady() is ready}; 503 {@code draining} from the moment graceful shutdown
     * begins ({@link Server#isDraining()}), so that a load balancer stops sending new requests
     * while those in flight finish; 503 {@code not started} before the server listens.
     *
     * @return the handler
     */
    public RequestHandler readiness() {
        return request -> {
            Server bound = server;
            if (bound != null && bound.isReady()) {
                request.respond(200, TEXT, READY);
            } else {
                request.respond(503, TEXT, bound != null && bound.isDraining() ? DRAINING : NOT_STARTED);
            }
        };
    }
}
