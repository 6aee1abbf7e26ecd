package mummy.metrics.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import mummy.io.Server;
import mummy.io.ServerMetrics;

/**
 * Binds one {@link Server}'s metrics ({@link Server#metrics()}) to Micrometer {@link MeterRegistry
 * registries}, as function-based meters: nothing is recorded into Micrometer when a request is
 * answered. The server counts as it always does (single-writer adds on its IO thread); a meter's
 * value is read from the server's own counters when the registry reads the meter, at a scrape or a
 * publish, so binding adds nothing to the request path.
 *
 * <pre>{@code
 * Server server = Server.builder().handler(router).build();
 * MummyMetrics metrics = MummyMetrics.monitor(registry, server); // = MummyMetrics.of(server).bindTo(registry)
 * server.start(new InetSocketAddress(8080));
 * ...
 * metrics.close();   // removes the meters again (optional)
 * }</pre>
 *
 * <p><b>What maps to what.</b> Names and tags are those of {@link ServerMetrics}: OpenTelemetry's
 * HTTP semantic conventions where one exists, {@code mummy.*} otherwise, with dots as Micrometer
 * writes them; a registry's naming convention makes the rest (Micrometer's Prometheus registry
 * writes {@code http.server.request.duration} as {@code http_server_request_duration_seconds} and
 * {@code mummy.connection.accepted} as {@code mummy_connection_accepted_total}, the names of
 * {@link mummy.io.Metrics#prometheus()}).
 * <table class="striped">
 * <caption>Meters, from the fields of {@link ServerMetrics}</caption>
 * <thead>
 * <tr><th scope="col">meter</th><th scope="col">type</th><th scope="col">tags</th>
 *     <th scope="col">from</th></tr>
 * </thead>
 * <tbody>
 * <tr><td>{@code http.server.request.duration}</td><td>{@link FunctionTimer}: count and total time
 *     (seconds)</td><td rowspan="3">{@code http.request.method}, {@code http.response.status_code}
 *     ({@code _OTHER} in the overflow series), {@code http.route} (the router's template; the empty
 *     string when no route matched), {@code network.protocol.version}</td>
 *     <td>{@link ServerMetrics.RequestSeries#duration()}: its {@link ServerMetrics.Histogram#count()}
 *     and {@link ServerMetrics.Histogram#sum() sum}</td></tr>
 * <tr><td>{@code mummy.http.request.body}</td><td>{@link FunctionCounter}, bytes</td>
 *     <td>the {@link ServerMetrics.Histogram#sum() sum} of
 *     {@link ServerMetrics.RequestSeries#requestBodySize()}</td></tr>
 * <tr><td>{@code mummy.http.response.body}</td><td>{@link FunctionCounter}, bytes</td>
 *     <td>the {@link ServerMetrics.Histogram#sum() sum} of
 *     {@link ServerMetrics.RequestSeries#responseBodySize()}</td></tr>
 * <tr><td>{@code http.server.active_requests}</td><td>{@link Gauge}</td><td></td>
 *     <td>{@link ServerMetrics.Http#activeRequests()}</td></tr>
 * <tr><td>{@code mummy.connection.active}, {@code mummy.connection.accepted},
 *     {@code mummy.connection.paused_at_cap}</td><td>{@link Gauge}, {@link FunctionCounter},
 *     {@link FunctionCounter}</td><td></td><td>{@link ServerMetrics.Connections}</td></tr>
 * <tr><td>{@code mummy.connection.closed}</td><td>{@link FunctionCounter}</td>
 *     <td>{@code mummy.close_reason}: a {@link ServerMetrics.CloseReason}, lower case</td>
 *     <td>{@link ServerMetrics.Connections#closed()}</td></tr>
 * <tr><td>{@code mummy.websocket.active}, {@code mummy.websocket.backpressured},
 *     {@code mummy.websocket.input_paused}</td><td>{@link Gauge}, {@link FunctionCounter},
 *     {@link FunctionCounter}</td><td></td><td>{@link ServerMetrics.WebSockets}</td></tr>
 * <tr><td>{@code mummy.websocket.messages}, {@code mummy.websocket.io} (bytes)</td>
 *     <td>{@link FunctionCounter}</td><td>{@code network.io.direction}: {@code receive},
 *     {@code transmit}</td><td>{@link ServerMetrics.WebSockets}</td></tr>
 * <tr><td>{@code mummy.websocket.closed}</td><td>{@link FunctionCounter}</td>
 *     <td>{@code websocket.close_code}: 1000–1015, else {@code _OTHER}</td>
 *     <td>{@link ServerMetrics.WebSockets#closeCodes()}</td></tr>
 * <tr><td>{@code mummy.stream.active}, {@code mummy.stream.cut_off},
 *     {@code mummy.upload.received} (bytes)</td><td>{@link Gauge}, {@link FunctionCounter},
 *     {@link FunctionCounter}</td><td></td><td>{@link ServerMetrics.Streams}</td></tr>
 * <tr><td>{@code mummy.io.loop.turns}, {@code mummy.io.loop.events},
 *     {@code mummy.io.loop.commands}, {@code mummy.io.loop.connections.accepted}</td>
 *     <td>{@link FunctionCounter}</td>
 *     <td rowspan="3">{@code thread.name}: one per IO loop</td>
 *     <td rowspan="3">{@link ServerMetrics.IoLoop}</td></tr>
 * <tr><td>{@code mummy.io.loop.queue_depth}, {@code mummy.io.loop.connections}</td><td>{@link Gauge}</td></tr>
 * <tr><td>{@code mummy.io.loop.time}</td><td>{@link FunctionCounter}, seconds, and the tag
 *     {@code state}: {@code wait} (in {@code epoll_wait}), {@code work}</td></tr>
 * <tr><td>{@code mummy.scheduler.tasks.queued}, {@code mummy.scheduler.tasks.running}</td>
 *     <td>{@link Gauge}, only if the scheduler reports it (pool, forkjoin)</td>
 *     <td>{@code mummy.scheduler}: its name</td><td>{@link ServerMetrics.Scheduler}</td></tr>
 * </tbody>
 * </table>
 *
 * <p><b>Histograms: count and sum, not buckets.</b> Micrometer has no meter that takes bucket
 * counts from outside: its {@code Timer} and {@code DistributionSummary} compute their buckets and
 * percentiles from values recorded into them, which would mean a call per request. So a
 * histogram of the server maps to what a function-based meter can carry: the duration to a
 * {@link FunctionTimer} (count and total, hence rate and mean, per series), each body size to a
 * counter of its sum (its count is the timer's); {@code mummy.io.loop.events_per_turn} needs no
 * meter of its own (its count is {@code mummy.io.loop.turns}, its sum
 * {@code mummy.io.loop.events}). The buckets stay in {@link Server#metrics()} and in
 * {@link mummy.io.Metrics#prometheus()}, whose histograms carry OpenTelemetry's buckets.
 *
 * <p><b>When values are read.</b> A read takes a snapshot ({@link Server#metrics()}) unless the
 * last one is younger than {@link Builder#snapshotMaxAge} (one second by default), so that all the
 * meters of one scrape share one snapshot, which is as consistent as {@link ServerMetrics} says,
 * and a scrape of thousands of meters takes one snapshot, not thousands. Counters are cumulative
 * from the server's start, as Micrometer's function counters expect; a step registry (one that
 * publishes per interval) takes the differences itself.
 *
 * <p><b>New series.</b> Series appear as traffic does: a new method, status and route, an IO
 * thread once the server starts, a WebSocket close code, the scheduler's gauges. Each snapshot is
 * compared with the meters made so far and the missing ones are registered, in every registry bound
 * to; so a series first seen during a scrape is in the next one, with its whole count. Discovery
 * runs in the thread that reads a meter: a registry whose meter filters deny every meter already
 * made sees no new ones until {@link #refresh()} is called. The label bounds of
 * {@link ServerMetrics.Http} bound the meters too: at most {@value ServerMetrics.Http#MAX_SERIES}
 * request series, each three meters.
 *
 * <p><b>Binding.</b> {@link #bindTo} binds to any number of registries; binding to a registry
 * already bound to is a no-op. A second binder with the same tags in the same registry is refused
 * with an {@link IllegalStateException}, because the registry would keep the first server's meters
 * under both; give each server its own tags ({@link Builder#tags}), with the same tag keys
 * (Prometheus expects one set of label names per metric). A server may be bound before it starts (its
 * meters read 0 until then) and until it is closed: binding a server whose {@link Server#close()}
 * has begun is refused. Meters bound earlier outlive the server: they keep its final values.
 *
 * <p><b>Lifetime.</b> The meters hold this binder, and so the server, strongly (Micrometer holds a
 * function meter's object weakly, which would turn the meters to NaN once the application dropped
 * its reference): the registry keeps them until {@link #close()} removes them.
 *
 * <p>Threading: any thread. Reads of a meter with a fresh snapshot take no lock.
 */
