package mummy.io;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a server's metrics ({@link Server#metrics()}), named as OpenTelemetry's semantic
 * conventions for HTTP servers name them where one exists ({@code http.server.request.duration},
 * {@code http.server.active_requests}, {@code http.server.request.body.size},
 * {@code http.server.response.body.size}); {@link Metrics#prometheus} writes them in Prometheus'
 * text format. Counters count from the server's start and never go down; gauges are the value now.
 *
 * <p>Each figure is read without stopping the server, so two figures may be a few events apart
 * (a request counted in its duration histogram before the active-requests gauge falls, say); each
 * one on its own is exact.
 *
 * <p>Threading: immutable.
 *
 * @param http requests and their answers
 * @param connections the TCP connections
 * @param webSockets the WebSocket sessions
 * @param streams streamed responses (event streams included) and streamed request bodies
 * @param ioLoops one entry per IO thread
 * @param scheduler where handlers run
 */
public record ServerMetrics(Http http, Connections connections, WebSockets webSockets, Streams streams,
                            List<IoLoop> ioLoops, Scheduler scheduler) {

    /** Checks that no part is null and copies the list. */
    public ServerMetrics {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(webSockets, "webSockets");
        Objects.requireNonNull(streams, "streams");
        ioLoops = List.copyOf(ioLoops);
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Requests, as one series per combination of attributes.
     *
     * <p>Cardinality is bounded: {@code http.request.method} is one of the nine methods of RFC 9110
     * and RFC 5789 or {@value #OTHER}; {@code http.response.status_code} one of 100–599 (the
     * statuses a response can have); {@code http.route} one of the router's templates, at most
     * {@value #MAX_ROUTES} distinct ones, then {@value #OTHER}; {@code network.protocol.version}
     * {@code 1.0} or {@code 1.1}. Past {@value #MAX_SERIES} series in all, further combinations are
     * counted in one series whose attributes are all {@value #OTHER} (its status is 0).
     *
     * @param activeRequests {@code http.server.active_requests}: requests handed to a handler whose
     *                       final answer the IO thread has not taken yet (a stream counts until its end)
     * @param requests one series per method, status, route and protocol version seen
     */
    public record Http(long activeRequests, List<RequestSeries> requests) {

        /** The most distinct route templates before further ones are counted as {@value #OTHER}. */
        public static final int MAX_ROUTES = 256;
        /** The most series before further combinations are folded into one. */
        public static final int MAX_SERIES = 2048;
        /** The attribute value of what is past a bound (OpenTelemetry's {@code _OTHER}). */
        public static final String OTHER = "_OTHER";

        /** Copies the list. */
        public Http {
            requests = List.copyOf(requests);
        }
    }

    /**
     * The requests that share one set of attributes. A request is counted when the IO thread takes
     * its final answer from the handler (a whole response, a file's head, a stream's end, a 101),
     * also if its client has gone meanwhile, with the duration from the loop turn that parsed its
     * head to the turn that took the answer (as fine as a turn, microseconds under load: the loop
     * reads its clock per turn, not per request). Requests the server refuses itself (400, 408,
     * 413, 414, 431, 501, 505, 503 at shutdown) are counted too, with duration 0 and no route.
     *
     * @param method {@code http.request.method}: the method, or {@value Http#OTHER}
     * @param status {@code http.response.status_code}; 0 only in the overflow series
     * @param route {@code http.route}: the router's template (such as {@code /objects/@id}), never
     *              the raw path; empty when no route matched (not found, refused by the server)
     * @param protocolVersion {@code network.protocol.version}: {@code 1.0} or {@code 1.1}
     * @param duration {@code http.server.request.duration}, in seconds, with OpenTelemetry's buckets
     *                 (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10)
     * @param requestBodySize {@code http.server.request.body.size}, in bytes (a streamed body counts
     *                        what had arrived when the answer was given)
     * @param responseBodySize {@code http.server.response.body.size}, in bytes, of whole responses,
     *                         files and streams (HEAD answers count the body they would have; a
     *                         stream counts what its handler wrote, before chunk framing, when it
     *                         ended; 101s count 0)
     */
    public record RequestSeries(String method, int status, String route, String protocolVersion,
                                Histogram duration, Histogram requestBodySize, Histogram responseBodySize) {
        /** Checks that no attribute or histogram is null. */
        public RequestSeries {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(protocolVersion, "protocolVersion");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(requestBodySize, "requestBodySize");
            Objects.requireNonNull(responseBodySize, "responseBodySize");
        }
    }

    /**
     * A histogram: counts per bucket, not cumulative.
     *
     * @param bounds the buckets' upper bounds, inclusive, increasing
     * @param counts one more than the bounds: the last one counts values above every bound
     * @param sum the sum of the values counted
     */
    public record Histogram(List<Double> bounds, List<Long> counts, double sum) {

        /** Copies the lists and checks their sizes. */
        public Histogram {
            bounds = List.copyOf(bounds);
            counts = List.copyOf(counts);
            if (counts.size() != bounds.size() + 1) {
                throw new IllegalArgumentException("counts must have one more entry than bounds: " + counts.size()
                        + " counts, " + bounds.size() + " bounds");
            }
        }

        /** {@return how many values were counted} */
        public long count() {
            long total = 0;
            for (long n : counts) {
                total += n;
            }
            return total;
        }
    }

    /**
     * Why a connection closed.
     */
    public enum CloseReason {
        /** The client closed or reset it (EOF, {@code ECONNRESET}, {@code EPIPE}). */
        CLIENT_CLOSED,
        /** Our side ended it after an answer: {@code Connection: close}, HTTP/1.0, a WebSocket closing handshake. */
        COMPLETED,
        /** Keep-alive with nothing to do for the idle timeout. */
        IDLE_TIMEOUT,
        /** A request head did not arrive within the header timeout (408). */
        HEADER_TIMEOUT,
        /** A request body stalled for the body timeout (408). */
        BODY_TIMEOUT,
        /** The client did not read its responses (write timeout or minimum write rate). */
        WRITE_TIMEOUT,
        /** A WebSocket peer did not answer our Close or our pings in time. */
        WEBSOCKET_TIMEOUT,
        /** The client broke HTTP/1.1 or WebSocket framing (400, 501, 505, 1002, 1007). */
        PROTOCOL_ERROR,
        /** A limit was passed: 413, 414, 431, a WebSocket message over 1009, a sender past its backlog cap. */
        LIMIT,
        /** The server shut down. */
        SHUTDOWN,
        /** An unexpected error on the IO thread (logged). */
        ERROR
    }

    /**
     * The TCP connections.
     *
     * @param open open now
     * @param accepted accepted since start
     * @param pausedAtCap how often accepting stopped because {@link Server.Builder#maxConnections}
     *                    were open (further clients wait in the listen backlog meanwhile)
     * @param closed closed since start, by reason; every reason is present
     */
    public record Connections(long open, long accepted, long pausedAtCap, Map<CloseReason, Long> closed) {
        /** Copies the map. */
        public Connections {
            closed = Map.copyOf(closed);
        }
    }

    /**
     * The WebSocket sessions.
     *
     * @param open open now
     * @param messagesIn whole messages received (text and binary)
     * @param messagesOut frames of messages sent (text and binary; control frames not counted)
     * @param bytesIn payload bytes of the messages received
     * @param bytesOut bytes of the frames sent, headers included
     * @param closeCodes sessions ended, by close code: the codes 1000–1015 of RFC 6455 and the IANA
     *                   registry each on their own, every other code under 0
     * @param backpressured sends that reported {@link mummy.api.SendResult#BACKPRESSURED}
     * @param inputPaused how often reading paused because a handler was behind its inbound messages
     */
    public record WebSockets(long open, long messagesIn, long messagesOut, long bytesIn, long bytesOut,
                             Map<Integer, Long> closeCodes, long backpressured, long inputPaused) {
        /** Copies the map. */
        public WebSockets {
            closeCodes = Map.copyOf(closeCodes);
        }
    }

    /**
     * Streamed responses and request bodies.
     *
     * @param open response streams (event streams included) whose head is out and whose end is not
     * @param cutOff streams that ended early: the client went away, or the writer ignored backpressure
     * @param uploadedBytes bytes of streamed request bodies handed to their handlers' readers
     */
    public record Streams(long open, long cutOff, long uploadedBytes) {
    }

    /**
     * One IO thread's work.
     *
     * @param name the thread's name
     * @param openConnections connections this loop holds now
     * @param acceptedConnections connections this loop accepted since start (with several loops,
     *                            how the kernel spread them)
     * @param turns turns of its loop
     * @param events epoll events handled
     * @param eventsPerTurn how many events each turn had (buckets 0, 1, 2, 4, … 512)
     * @param commands messages from workers taken from its queue
     * @param queueDepth messages waiting in its queue now
     * @param waitSeconds time spent in {@code epoll_wait}
     * @param workSeconds time spent working between waits
     */
    public record IoLoop(String name, long openConnections, long acceptedConnections, long turns, long events,
                         Histogram eventsPerTurn, long commands, long queueDepth, double waitSeconds,
                         double workSeconds) {
        /** Checks that the name and histogram are present. */
        public IoLoop {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(eventsPerTurn, "eventsPerTurn");
        }
    }

    /**
     * The scheduler handlers run on, as far as its provider reports
     * ({@link mummy.api.spi.Scheduler#queuedTasks()}, {@link mummy.api.spi.Scheduler#runningTasks()}).
     *
     * @param name the provider's name
     * @param queuedTasks tasks waiting for a thread, or -1 if the provider cannot tell
     * @param runningTasks tasks running now, or -1 if the provider cannot tell
     */
    public record Scheduler(String name, long queuedTasks, long runningTasks) {
        /** Checks that the name is present. */
        public Scheduler {
            Objects.requireNonNull(name, "name");
        }
    }
}
