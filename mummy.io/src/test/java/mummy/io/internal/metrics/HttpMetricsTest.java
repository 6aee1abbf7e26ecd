package mummy.io.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import mummy.io.ServerMetrics;
import org.junit.jupiter.api.Test;

/** The request series' attributes and their bounds. */
class HttpMetricsTest {

    @Test
    void anUnknownMethodIsCountedAsOther() {
        HttpMetrics http = new HttpMetrics();
        http.record("BREW", 1, "/pot", 418, 1_000, 0, 0);
        http.record("get", 1, "/pot", 418, 1_000, 0, 0); // methods are case-sensitive (RFC 9110 9.1)
        ServerMetrics.RequestSeries series = http.snapshot().getFirst();
        assertEquals(ServerMetrics.Http.OTHER, series.method());
        assertEquals(2, series.duration().count());
        assertEquals(1, http.snapshot().size());
    }

    @Test
    void routesPastTheBoundAreCountedAsOther() {
        HttpMetrics http = new HttpMetrics();
        int routes = ServerMetrics.Http.MAX_ROUTES + 44;
        for (int i = 0; i < routes; i++) {
            http.record("GET", 1, "/r" + i, 200, 1_000, 0, 0);
        }
        List<ServerMetrics.RequestSeries> all = http.snapshot();
        Set<String> seen = all.stream().map(ServerMetrics.RequestSeries::route).collect(Collectors.toSet());
        assertEquals(ServerMetrics.Http.MAX_ROUTES + 1, seen.size());
        ServerMetrics.RequestSeries other = all.stream().filter(s -> s.route().equals(ServerMetrics.Http.OTHER))
                .findFirst().orElseThrow();
        assertEquals(44, other.duration().count());
        assertEquals(routes, all.stream().mapToLong(s -> s.duration().count()).sum());
    }

    @Test
    void seriesPastTheBoundFoldIntoOneOverflowSeries() {
        HttpMetrics http = new HttpMetrics();
        int requests = ServerMetrics.Http.MAX_SERIES + 100;
        for (int i = 0; i < requests; i++) {
            http.record("GET", 1, "/r" + (i % 100), 100 + i / 100, 1_000, 0, 0); // all distinct
        }
        List<ServerMetrics.RequestSeries> all = http.snapshot();
        assertEquals(ServerMetrics.Http.MAX_SERIES + 1, all.size());
        ServerMetrics.RequestSeries overflow = all.getLast();
        assertEquals(List.of(ServerMetrics.Http.OTHER, 0, ServerMetrics.Http.OTHER, ServerMetrics.Http.OTHER),
                List.of(overflow.method(), overflow.status(), overflow.route(), overflow.protocolVersion()));
        assertEquals(100, overflow.duration().count());
    }

    @Test
    void valuesFallIntoTheFirstBucketAtOrAboveThem() {
        Histogram histogram = new Histogram(new long[] {10, 20});
        for (long value : new long[] {0, 10, 11, 20, 21, 1_000}) {
            histogram.record(value);
        }
        ServerMetrics.Histogram snapshot = histogram.snapshot(1);
        assertEquals(List.of(2L, 2L, 2L), snapshot.counts());
        assertEquals(1_062.0, snapshot.sum());
    }

    @Test
    void durationsAreInSecondsWithOpenTelemetrysBounds() {
        HttpMetrics http = new HttpMetrics();
        http.record("GET", 0, "/", 200, 7_000_000, 3, 4); // 7 ms: the 0.01 bucket
        ServerMetrics.RequestSeries series = http.snapshot().getFirst();
        assertEquals("1.0", series.protocolVersion());
        assertEquals(0.007, series.duration().sum(), 1e-12);
        assertEquals(1L, series.duration().counts().get(1));
        assertEquals(3.0, series.requestBodySize().sum());
        assertEquals(4.0, series.responseBodySize().sum());
    }
}