public final class MummyMetrics implements MeterBinder, AutoCloseable {

    /** How long one snapshot serves the meters' reads, unless {@link Builder#snapshotMaxAge} says otherwise. */
    public static final Duration DEFAULT_SNAPSHOT_MAX_AGE = Duration.ofSeconds(1);

    private static final String OTHER = ServerMetrics.Http.OTHER;
    private static final String SECONDS = "seconds";
    /** Per registry, the binders bound to it by their tags, to refuse a second one with the same tags. */
    private static final Map<MeterRegistry, Map<Tags, WeakReference<MummyMetrics>>> CLAIMS = new WeakHashMap<>();

    private final Server server;
    private final Tags tags;
    private final long maxAgeNanos;
    private final List<Spec> fixed;
    private final Object lock = new Object();
    /** The last snapshot; replaced under {@link #lock}, read without it. */
    private volatile View view;
    /** Every meter made so far, by name and tags (without {@link #tags}); under {@link #lock}. */
    private final Map<MeterKey, Spec> known = new LinkedHashMap<>();
    /** The registries bound to and the meters registered in each; under {@link #lock}. */
    private final Map<MeterRegistry, Map<MeterKey, Meter>> bound = new IdentityHashMap<>();
    /** Under {@link #lock}. */
    private boolean closed;

