package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mummy.io.Metrics;
import mummy.testing.TestResponse;
import mummy.testing.TestServer;
import org.junit.jupiter.api.Test;

/** EchoServer's GET /metrics after traffic: the counts per status and route are exact. */
class EchoServerMetricsTest {

    private static final Pattern COUNT = Pattern.compile(
            "^http_server_request_duration_seconds_count\\{([^}]*)} (\\d+)$", Pattern.MULTILINE);

    @Test
    void metricsCountEveryRequestPerStatusAndRoute() {
        Metrics metrics = Metrics.create();
        try (TestServer server = TestServer.startWith(builder -> builder.handler(EchoServer.router(metrics))
                .metrics(metrics).webSocketHandler(EchoServer::echo).scheduler("virtual"))) {
            for (int i = 0; i < 20; i++) {
                assertEquals(200, server.get("/").status());
            }
            for (int i = 0; i < 5; i++) {
                assertEquals("body " + i, server.post("/echo", "body " + i).text());
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(404, server.get("/nowhere/" + i).status());
            }
            assertEquals(200, server.get("/readyz").status());

            TestResponse scrape = server.get("/metrics");
            assertEquals(200, scrape.status());
            assertEquals(Metrics.PROMETHEUS_CONTENT_TYPE, scrape.header("Content-Type"));
            assertEquals(Map.of("GET 200 /", 20L, "POST 200 /echo", 5L, "GET 404 -", 3L, "GET 200 /readyz", 1L),
                    counts(scrape.text()), scrape.text());
            assertTrue(scrape.text().contains("\nhttp_server_active_requests 1\n"), scrape.text()); // the scrape
        }
    }

    /** {@code "METHOD STATUS ROUTE" -> count} of the duration series ({@code -} for no route). */
    private static Map<String, Long> counts(String exposition) {
        Map<String, Long> counts = new HashMap<>();
        Matcher line = COUNT.matcher(exposition);
        while (line.find()) {
            Map<String, String> labels = new HashMap<>();
            for (String pair : line.group(1).split(",")) {
                int eq = pair.indexOf('=');
                labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
            }
            counts.merge(labels.get("http_request_method") + " " + labels.get("http_response_status_code") + " "
                    + labels.getOrDefault("http_route", "-"), Long.parseLong(line.group(2)), Long::sum);
        }
        return counts;
    }
}
