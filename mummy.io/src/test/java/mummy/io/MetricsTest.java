package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mummy.api.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server.metrics() and its Prometheus exposition after real traffic through sockets. */
class MetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern COUNT = Pattern.compile(
            "^http_server_request_duration_seconds_count\\{([^}]*)} (\\d+)$", Pattern.MULTILINE);

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final Metrics metrics = Metrics.create();
    private Server server;
    private int port;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private void start(Server.Builder builder) {
        Router router = Router.builder()
                .get("/items/@id", request -> request.respond(200, "item " + request.pathParams().get("id")))
                .post("/items", request -> request.respond(201, "made " + request.body().length))
                .get("/fail", request -> {
                    throw new IllegalStateException("failing on purpose");
                })
                .get("/wait", request -> {
                    entered.countDown();
                    release.await();
                    request.respond(200, "done");
                })
                .get("/stream", request -> {
                    try (mummy.api.ResponseStream stream = request.respondStream(200, mummy.api.HttpHeaders.empty())) {
                        stream.write(new byte[300]);
                        stream.write(new byte[700]);
                    }
                })
                .get("/metrics", metrics.prometheus())
                .build();
        server = builder.handler(router).metrics(metrics).scheduler("virtual").build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @Test
    void scrapeCountsEveryRequestPerMethodStatusAndRoute() throws IOException {
        start(Server.builder());
        try (RawClient pipelined = new RawClient(port); RawClient single = new RawClient(port)) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 7; i++) {
                burst.append("GET /items/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            pipelined.send(burst.toString());
            for (int i = 0; i < 7; i++) {
                assertEquals(200, pipelined.read().status());
            }
            for (int i = 0; i < 3; i++) {
                single.send("POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
                assertEquals(201, single.read().status());
            }
            for (int i = 0; i < 2; i++) {
                single.send("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(500, single.read().status());
            }
            for (int i = 0; i < 4; i++) {
                single.send("GET /nowhere/" + i + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                assertEquals(404, single.read().status());
            }
            single.send("BREW /items HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(405, single.read().status());

            single.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response scrape = single.read();
            assertEquals(200, scrape.status());
            assertEquals(Metrics.PROMETHEUS_CONTENT_TYPE, scrape.header("Content-Type"));

            Map<String, Long> counts = counts(scrape.text());
            assertEquals(Map.of(
                    "GET 200 /items/@id 1.1", 7L,
                    "POST 201 /items 1.1", 3L,
                    "GET 500 /fail 1.1", 2L,
                    "GET 404 - 1.0", 4L,
                    "_OTHER 405 - 1.1", 1L), counts, scrape.text());
            assertTrue(scrape.text().contains("http_server_request_body_size_bytes_sum{http_request_method=\"POST\","
                    + "http_response_status_code=\"201\",http_route=\"/items\",network_protocol_version=\"1.1\"} 15\n"),
                    scrape.text());
            assertTrue(scrape.text().contains("http_server_request_duration_seconds_bucket{http_request_method=\"GET\","
                    + "http_response_status_code=\"200\",http_route=\"/items/@id\",network_protocol_version=\"1.1\","
                    + "le=\"+Inf\"} 7\n"), scrape.text());
            assertTrue(scrape.text().contains("\nmummy_connection_accepted_total 2\n"), scrape.text());
            assertTrue(scrape.text().contains("# TYPE http_server_request_duration_seconds histogram\n"));
        }
    }

    @Test
    void durationBucketsAreOpenTelemetrysAndCumulative() throws IOException {
        start(Server.builder());
        try (RawClient client = new RawClient(port)) {
            client.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, client.read().status());
        }
        ServerMetrics.RequestSeries series = server.metrics().http().requests().getFirst();
        assertEquals(List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0),
                series.duration().bounds());
        assertEquals(1, series.duration().count());
        String text = PrometheusText.write(server.metrics());
        long previous = -1;
        Matcher bucket = Pattern.compile("^http_server_request_duration_seconds_bucket\\{[^}]*le=\"([^\"]+)\"} (\\d+)$",
                Pattern.MULTILINE).matcher(text);
        int buckets = 0;
        while (bucket.find()) {
            long count = Long.parseLong(bucket.group(2));
            assertTrue(count >= previous, "buckets are cumulative: " + text);
            previous = count;
            buckets++;
        }
        assertEquals(15, buckets, text);
        assertEquals(1, previous);
        assertTrue(text.contains("le=\"0.005\"") && text.contains("le=\"10\"") && text.contains("le=\"0.075\""), text);
    }

    @Test
    void activeRequestsCountHandlersNotAnsweredYet() throws Exception {
        start(Server.builder());
        try (RawClient waiting = new RawClient(port)) {
            waiting.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
            entered.await();
            assertEquals(1, server.metrics().http().activeRequests());
            release.countDown();
            assertEquals(200, waiting.read().status());
            assertEquals(0, server.metrics().http().activeRequests());
        }
    }

    @Test
    void connectionsAreCountedByCloseReason() throws IOException {
        start(Server.builder());
        try (RawClient client = new RawClient(port)) {
            client.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, client.read().status());
        }
        try (RawClient closing = new RawClient(port)) {
            closing.send("GET /items/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(200, closing.read().status());
            assertTrue(closing.closedByServer());
        }
        try (RawClient broken = new RawClient(port)) {
            broken.send("GET /items/3 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
            assertEquals(400, broken.read().status());
            assertTrue(broken.closedByServer());
        }
        Await.until("three connections closed", WAIT, () -> server.metrics().connections().open() == 0
                && server.metrics().connections().closed().values().stream().mapToLong(Long::longValue).sum() == 3);
        ServerMetrics.Connections connections = server.metrics().connections();
        assertEquals(3, connections.accepted());
        assertEquals(1, connections.closed().get(ServerMetrics.CloseReason.CLIENT_CLOSED));
        assertEquals(1, connections.closed().get(ServerMetrics.CloseReason.COMPLETED));
        assertEquals(1, connections.closed().get(ServerMetrics.CloseReason.PROTOCOL_ERROR));
        List<ServerMetrics.RequestSeries> refused = server.metrics().http().requests().stream()
                .filter(s -> s.status() == 400).toList();
        assertEquals(1, refused.size());
        assertEquals(ServerMetrics.Http.OTHER, refused.getFirst().method());
        assertEquals("", refused.getFirst().route());
    }

    @Test
    void theIoLoopReportsItsTurnsAndTheSchedulerItsName() throws IOException {
        start(Server.builder().ioThreads(1)); // one loop, named as the setting; MultipleIoLoopsTest has two
        try (RawClient client = new RawClient(port)) {
            client.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, client.read().status());
        }
        // A turn is counted as it ends, after the write that answered the client: wait for that turn.
        Await.until("the turn that took the response counted", WAIT,
                () -> server.metrics().ioLoops().getFirst().commands() >= 1);
        ServerMetrics snapshot = server.metrics();
        ServerMetrics.IoLoop loop = snapshot.ioLoops().getFirst();
        assertEquals("mummy-io", loop.name());
        assertTrue(loop.turns() > 0 && loop.events() >= 2 && loop.commands() >= 1, loop.toString());
        assertEquals(loop.turns(), loop.eventsPerTurn().count());
        assertTrue(loop.waitSeconds() > 0 && loop.workSeconds() > 0, loop.toString());
        assertEquals("virtual", snapshot.scheduler().name());
    }

    @Test
    void aStreamedResponseCountsTheBytesItsHandlerWrote() throws IOException {
        start(Server.builder());
        try (RawClient client = new RawClient(port)) {
            client.send("GET /stream HTTP/1.0\r\n\r\n");
            assertEquals(1000, client.read().body().length);
        }
        Await.until("the stream is metered", WAIT,
                () -> server.metrics().http().requests().stream().anyMatch(s -> s.route().equals("/stream")));
        ServerMetrics.RequestSeries series = server.metrics().http().requests().stream()
                .filter(s -> s.route().equals("/stream")).findFirst().orElseThrow();
        assertEquals(1, series.responseBodySize().count());
        assertEquals(1000.0, series.responseBodySize().sum());
    }

    @Test
    void metricsOffCountsNothing() throws IOException {
        start(Server.builder().collectMetrics(false));
        try (RawClient client = new RawClient(port)) {
            client.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, client.read().status());
        }
        ServerMetrics snapshot = server.metrics();
        assertEquals(List.of(), snapshot.http().requests());
        assertEquals(0, snapshot.connections().accepted());
        assertEquals(0, snapshot.ioLoops().getFirst().turns());
    }

    /** {@code "METHOD STATUS ROUTE VERSION" -> count} of every duration series ({@code -} for no route). */
    static Map<String, Long> counts(String exposition) {
        Map<String, Long> counts = new HashMap<>();
        Matcher line = COUNT.matcher(exposition);
        while (line.find()) {
            Map<String, String> labels = new HashMap<>();
            for (String pair : line.group(1).split(",")) {
                int eq = pair.indexOf('=');
                labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
            }
            counts.put(labels.get("http_request_method") + " " + labels.get("http_response_status_code") + " "
                    + labels.getOrDefault("http_route", "-") + " " + labels.get("network_protocol_version"),
                    Long.parseLong(line.group(2)));
        }
        return counts;
    }
}