    private MummyMetrics(Server server, Tags tags, long maxAgeNanos) {
        this.server = server;
        this.tags = tags;
        this.maxAgeNanos = maxAgeNanos;
        this.fixed = fixedSpecs();
        this.view = new View(server.metrics(), System.nanoTime());
    }

    /**
     * A binder for {@code server}, with no tags of its own and the
     * {@linkplain #DEFAULT_SNAPSHOT_MAX_AGE default snapshot age}.
     *
     * @param server the server, started or not
     * @return the binder, bound to no registry yet
     */
    public static MummyMetrics of(Server server) {
        return builder(server).build();
    }

    /**
     * A builder of a binder for {@code server}.
     *
     * @param server the server, started or not
     * @return the builder
     */
    public static Builder builder(Server server) {
        return new Builder(server);
    }

    /**
     * Binds {@code server} to {@code registry}: {@code of(server)}, then {@link #bindTo}.
     *
     * @param registry where the meters go
     * @param server the server, started or not
     * @return the binder, to {@link #close()} when the meters should go
     * @throws IllegalStateException as {@link #bindTo} does
     */
    public static MummyMetrics monitor(MeterRegistry registry, Server server) {
        MummyMetrics metrics = of(server);
        metrics.bindTo(registry);
        return metrics;
    }

    /**
     * Registers the server's meters in {@code registry}: those of every series seen so far, and
     * the rest as they appear (see the class comment). Binding again to a registry already bound
     * to does nothing.
     *
     * @param registry where the meters go
     * @throws IllegalStateException if this binder is {@linkplain #close() closed}, if the server's
     *                               {@link Server#close()} has begun, or if another binder with the
     *                               same tags is bound to {@code registry}
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("this MummyMetrics is closed; make a new one to bind again");
            }
            if (bound.containsKey(registry)) {
                return;
            }
            if (server.isDraining()) {
                throw new IllegalStateException("the server is closed or closing: bind its metrics before Server.close()");
            }
            claim(registry);
            bound.put(registry, new LinkedHashMap<>());
            update(); // a fresh snapshot: its new series go into every registry, this one included
            Map<MeterKey, Meter> meters = bound.get(registry);
            for (Spec spec : List.copyOf(known.values())) {
                if (!meters.containsKey(spec.key())) {
                    meters.put(spec.key(), spec.register(registry));
                }
            }
        }
    }

    /**
     * Takes a snapshot now, whatever the age of the last one, and registers the meters of the
     * series that appeared since, in every registry bound to. Reading the meters does this by
     * itself (see the class comment); this is for a registry that reads none of them. Does nothing
     * once closed.
     */
    public void refresh() {
        synchronized (lock) {
            if (!closed) {
                update();
            }
        }
    }

