package mummy.io;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import mummy.api.RequestHandler;
import mummy.api.WebSocketHandler;
import mummy.api.spi.JsonCodec;
import mummy.io.internal.http.HttpLimits;
import mummy.io.internal.loop.BufferLimits;
import mummy.io.internal.loop.LoopConfig;
import mummy.io.internal.loop.WebSocketSettings;

/**
 * The {@link Server.Builder}: each setting's default is its field's initial value, each setter
 * checks its value against the setting's {@link SettingRange}, and {@link #build} checks the
 * settings that depend on one another and makes the {@link ServerSettings} the server keeps.
 * The settings are documented on {@link Server.Builder}.
 *
 * <p>Threading: not thread-safe; the settings it builds are immutable.
 */
final class ServerBuilder implements Server.Builder {
    private static final HttpLimits HTTP = HttpLimits.defaults();

    private RequestHandler handler;
    private JsonCodec jsonCodec;
    private mummy.api.ErrorResponder errorResponder;
    private String scheduler;
    private int workerThreads;
    private int maxRequestLineLength = HTTP.maxRequestLineLength();
    private int maxHeadersLength = HTTP.maxHeadersLength();
    private int maxHeaderCount = HTTP.maxHeaderCount();
    private long maxBodyLength = HTTP.maxBodyLength();
    private long maxStreamedBodyLength = Long.MAX_VALUE;
    private int maxConnections = 10_000;
    private int maxPipelinedRequests = 64;
    private int backlog = 1024;
    private long maxBufferedBytesPerConnection = BufferLimits.DEFAULT_PER_CONNECTION;
    private long maxBufferedBytes = BufferLimits.defaultTotal();
    private long minWriteRate = BufferLimits.DEFAULT_MIN_WRITE_RATE;
    private Duration shutdownGracePeriod = Duration.ofSeconds(10);
    private String ioThreadName = "mummy-io";
    /** -1 until set: then the system property decides, else 1. */
    private int ioThreads = -1;
    private boolean reusePort = true;
    private LoopConfig.Timeouts timeouts = LoopConfig.Timeouts.defaults();
    private LongSupplier nanoClock = System::nanoTime;
    private WebSocketSettings webSockets = WebSocketSettings.defaults();
    private boolean collectMetrics = true;
    private Metrics metrics;

    /** A builder with the defaults. */
    ServerBuilder() {
    }

