package mummy.io.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import mummy.io.ServerMetrics;

/**
 * The request series of one server, found without a lock or an allocation once a series exists:
 * the route template picks a row ({@link ConcurrentHashMap#get}, the template's hash is cached
 * in the string), method and protocol version an index into it, and the status a short scan of
 * the statuses seen there. A new series is added by a compare-and-set of a copied array, so two
 * threads adding the same one keep one. The bounds are {@link ServerMetrics.Http}'s.
 *
 * <p>Threading: any thread.
 */
public final class HttpMetrics {

    /** RFC 9110 9.3 and RFC 5789; any other method is {@value ServerMetrics.Http#OTHER}. */
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
        "PATCH", ServerMetrics.Http.OTHER};
    private static final String[] VERSIONS = {"1.0", "1.1"};
    private static final RequestSeries[] NONE = new RequestSeries[0];

    private final ConcurrentHashMap<String, Row> rows = new ConcurrentHashMap<>();
    private final AtomicInteger seriesCount = new AtomicInteger();
    private final RequestSeries overflow = new RequestSeries(ServerMetrics.Http.OTHER, 0, ServerMetrics.Http.OTHER,
            ServerMetrics.Http.OTHER);
    /** Requests answered; {@code http.server.active_requests} is the IO thread's dispatched count minus this. */
    private final LongAdder answered = new LongAdder();

    /** No series yet. */
    public HttpMetrics() {
    }

    /**
     * Counts one answered request.
     *
     * @param method the request's method
     * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1
     * @param route the matched template, or null/empty when none
     * @param status the final status
     * @param nanos from the head parsed to the answer
     * @param requestBytes the request body's length
     * @param responseBytes the response body's length
     */
    public void record(String method, int minorVersion, String route, int status, long nanos, long requestBytes,
                       long responseBytes) {
        series(methodIndex(method), minorVersion == 0 ? 0 : 1, route == null ? "" : route, status)
                .record(nanos, requestBytes, responseBytes);
    }

    /** Counts a request handed to a handler as answered (for the active-requests gauge). */
    public void answered() {
        answered.increment();
    }

    /** {@return requests answered by handlers so far} */
    public long answeredCount() {
        return answered.sum();
    }

    private RequestSeries series(int method, int version, String route, int status) {
        Row row = rows.get(route);
        if (row == null) {
            row = rows.size() >= ServerMetrics.Http.MAX_ROUTES ? rows.computeIfAbsent(ServerMetrics.Http.OTHER, Row::new)
                    : rows.computeIfAbsent(route, Row::new);
        }
        int cell = method * VERSIONS.length + version;
        RequestSeries[] seen = row.cells.get(cell);
        for (RequestSeries series : seen) {
            if (series.status == status) {
                return series;
            }
        }
        return add(row, cell, method, version, status);
    }

    private RequestSeries add(Row row, int cell, int method, int version, int status) {
        while (true) {
            RequestSeries[] seen = row.cells.get(cell);
            for (RequestSeries series : seen) {
                if (series.status == status) {
                    return series; // NOTE: another thread added it meanwhile
                }
            }
            if (seriesCount.get() >= ServerMetrics.Http.MAX_SERIES) {
                return overflow;
            }
            RequestSeries[] grown = java.util.Arrays.copyOf(seen, seen.length + 1);
            grown[seen.length] = new RequestSeries(METHODS[method], status, row.route, VERSIONS[version]);
            if (row.cells.compareAndSet(cell, seen, grown)) {
                seriesCount.incrementAndGet();
                return grown[seen.length];
            }
        }
    }

    /** The index of a method in {@link #METHODS}; case-sensitive (RFC 9110 9.1). */
    static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "DELETE" -> 4;
            case "CONNECT" -> 5;
            case "OPTIONS" -> 6;
            case "TRACE" -> 7;
            case "PATCH" -> 8;
            default -> 9;
        };
    }

    /** {@return every series so far} */
    public List<ServerMetrics.RequestSeries> snapshot() {
        List<ServerMetrics.RequestSeries> all = new ArrayList<>();
        for (Row row : rows.values()) {
            for (int i = 0; i < row.cells.length(); i++) {
                for (RequestSeries series : row.cells.get(i)) {
                    all.add(series.snapshot());
                }
            }
        }
        ServerMetrics.RequestSeries folded = overflow.snapshot();
        if (folded.duration().count() > 0) {
            all.add(folded);
        }
        return all;
    }

    /** The series of one route: one small array of statuses per method and version. */
    private static final class Row {
        final String route;
        final AtomicReferenceArray<RequestSeries[]> cells = new AtomicReferenceArray<>(METHODS.length * VERSIONS.length);

        Row(String route) {
            this.route = route;
            for (int i = 0; i < cells.length(); i++) {
                cells.set(i, NONE);
            }
        }
    }
}