    /**
     * Removes every meter this binder registered from every registry it is bound to, and unbinds.
     * The server goes on counting ({@link Server#metrics()}). Closing again does nothing; binding
     * afterwards fails.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Map.Entry<MeterRegistry, Map<MeterKey, Meter>> entry : bound.entrySet()) {
                for (Meter meter : entry.getValue().values()) {
                    entry.getKey().remove(meter);
                }
                unclaim(entry.getKey());
            }
            bound.clear();
        }
    }

    @Override
    public String toString() {
        return "MummyMetrics[" + server.addresses() + ", tags " + tags + "]";
    }

    // ------------------------------------------------------------------ snapshots and discovery

    /** The snapshot a read uses: the last one while younger than the maximum age, else a new one. */
    private View view() {
        View current = view;
        if (System.nanoTime() - current.takenAt() < maxAgeNanos) {
            return current;
        }
        synchronized (lock) {
            current = view;
            if (closed || System.nanoTime() - current.takenAt() < maxAgeNanos) {
                return current;
            }
            return update();
        }
    }

    /** Under {@link #lock}: takes a snapshot and registers the meters it has that were not made yet. */
    private View update() {
        View fresh = new View(server.metrics(), System.nanoTime());
        view = fresh;
        List<Spec> specs = new ArrayList<>(fixed);
        specs.addAll(dynamicSpecs(fresh.metrics()));
        for (Spec spec : specs) {
            if (known.putIfAbsent(spec.key(), spec) == null) {
                for (Map.Entry<MeterRegistry, Map<MeterKey, Meter>> entry : List.copyOf(bound.entrySet())) {
                    entry.getValue().put(spec.key(), spec.register(entry.getKey()));
                }
            }
        }
        return fresh;
    }

    private void claim(MeterRegistry registry) {
        synchronized (CLAIMS) {
            Map<Tags, WeakReference<MummyMetrics>> claims = CLAIMS.computeIfAbsent(registry, r -> new HashMap<>());
            WeakReference<MummyMetrics> previous = claims.get(tags);
            MummyMetrics other = previous == null ? null : previous.get();
            if (other != null && other != this) {
                throw new IllegalStateException("another MummyMetrics with the tags " + tags + " is bound to this "
                        + "registry, whose meters would then be the first server's under both; give each server its "
                        + "own tags, such as MummyMetrics.builder(server).tags(Tags.of(\"server\", \"admin\"))");
            }
            claims.put(tags, new WeakReference<>(this));
        }
    }

    private void unclaim(MeterRegistry registry) {
        synchronized (CLAIMS) {
            Map<Tags, WeakReference<MummyMetrics>> claims = CLAIMS.get(registry);
            if (claims != null) {
                WeakReference<MummyMetrics> mine = claims.get(tags);
                if (mine != null && mine.get() == this) {
                    claims.remove(tags);
                }
                if (claims.isEmpty()) {
                    CLAIMS.remove(registry);
                }
            }
        }
    }

    // ------------------------------------------------------------------ the meters

    // Base units: bytes and seconds only, which a registry's naming convention writes as a suffix
    // (Prometheus: _bytes, _seconds), as mummy.io's own exposition does; counts of things have none,
    // as OpenTelemetry's curly-brace units such as {connection} add no suffix there.