    @Override
    public Server.Builder handler(RequestHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    @Override
    public Server.Builder jsonCodec(JsonCodec codec) {
        this.jsonCodec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    @Override
    public Server.Builder errorResponder(mummy.api.ErrorResponder responder) {
        this.errorResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    @Override
    public Server.Builder scheduler(String name) {
        this.scheduler = SettingRange.name("scheduler", name);
        return this;
    }

    @Override
    public Server.Builder workerThreads(int threads) {
        this.workerThreads = SettingRange.THREADS.check("workerThreads", threads);
        return this;
    }

    @Override
    public Server.Builder maxRequestLineLength(int bytes) {
        this.maxRequestLineLength = SettingRange.INT_BYTES.check("maxRequestLineLength", bytes);
        return this;
    }

    @Override
    public Server.Builder maxHeadersLength(int bytes) {
        this.maxHeadersLength = SettingRange.INT_BYTES.check("maxHeadersLength", bytes);
        return this;
    }

    @Override
    public Server.Builder maxHeaderCount(int count) {
        this.maxHeaderCount = SettingRange.INT_COUNT.check("maxHeaderCount", count);
        return this;
    }

    @Override
    public Server.Builder maxBodyLength(long bytes) {
        this.maxBodyLength = SettingRange.ARRAY_BYTES.check("maxBodyLength", bytes);
        return this;
    }

    @Override
    public Server.Builder maxStreamedBodyLength(long bytes) {
        this.maxStreamedBodyLength = SettingRange.LONG_BYTES.check("maxStreamedBodyLength", bytes);
        return this;
    }

    @Override
    public Server.Builder maxConnections(int count) {
        this.maxConnections = SettingRange.INT_COUNT.check("maxConnections", count);
        return this;
    }

    @Override
    public Server.Builder maxPipelinedRequests(int count) {
        this.maxPipelinedRequests = SettingRange.INT_COUNT.check("maxPipelinedRequests", count);
        return this;
    }

    @Override
    public Server.Builder backlog(int backlog) {
        this.backlog = SettingRange.INT_COUNT.check("backlog", backlog);
        return this;
    }

    @Override
    public Server.Builder maxBufferedBytesPerConnection(long bytes) {
        this.maxBufferedBytesPerConnection = SettingRange.LONG_BYTES.check("maxBufferedBytesPerConnection", bytes);
        return this;
    }

    @Override
    public Server.Builder maxBufferedBytes(long bytes) {
        this.maxBufferedBytes = SettingRange.LONG_BYTES.check("maxBufferedBytes", bytes);
        return this;
    }

    @Override
    public Server.Builder minWriteRate(long bytesPerSecond) {
        this.minWriteRate = SettingRange.RATE.check("minWriteRate", bytesPerSecond);
        return this;
    }

    @Override
    public Server.Builder shutdownGracePeriod(Duration grace) {
        this.shutdownGracePeriod = SettingRange.zeroOrPositive("shutdownGracePeriod", grace, "none");
        return this;
    }

    @Override
    public Server.Builder headerTimeout(Duration timeout) {
        timeouts = timeouts.withHeader(SettingRange.positive("headerTimeout", timeout));
        return this;
    }

    @Override
    public Server.Builder bodyTimeout(Duration timeout) {
        timeouts = timeouts.withBody(SettingRange.positive("bodyTimeout", timeout));
        return this;
    }

    @Override
    public Server.Builder idleTimeout(Duration timeout) {
        timeouts = timeouts.withIdle(SettingRange.positive("idleTimeout", timeout));
        return this;
    }

    @Override
    public Server.Builder writeTimeout(Duration timeout) {
        timeouts = timeouts.withWrite(SettingRange.positive("writeTimeout", timeout));
        return this;
    }

    @Override
    public Server.Builder sseHeartbeatInterval(Duration interval) {
        timeouts = timeouts.withHeartbeat(SettingRange.zeroOrPositive("sseHeartbeatInterval", interval, "none"));
        return this;
    }

    @Override
    public Server.Builder webSocketHandler(WebSocketHandler handler) {
        webSockets = webSockets.withHandler(Objects.requireNonNull(handler, "webSocketHandler"));
        return this;
    }

    @Override
    public Server.Builder maxMessageLength(long bytes) {
        webSockets = webSockets.withMaxMessageLength(SettingRange.ARRAY_BYTES.check("maxMessageLength", bytes));
        return this;
    }

    @Override
    public Server.Builder outboundHighWaterMark(long bytes) {
        webSockets = webSockets.withHighWaterMark(SettingRange.HIGH_WATER_MARK.check("outboundHighWaterMark", bytes));
        return this;
    }

    @Override
    public Server.Builder webSocketCloseTimeout(Duration timeout) {
        webSockets = webSockets.withCloseTimeout(SettingRange.positive("webSocketCloseTimeout", timeout));
        return this;
    }

    @Override
    public Server.Builder webSocketCompression(boolean enabled) {
        webSockets = webSockets.withDeflate(enabled);
        return this;
    }

    @Override
    public Server.Builder webSocketPingInterval(Duration interval) {
        webSockets = webSockets.withPingInterval(
                SettingRange.zeroOrPositive("webSocketPingInterval", interval, "never"));
        return this;
    }

    /**
     * Tests only: the loop's nanosecond clock, so timeouts can be tested without sleeping.
     *
     * @param nanoTime the clock, as {@link System#nanoTime}
     * @return this builder
     */
    ServerBuilder clock(LongSupplier nanoTime) {
        this.nanoClock = Objects.requireNonNull(nanoTime, "nanoTime");
        return this;
    }

    @Override
    public Server.Builder ioThreads(int threads) {
        this.ioThreads = SettingRange.IO_THREADS.check("ioThreads", threads);
        return this;
    }

    @Override
    public Server.Builder reusePort(boolean enabled) {
        this.reusePort = enabled;
        return this;
    }

    @Override
    public Server.Builder ioThreadName(String name) {
        this.ioThreadName = SettingRange.name("ioThreadName", name);
        return this;
    }

    @Override
    public Server.Builder collectMetrics(boolean enabled) {
        this.collectMetrics = enabled;
        return this;
    }

    @Override
    public Server.Builder metrics(Metrics view) {
        this.metrics = Objects.requireNonNull(view, "metrics");
        return this;
    }

    @Override
    public Server build() {
        ServerSettings settings = settings();
        Server server = new Server(settings);
        if (metrics != null) {
            metrics.bind(server);
        }
        return server;
    }

    /**
     * What {@link #build} gives the server: these settings, checked against one another.
     *
     * @return an immutable copy of these settings
     * @throws IllegalStateException if no handler was set, {@link #maxBufferedBytes} (or each IO
     *                               loop's share of it) is less than
     *                               {@link #maxBufferedBytesPerConnection}, or the system property
     *                               {@value Server#IO_THREADS_PROPERTY} is not a valid count
     */
    ServerSettings settings() {
        if (handler == null) {
            throw new IllegalStateException("Server.builder() needs a handler: call handler(...) before build()");
        }
        if (maxBufferedBytes < maxBufferedBytesPerConnection) {
            throw new IllegalStateException("maxBufferedBytes (" + maxBufferedBytes
                    + ") must be at least maxBufferedBytesPerConnection (" + maxBufferedBytesPerConnection + ")");
        }
        int loops = ioLoops();
        if (maxBufferedBytes / loops < maxBufferedBytesPerConnection) {
            throw new IllegalStateException("maxBufferedBytes (" + maxBufferedBytes + ") split over " + loops
                    + " IO threads gives each " + maxBufferedBytes / loops
                    + " bytes, less than maxBufferedBytesPerConnection (" + maxBufferedBytesPerConnection
                    + "): raise maxBufferedBytes or use fewer ioThreads");
        }
        HttpLimits limits = new HttpLimits(maxRequestLineLength, maxHeadersLength, maxHeaderCount, maxBodyLength,
                HTTP.maxChunkLineLength());
        BufferLimits buffers = new BufferLimits(maxBufferedBytesPerConnection, maxBufferedBytes, minWriteRate);
        LoopConfig loop = new LoopConfig(handler, limits, maxStreamedBodyLength, maxConnections,
                maxPipelinedRequests, backlog, ioThreadName, timeouts, nanoClock, webSockets, buffers, jsonCodec,
                errorResponder);
        return new ServerSettings(loop, loops, reusePort, scheduler, workerThreads, shutdownGracePeriod,
                collectMetrics);
    }

    /**
     * The number of IO loops: the setting, else the system property, else 1; 0 means one per
     * available processor.
     */
    private int ioLoops() {
        int threads = ioThreads;
        if (threads < 0) {
            String property = System.getProperty(Server.IO_THREADS_PROPERTY);
            if (property == null || property.isBlank()) {
                threads = 1;
            } else {
                try {
                    threads = SettingRange.IO_THREADS.check(Server.IO_THREADS_PROPERTY,
                            Integer.parseInt(property.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("the system property " + Server.IO_THREADS_PROPERTY
                            + " must be a number between 0 and 256: \"" + property + "\"", e);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("the system property " + e.getMessage(), e);
                }
            }
        }
        return threads == 0 ? Math.min(256, Runtime.getRuntime().availableProcessors()) : threads;
    }
}
