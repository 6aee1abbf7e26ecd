package mummy.io.internal.metrics;

import mummy.io.ServerMetrics;

/**
 * The recording side of one {@link ServerMetrics.RequestSeries}: three histograms.
 *
 * <p>Threading: the owning IO thread records; see {@link Histogram}.
 */
final class RequestSeries {

    /** OpenTelemetry's advised buckets of {@code http.server.request.duration}, in nanoseconds. */
    static final long[] DURATION_BOUNDS = {5_000_000L, 10_000_000L, 25_000_000L, 50_000_000L, 75_000_000L,
        100_000_000L, 250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L, 2_500_000_000L, 5_000_000_000L,
        7_500_000_000L, 10_000_000_000L};
    /** Body sizes in bytes: 0, then powers of four from 64 B to 16 MiB. */
    static final long[] SIZE_BOUNDS = {0, 64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304,
        16_777_216};

    final String method;
    final int status;
    final String route;
    final String version;
    private final Histogram duration = new Histogram(DURATION_BOUNDS);
    private final Histogram requestBody = new Histogram(SIZE_BOUNDS);
    private final Histogram responseBody = new Histogram(SIZE_BOUNDS);

    RequestSeries(String method, int status, String route, String version) {
        this.method = method;
        this.status = status;
        this.route = route;
        this.version = version;
    }

    void record(long nanos, long requestBytes, long responseBytes) {
        duration.record(nanos);
        requestBody.record(requestBytes);
        responseBody.record(responseBytes);
    }

    /** {@return how many requests were counted} */
    long count() {
        return duration.count();
    }

    ServerMetrics.RequestSeries snapshot() {
        return new ServerMetrics.RequestSeries(method, status, route, version, duration.snapshot(1e9),
                requestBody.snapshot(1), responseBody.snapshot(1));
    }
}