    private List<Spec> fixedSpecs() {
        List<Spec> specs = new ArrayList<>();
        specs.add(gauge("http.server.active_requests", "Number of active HTTP server requests.", null, Tags.empty(),
                v -> v.metrics().http().activeRequests()));

        specs.add(gauge("mummy.connection.active", "Open TCP connections.", null, Tags.empty(),
                v -> v.metrics().connections().open()));
        specs.add(counter("mummy.connection.accepted", "TCP connections accepted.", null,
                Tags.empty(), v -> v.metrics().connections().accepted()));
        for (ServerMetrics.CloseReason reason : ServerMetrics.CloseReason.values()) {
            specs.add(counter("mummy.connection.closed", "TCP connections closed, by reason.", null,
                    Tags.of("mummy.close_reason", reason.name().toLowerCase(Locale.ROOT)),
                    v -> v.metrics().connections().closed().getOrDefault(reason, 0L)));
        }
        specs.add(counter("mummy.connection.paused_at_cap", "Times accepting paused at maxConnections.", null,
                Tags.empty(), v -> v.metrics().connections().pausedAtCap()));

        specs.add(gauge("mummy.websocket.active", "Open WebSocket sessions.", null, Tags.empty(),
                v -> v.metrics().webSockets().open()));
        specs.add(counter("mummy.websocket.messages", "WebSocket messages, received and sent.", null,
                direction("receive"), v -> v.metrics().webSockets().messagesIn()));
        specs.add(counter("mummy.websocket.messages", "WebSocket messages, received and sent.", null,
                direction("transmit"), v -> v.metrics().webSockets().messagesOut()));
        specs.add(counter("mummy.websocket.io", "WebSocket bytes, received (payload) and sent (frames).",
                BaseUnits.BYTES, direction("receive"), v -> v.metrics().webSockets().bytesIn()));
        specs.add(counter("mummy.websocket.io", "WebSocket bytes, received (payload) and sent (frames).",
                BaseUnits.BYTES, direction("transmit"), v -> v.metrics().webSockets().bytesOut()));
        specs.add(counter("mummy.websocket.backpressured", "WebSocket sends that reported backpressure.", null,
                Tags.empty(), v -> v.metrics().webSockets().backpressured()));
        specs.add(counter("mummy.websocket.input_paused", "Times WebSocket reading paused for a slow handler.", null,
                Tags.empty(), v -> v.metrics().webSockets().inputPaused()));

        specs.add(gauge("mummy.stream.active", "Open response streams (event streams included).", null, Tags.empty(),
                v -> v.metrics().streams().open()));
        specs.add(counter("mummy.stream.cut_off", "Response streams ended early.", null, Tags.empty(),
                v -> v.metrics().streams().cutOff()));
        specs.add(counter("mummy.upload.received", "Bytes of streamed request bodies received.", BaseUnits.BYTES,
                Tags.empty(), v -> v.metrics().streams().uploadedBytes()));
        return List.copyOf(specs);
    }

