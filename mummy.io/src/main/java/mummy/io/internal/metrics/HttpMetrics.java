package mummy.io.internal.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import mummy.io.ServerMetrics;

/**
 * The request series of one IO loop, recorded by its IO thread as it takes each final answer
 * from the queue: the route template picks a row ({@link ConcurrentHashMap#get}, the template's
 * hash is cached in the string), method and protocol version an index into it, and the status a
 * short scan of the statuses seen there; then three single-writer {@link Histogram}s. No lock,
 * no CAS and no allocation once a series exists. A new series is published by a volatile store of
 * a copied array ({@link AtomicReferenceArray#set}), so a snapshot on another thread sees it whole.
 * The bounds are {@link ServerMetrics.Http}'s.
 *
 * <p>Threading: {@link #record} by the owning IO thread only; {@link #snapshot} from any thread.
 */
public final class HttpMetrics {

    /** RFC 9110 9.3 and RFC 5789; any other method is {@value ServerMetrics.Http#OTHER}. */
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
        "PATCH", ServerMetrics.Http.OTHER};
    private static final String[] VERSIONS = {"1.0", "1.1"};
    private static final RequestSeries[] NONE = new RequestSeries[0];

    private final ConcurrentHashMap<String, Row> rows = new ConcurrentHashMap<>();
    /** Series made so far (IO thread only). */
    private int seriesCount;
    private final RequestSeries overflow = new RequestSeries(ServerMetrics.Http.OTHER, 0, ServerMetrics.Http.OTHER,
            ServerMetrics.Http.OTHER);

    /** No series yet. */
    public HttpMetrics() {
    }

    /**
     * Owner only: counts one answered request.
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
        if (seriesCount >= ServerMetrics.Http.MAX_SERIES) {
            return overflow;
        }
        RequestSeries[] seen = row.cells.get(cell);
        RequestSeries[] grown = Arrays.copyOf(seen, seen.length + 1);
        grown[seen.length] = new RequestSeries(METHODS[method], status, row.route, VERSIONS[version]);
        row.cells.set(cell, grown); // a volatile store: a snapshot sees the series whole
        seriesCount++;
        return grown[seen.length];
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

    /**
     * The series of a server's loops, each loop's figures added to the others' of the same
     * method, status, route and version; at most {@link ServerMetrics.Http#MAX_SERIES} series,
     * the rest added to the one whose attributes are all {@value ServerMetrics.Http#OTHER}.
     *
     * @param loops each loop's series
     * @return the merged series
     */
    public static List<ServerMetrics.RequestSeries> snapshot(List<HttpMetrics> loops) {
        if (loops.size() == 1) {
            return loops.getFirst().snapshot();
        }
        Map<List<Object>, ServerMetrics.RequestSeries> merged = new LinkedHashMap<>();
        List<Object> other = List.of(ServerMetrics.Http.OTHER, 0, ServerMetrics.Http.OTHER, ServerMetrics.Http.OTHER);
        for (HttpMetrics loop : loops) {
            for (ServerMetrics.RequestSeries series : loop.snapshot()) {
                List<Object> key = List.of(series.method(), series.status(), series.route(), series.protocolVersion());
                if (!merged.containsKey(key) && merged.size() >= ServerMetrics.Http.MAX_SERIES) {
                    key = other;
                    series = new ServerMetrics.RequestSeries(ServerMetrics.Http.OTHER, 0, ServerMetrics.Http.OTHER,
                            ServerMetrics.Http.OTHER, series.duration(), series.requestBodySize(),
                            series.responseBodySize());
                }
                merged.merge(key, series, HttpMetrics::add);
            }
        }
        return List.copyOf(merged.values());
    }

    private static ServerMetrics.RequestSeries add(ServerMetrics.RequestSeries a, ServerMetrics.RequestSeries b) {
        return new ServerMetrics.RequestSeries(a.method(), a.status(), a.route(), a.protocolVersion(),
                add(a.duration(), b.duration()), add(a.requestBodySize(), b.requestBodySize()),
                add(a.responseBodySize(), b.responseBodySize()));
    }

    private static ServerMetrics.Histogram add(ServerMetrics.Histogram a, ServerMetrics.Histogram b) {
        List<Long> counts = new ArrayList<>(a.counts().size());
        for (int i = 0; i < a.counts().size(); i++) {
            counts.add(a.counts().get(i) + b.counts().get(i));
        }
        return new ServerMetrics.Histogram(a.bounds(), counts, a.sum() + b.sum());
    }

    /** {@return every series of this loop so far} */
    public List<ServerMetrics.RequestSeries> snapshot() {
        List<ServerMetrics.RequestSeries> all = new ArrayList<>();
        for (Row row : rows.values()) {
            for (int i = 0; i < row.cells.length(); i++) {
                for (RequestSeries series : row.cells.get(i)) {
                    all.add(series.snapshot());
                }
            }
        }
        if (overflow.count() > 0) {
            all.add(overflow.snapshot());
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
