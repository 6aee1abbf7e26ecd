package mummy.io;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ServerMetrics} in Prometheus' text exposition format 0.0.4: per family a
 * {@code # HELP} and a {@code # TYPE} line, then one sample per line; histograms as cumulative
 * {@code _bucket{le="…"}} samples ending in {@code le="+Inf"}, then {@code _sum} and {@code _count}.
 * Names follow the OpenTelemetry Prometheus exporter: {@code .} becomes {@code _}, the unit is a
 * suffix ({@code s} → {@code _seconds}, {@code By} → {@code _bytes}; curly-brace units such as
 * {@code {request}} add none), and a counter ends in {@code _total}. Attributes become labels the
 * same way ({@code http.request.method} → {@code http_request_method}); an empty route is left out.
 *
 * <p>Threading: stateless.
 */
final class PrometheusText {

    private final StringBuilder out = new StringBuilder(8192);

    private PrometheusText() {
    }

    /**
     * The exposition of a snapshot.
     *
     * @param metrics the snapshot
     * @return the text, lines ending in LF
     */
    static String write(ServerMetrics metrics) {
        PrometheusText text = new PrometheusText();
        text.http(metrics.http());
        text.connections(metrics.connections());
        text.webSockets(metrics.webSockets());
        text.streams(metrics.streams());
        text.loops(metrics.ioLoops());
        text.scheduler(metrics.scheduler());
        return text.out.toString();
    }

    private void http(ServerMetrics.Http http) {
        List<ServerMetrics.RequestSeries> all = http.requests();
        family("http_server_request_duration_seconds", "histogram", "Duration of HTTP server requests.");
        all.forEach(s -> histogram("http_server_request_duration_seconds", labels(s), s.duration()));
        family("http_server_request_body_size_bytes", "histogram", "Size of HTTP server request bodies.");
        all.forEach(s -> histogram("http_server_request_body_size_bytes", labels(s), s.requestBodySize()));
        family("http_server_response_body_size_bytes", "histogram", "Size of HTTP server response bodies.");
        all.forEach(s -> histogram("http_server_response_body_size_bytes", labels(s), s.responseBodySize()));
        gauge("http_server_active_requests", "Number of active HTTP server requests.", http.activeRequests());
    }

    private static String labels(ServerMetrics.RequestSeries s) {
        StringBuilder labels = new StringBuilder(96);
        label(labels, "http_request_method", s.method());
        label(labels, "http_response_status_code", s.status() == 0 ? ServerMetrics.Http.OTHER
                : Integer.toString(s.status()));
        if (!s.route().isEmpty()) {
            label(labels, "http_route", s.route());
        }
        label(labels, "network_protocol_version", s.protocolVersion());
        return labels.toString();
    }

    private void connections(ServerMetrics.Connections c) {
        gauge("mummy_connection_active", "Open TCP connections.", c.open());
        counter("mummy_connection_accepted_total", "TCP connections accepted.", c.accepted());
        family("mummy_connection_closed_total", "counter", "TCP connections closed, by reason.");
        for (ServerMetrics.CloseReason reason : ServerMetrics.CloseReason.values()) {
            sample("mummy_connection_closed_total", labelled("mummy_close_reason",
                    reason.name().toLowerCase(Locale.ROOT)), c.closed().getOrDefault(reason, 0L));
        }
        counter("mummy_connection_paused_at_cap_total", "Times accepting paused at maxConnections.",
                c.pausedAtCap());
    }

    private void webSockets(ServerMetrics.WebSockets ws) {
        gauge("mummy_websocket_active", "Open WebSocket sessions.", ws.open());
        family("mummy_websocket_messages_total", "counter", "WebSocket messages, received and sent.");
        sample("mummy_websocket_messages_total", labelled("network_io_direction", "receive"), ws.messagesIn());
        sample("mummy_websocket_messages_total", labelled("network_io_direction", "transmit"), ws.messagesOut());
        family("mummy_websocket_io_bytes_total", "counter", "WebSocket bytes, received (payload) and sent (frames).");
        sample("mummy_websocket_io_bytes_total", labelled("network_io_direction", "receive"), ws.bytesIn());
        sample("mummy_websocket_io_bytes_total", labelled("network_io_direction", "transmit"), ws.bytesOut());
        family("mummy_websocket_closed_total", "counter", "WebSocket sessions ended, by close code.");
        for (Map.Entry<Integer, Long> code : new java.util.TreeMap<>(ws.closeCodes()).entrySet()) {
            sample("mummy_websocket_closed_total", labelled("websocket_close_code",
                    code.getKey() == 0 ? ServerMetrics.Http.OTHER : code.getKey().toString()), code.getValue());
        }
        counter("mummy_websocket_backpressured_total", "WebSocket sends that reported backpressure.",
                ws.backpressured());
        counter("mummy_websocket_input_paused_total", "Times WebSocket reading paused for a slow handler.",
                ws.inputPaused());
    }

    private void streams(ServerMetrics.Streams s) {
        gauge("mummy_stream_active", "Open response streams (event streams included).", s.open());
        counter("mummy_stream_cut_off_total", "Response streams ended early.", s.cutOff());
        counter("mummy_upload_received_bytes_total", "Bytes of streamed request bodies received.",
                s.uploadedBytes());
    }

    private void loops(List<ServerMetrics.IoLoop> loops) {
        family("mummy_io_loop_connections", "gauge", "Connections the IO loop holds.");
        loops.forEach(l -> sample("mummy_io_loop_connections", thread(l), l.openConnections()));
        family("mummy_io_loop_connections_accepted_total", "counter", "Connections the IO loop accepted.");
        loops.forEach(l -> sample("mummy_io_loop_connections_accepted_total", thread(l), l.acceptedConnections()));
        family("mummy_io_loop_turns_total", "counter", "Turns of the IO loop.");
        loops.forEach(l -> sample("mummy_io_loop_turns_total", thread(l), l.turns()));
        family("mummy_io_loop_events_total", "counter", "epoll events handled.");
        loops.forEach(l -> sample("mummy_io_loop_events_total", thread(l), l.events()));
        family("mummy_io_loop_events_per_turn", "histogram", "epoll events per turn of the IO loop.");
        loops.forEach(l -> histogram("mummy_io_loop_events_per_turn", thread(l), l.eventsPerTurn()));
        family("mummy_io_loop_commands_total", "counter", "Messages from workers taken by the IO loop.");
        loops.forEach(l -> sample("mummy_io_loop_commands_total", thread(l), l.commands()));
        family("mummy_io_loop_queue_depth", "gauge", "Messages waiting in the IO loop's queue.");
        loops.forEach(l -> sample("mummy_io_loop_queue_depth", thread(l), l.queueDepth()));
        family("mummy_io_loop_time_seconds_total", "counter", "Time of the IO loop in epoll_wait and working.");
        for (ServerMetrics.IoLoop l : loops) {
            sample("mummy_io_loop_time_seconds_total", thread(l) + ",state=\"wait\"", l.waitSeconds());
            sample("mummy_io_loop_time_seconds_total", thread(l) + ",state=\"work\"", l.workSeconds());
        }
    }

    private static String thread(ServerMetrics.IoLoop loop) {
        return labelled("thread_name", loop.name());
    }

    private void scheduler(ServerMetrics.Scheduler s) {
        String labels = labelled("mummy_scheduler", s.name());
        if (s.queuedTasks() >= 0) {
            family("mummy_scheduler_tasks_queued", "gauge", "Handler tasks waiting for a worker.");
            sample("mummy_scheduler_tasks_queued", labels, s.queuedTasks());
        }
        if (s.runningTasks() >= 0) {
            family("mummy_scheduler_tasks_running", "gauge", "Handler tasks running.");
            sample("mummy_scheduler_tasks_running", labels, s.runningTasks());
        }
    }

    // ------------------------------------------------------------------ the format

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void gauge(String name, String help, long value) {
        family(name, "gauge", help);
        sample(name, "", value);
    }

    private void counter(String name, String help, long value) {
        family(name, "counter", help);
        sample(name, "", value);
    }

    private void histogram(String name, String labels, ServerMetrics.Histogram histogram) {
        String prefix = labels.isEmpty() ? "" : labels + ",";
        long cumulative = 0;
        for (int i = 0; i < histogram.bounds().size(); i++) {
            cumulative += histogram.counts().get(i);
            sample(name + "_bucket", prefix + "le=\"" + number(histogram.bounds().get(i)) + "\"", cumulative);
        }
        cumulative += histogram.counts().getLast();
        sample(name + "_bucket", prefix + "le=\"+Inf\"", cumulative);
        sample(name + "_sum", labels, histogram.sum());
        sample(name + "_count", labels, cumulative);
    }

    private void sample(String name, String labels, long value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private void sample(String name, String labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    /** A number as Prometheus reads it: no exponent for the values we write, integers without ".0". */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).toPlainString();
    }

    private static String labelled(String name, String value) {
        StringBuilder labels = new StringBuilder(name.length() + value.length() + 4);
        label(labels, name, value);
        return labels.toString();
    }

    /** Appends {@code name="value"}, escaping backslash, double quote and line feed (the format's rules). */
    private static void label(StringBuilder labels, String name, String value) {
        if (!labels.isEmpty()) {
            labels.append(',');
        }
        labels.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> labels.append("\\\\");
                case '"' -> labels.append("\\\"");
                case '\n' -> labels.append("\\n");
                default -> labels.append(c);
            }
        }
        labels.append('"');
    }
}