    private List<Spec> dynamicSpecs(ServerMetrics metrics) {
        List<Spec> specs = new ArrayList<>();
        for (ServerMetrics.RequestSeries series : metrics.http().requests()) {
            SeriesKey key = SeriesKey.of(series);
            Tags seriesTags = Tags.of(
                    Tag.of("http.request.method", series.method()),
                    Tag.of("http.response.status_code", series.status() == 0 ? OTHER : Integer.toString(series.status())),
                    Tag.of("http.route", series.route()),
                    Tag.of("network.protocol.version", series.protocolVersion()));
            specs.add(timer("http.server.request.duration", "Duration of HTTP server requests.", seriesTags,
                    v -> {
                        ServerMetrics.RequestSeries s = v.series(key);
                        return s == null ? 0 : s.duration().count();
                    },
                    ofSeries(key, s -> s.duration().sum())));
            specs.add(counter("mummy.http.request.body", "Bytes of HTTP server request bodies "
                    + "(the sum of http.server.request.body.size).", BaseUnits.BYTES, seriesTags,
                    ofSeries(key, s -> s.requestBodySize().sum())));
            specs.add(counter("mummy.http.response.body", "Bytes of HTTP server response bodies "
                    + "(the sum of http.server.response.body.size).", BaseUnits.BYTES, seriesTags,
                    ofSeries(key, s -> s.responseBodySize().sum())));
        }
        for (Integer code : metrics.webSockets().closeCodes().keySet()) {
            specs.add(counter("mummy.websocket.closed", "WebSocket sessions ended, by close code.", null,
                    Tags.of("websocket.close_code", code == 0 ? OTHER : code.toString()),
                    v -> v.metrics().webSockets().closeCodes().getOrDefault(code, 0L)));
        }
        for (ServerMetrics.IoLoop loop : metrics.ioLoops()) {
            String name = loop.name();
            Tags thread = Tags.of("thread.name", name);
            specs.add(gauge("mummy.io.loop.connections", "Connections the IO loop holds.", null, thread,
                    ofLoop(name, ServerMetrics.IoLoop::openConnections)));
            specs.add(counter("mummy.io.loop.connections.accepted", "Connections the IO loop accepted.", null,
                    thread, ofLoop(name, ServerMetrics.IoLoop::acceptedConnections)));
            specs.add(counter("mummy.io.loop.turns", "Turns of the IO loop.", null, thread,
                    ofLoop(name, ServerMetrics.IoLoop::turns)));
            specs.add(counter("mummy.io.loop.events", "epoll events handled.", null, thread,
                    ofLoop(name, ServerMetrics.IoLoop::events)));
            specs.add(counter("mummy.io.loop.commands", "Messages from workers taken by the IO loop.",
                    null, thread, ofLoop(name, ServerMetrics.IoLoop::commands)));
            specs.add(gauge("mummy.io.loop.queue_depth", "Messages waiting in the IO loop's queue.", null,
                    thread, ofLoop(name, ServerMetrics.IoLoop::queueDepth)));
            specs.add(counter("mummy.io.loop.time", "Time of the IO loop in epoll_wait and working.", SECONDS,
                    thread.and("state", "wait"), ofLoop(name, ServerMetrics.IoLoop::waitSeconds)));
            specs.add(counter("mummy.io.loop.time", "Time of the IO loop in epoll_wait and working.", SECONDS,
                    thread.and("state", "work"), ofLoop(name, ServerMetrics.IoLoop::workSeconds)));
        }
        ServerMetrics.Scheduler scheduler = metrics.scheduler();
        Tags schedulerTags = Tags.of("mummy.scheduler", scheduler.name());
        if (scheduler.queuedTasks() >= 0) {
            specs.add(gauge("mummy.scheduler.tasks.queued", "Handler tasks waiting for a worker.", null,
                    schedulerTags, ofScheduler(ServerMetrics.Scheduler::queuedTasks)));
        }
        if (scheduler.runningTasks() >= 0) {
            specs.add(gauge("mummy.scheduler.tasks.running", "Handler tasks running.", null,
                    schedulerTags, ofScheduler(ServerMetrics.Scheduler::runningTasks)));
        }
        return specs;
    }

    private static Tags direction(String direction) {
        return Tags.of("network.io.direction", direction);
    }

    private static ToDoubleFunction<View> ofSeries(SeriesKey key, ToDoubleFunction<ServerMetrics.RequestSeries> value) {
        return v -> {
            ServerMetrics.RequestSeries series = v.series(key);
            return series == null ? Double.NaN : value.applyAsDouble(series);
        };
    }

    private static ToDoubleFunction<View> ofLoop(String name, ToDoubleFunction<ServerMetrics.IoLoop> value) {
        return v -> {
            for (ServerMetrics.IoLoop loop : v.metrics().ioLoops()) {
                if (loop.name().equals(name)) {
                    return value.applyAsDouble(loop);
                }
            }
            return Double.NaN;
        };
    }

    /** NaN if the scheduler cannot tell (-1), which one that told once does not do. */
    private static ToDoubleFunction<View> ofScheduler(ToLongFunction<ServerMetrics.Scheduler> value) {
        return v -> {
            long n = value.applyAsLong(v.metrics().scheduler());
            return n < 0 ? Double.NaN : n;
        };
    }

    // The meters' functions call read(...), an instance method, so each holds this binder strongly
    // (see "Lifetime" in the class comment); the object handed to Micrometer's builders is only
    // what Micrometer holds weakly.

    private double read(ToDoubleFunction<View> value) {
        return value.applyAsDouble(view());
    }

    private long readLong(ToLongFunction<View> value) {
        return value.applyAsLong(view());
    }

    private Spec counter(String name, String description, String baseUnit, Tags meterTags,
                         ToDoubleFunction<View> value) {
        return new Spec(new MeterKey(name, meterTags), registry -> FunctionCounter
                .builder(name, this, self -> read(value))
                .description(description).baseUnit(baseUnit).tags(meterTags).tags(tags)
                .register(registry));
    }

