package mummy.metrics.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import mummy.api.Router;
import mummy.io.Metrics;
import mummy.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * What Micrometer's Prometheus registry writes of the bound meters, next to mummy.io's own
 * exposition ({@link Metrics#prometheus()}) of the same server: the same names and labels, less
 * the buckets.
 */
class PrometheusNamesTest {

    private final Metrics own = Metrics.create();
    private final Router router = Router.builder()
            .get("/items/@id", request -> request.respond(200, "item " + request.pathParams().get("id")))
            .get("/metrics", own.prometheus())
            .build();

    /** The names of the samples of an exposition: each line's text before its labels or value. */
    private static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
                names.add(line.substring(0, end));
            }
        }
        return names;
    }

    @Test
    void micrometersPrometheusNamesAreThoseOfTheServersOwnExposition() {
        try (TestServer server = TestServer.startWith(b -> b.handler(router).metrics(own).scheduler("virtual"));
             MummyMetrics metrics = MummyMetrics.builder(server.server()).snapshotMaxAge(Duration.ZERO).build()) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics.bindTo(registry);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, server.get("/items/" + i).status());
            }
            assertEquals(404, server.get("/nowhere").status());
            String exposition = server.get("/metrics").text();
            registry.scrape(); // sees the new series and registers their meters
            String scrape = registry.scrape();

            Set<String> extra = sampleNames(scrape);
            extra.removeAll(sampleNames(exposition));
            assertEquals(Set.of("mummy_http_request_body_bytes_total", "mummy_http_response_body_bytes_total"), extra,
                    "every other sample is one the server's own exposition has too:\n" + scrape);
            assertTrue(sampleNames(scrape).containsAll(Set.of("http_server_request_duration_seconds_count",
                    "http_server_request_duration_seconds_sum", "http_server_active_requests",
                    "mummy_connection_accepted_total", "mummy_connection_closed_total", "mummy_io_loop_time_seconds_total",
                    "mummy_websocket_io_bytes_total", "mummy_upload_received_bytes_total")), scrape);

            String labels = "{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/items/@id\","
                    + "network_protocol_version=\"1.1\"}";
            assertTrue(scrape.contains("\nhttp_server_request_duration_seconds_count" + labels + " 3\n"), scrape);
            assertTrue(exposition.contains("\nhttp_server_request_duration_seconds_count" + labels + " 3\n"), exposition);
            assertTrue(scrape.contains("\nmummy_http_response_body_bytes_total" + labels + " 18.0\n"), scrape);
            assertTrue(scrape.contains("# TYPE http_server_request_duration_seconds summary\n"),
                    "a FunctionTimer: count and sum, no buckets\n" + scrape);
        }
    }
}