    private Spec gauge(String name, String description, String baseUnit, Tags meterTags, ToDoubleFunction<View> value) {
        return new Spec(new MeterKey(name, meterTags), registry -> Gauge
                .builder(name, this, self -> read(value))
                .description(description).baseUnit(baseUnit).tags(meterTags).tags(tags).strongReference(true)
                .register(registry));
    }

    private Spec timer(String name, String description, Tags meterTags, ToLongFunction<View> count,
                       ToDoubleFunction<View> totalSeconds) {
        return new Spec(new MeterKey(name, meterTags), registry -> FunctionTimer
                .builder(name, this, self -> readLong(count), self -> read(totalSeconds), TimeUnit.SECONDS)
                .description(description).tags(meterTags).tags(tags)
                .register(registry));
    }

    /** A meter's name and own tags. */
    private record MeterKey(String name, Tags tags) {
    }

    /** A meter to make: its key and how to register it in a registry. */
    private record Spec(MeterKey key, Function<MeterRegistry, Meter> registrar) {
        Meter register(MeterRegistry registry) {
            return registrar.apply(registry);
        }
    }

    /** The attributes of a request series. */
    private record SeriesKey(String method, int status, String route, String protocolVersion) {
        static SeriesKey of(ServerMetrics.RequestSeries series) {
            return new SeriesKey(series.method(), series.status(), series.route(), series.protocolVersion());
        }
    }

    /** A snapshot, when it was taken, and its series by their attributes. */
    private record View(ServerMetrics metrics, long takenAt, Map<SeriesKey, ServerMetrics.RequestSeries> byKey) {
        View(ServerMetrics metrics, long takenAt) {
            this(metrics, takenAt, index(metrics));
        }

        private static Map<SeriesKey, ServerMetrics.RequestSeries> index(ServerMetrics metrics) {
            Map<SeriesKey, ServerMetrics.RequestSeries> byKey = HashMap.newHashMap(metrics.http().requests().size());
            for (ServerMetrics.RequestSeries series : metrics.http().requests()) {
                byKey.put(SeriesKey.of(series), series);
            }
            return byKey;
        }

        ServerMetrics.RequestSeries series(SeriesKey key) {
            return byKey.get(key);
        }
    }

    /**
     * The settings of a {@link MummyMetrics}, from {@link MummyMetrics#builder(Server)}.
     *
     * <p>Threading: one thread at a time.
     */
    public static final class Builder {

        private final Server server;
        private Tags tags = Tags.empty();
        private Duration snapshotMaxAge = DEFAULT_SNAPSHOT_MAX_AGE;

        private Builder(Server server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        /**
         * Tags added to every meter, such as {@code Tags.of("server", "admin")} to tell two servers
         * apart in one registry. Default none. A registry's common tags
         * ({@code registry.config().commonTags(...)}) apply as well.
         *
         * @param tags the tags; they replace those set before
         * @return this builder
         */
        public Builder tags(Iterable<? extends Tag> tags) {
            this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /**
         * How long one snapshot of the server serves the meters' reads before a read takes a new
         * one. Default {@link #DEFAULT_SNAPSHOT_MAX_AGE one second}: a scrape reads every meter
         * within it, and Prometheus scrapes every 10 to 60 seconds. {@link Duration#ZERO} takes a
         * snapshot for every read of every meter, which costs a whole snapshot per read: for
         * tests.
         *
         * @param age zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code age} is negative
         */
        public Builder snapshotMaxAge(Duration age) {
            Objects.requireNonNull(age, "snapshotMaxAge");
            if (age.isNegative()) {
                throw new IllegalArgumentException("snapshotMaxAge must be zero or more, got " + age);
            }
            this.snapshotMaxAge = age;
            return this;
        }

        /**
         * Makes the binder, which takes its first snapshot of the server.
         *
         * @return the binder, bound to no registry yet
         */
        public MummyMetrics build() {
            long nanos;
            try {
                nanos = snapshotMaxAge.toNanos();
            } catch (ArithmeticException tooLong) {
                nanos = Long.MAX_VALUE;
            }
            return new MummyMetrics(server, tags, nanos);
        }
    }
}
