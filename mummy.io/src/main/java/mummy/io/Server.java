package mummy.io;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import mummy.api.RequestHandler;
import mummy.api.WebSocketHandler;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import mummy.io.internal.ffi.NativeIoException;
import mummy.io.internal.http.HttpLimits;
import mummy.io.internal.loop.BufferLimits;
import mummy.io.internal.loop.IoLoop;
import mummy.io.internal.loop.LoopConfig;
import mummy.io.internal.loop.WebSocketSettings;

/**
 * An HTTP/1.1 server: one IO thread does all socket work through epoll; handlers run on the
 * scheduler chosen by name (see {@link Schedulers}).
 *
 * <pre>{@code
 * try (Server server = Server.builder().handler(router).scheduler("virtual").build()) {
 *     server.start(new InetSocketAddress("127.0.0.1", 8080));
 *     server.awaitTermination();
 * }
 * }</pre>
 *
 * <p>Threading: {@link #start} once, from any thread; {@link #close} from any thread, any number
 * of times.
 *
 * <p>One file with its {@link Builder}, past the usual size: the builder is the server's whole
 * public configuration, one documented setting per method with its default; the work itself is in
 * {@code mummy.io.internal.loop}.
 */
public final class Server implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("mummy.io");

    private final Builder settings;
    private final Object lock = new Object();
    private Scheduler scheduler;
    private IoLoop loop;
    private List<InetSocketAddress> addresses = List.of();
    private boolean closed;

    private Server(Builder settings) {
        this.settings = settings;
    }

    /**
     * A builder with the defaults documented on each setting.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the listening sockets and starts serving; returns once every address is listening.
     *
     * @param addresses where to listen (port 0 picks a free port); IPv4 and IPv6 addresses
     * @return the bound addresses, in the same order, with their real ports
     * @throws IllegalStateException if already started or closed
     * @throws UncheckedIOException if a socket cannot be opened or bound (the message names the errno)
     */
    public List<InetSocketAddress> start(InetSocketAddress... addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("start() needs at least one address to listen on");
        }
        synchronized (lock) {
            if (loop != null || closed) {
                throw new IllegalStateException(closed ? "server is closed" : "server already started");
            }
            Scheduler workers = Schedulers.create(settings.scheduler, new SchedulerConfig(settings.workerThreads,
                    "mummy-worker-", SchedulerConfig.defaults().exceptionHandler()));
            IoLoop newLoop = null;
            try {
                newLoop = new IoLoop(settings.loopConfig(), workers);
                List<InetSocketAddress> bound = new ArrayList<>();
                for (InetSocketAddress address : addresses) {
                    bound.add(newLoop.listen(address));
                }
                newLoop.start();
                this.scheduler = workers;
                this.loop = newLoop;
                this.addresses = List.copyOf(bound);
            } catch (NativeIoException e) {
                if (newLoop != null) {
                    newLoop.abandon();
                }
                workers.close(Duration.ZERO);
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        LOG.log(System.Logger.Level.INFO, "server.started: listening on {0} with scheduler \"{1}\"",
                this.addresses, scheduler.name());
        return this.addresses;
    }

    /**
     * The addresses listened on.
     *
     * @return the bound addresses; empty before {@link #start}
     */
    public List<InetSocketAddress> addresses() {
        synchronized (lock) {
            return addresses;
        }
    }

    /**
     * The port of the first address listened on.
     *
     * @return the port
     * @throws IllegalStateException if not started
     */
    public int port() {
        List<InetSocketAddress> bound = addresses();
        if (bound.isEmpty()) {
            throw new IllegalStateException("server not started");
        }
        return bound.getFirst().getPort();
    }

    /**
     * The name of the scheduler handlers run on.
     *
     * @return such as {@code "pool"}
     * @throws IllegalStateException if not started
     */
    public String schedulerName() {
        synchronized (lock) {
            if (scheduler == null) {
                throw new IllegalStateException("server not started");
            }
            return scheduler.name();
        }
    }

    /**
     * The number of connections open right now (0 before start and after close).
     *
     * @return the count, as last published by the IO thread
     */
    public int openConnections() {
        IoLoop running = runningLoop();
        return running == null ? 0 : running.openConnections();
    }

    /** Tests only: makes the IO thread re-read its clock and act on expired timeouts. */
    void tick() {
        runningLoop().tick();
    }

    /**
     * Blocks until the server has stopped (after {@link #close} from another thread).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitTermination() throws InterruptedException {
        IoLoop running = runningLoop();
        if (running != null) {
            while (!running.awaitTermination(Duration.ofDays(1))) {
                Thread.onSpinWait();
            }
        }
    }

    private IoLoop runningLoop() {
        synchronized (lock) {
            return loop;
        }
    }

    /**
     * Stops: no new connections; idle connections close; requests in flight get their responses
     * within the grace period ({@link Builder#shutdownGracePeriod}); then the scheduler closes.
     */
    @Override
    public void close() {
        IoLoop running;
        Scheduler workers;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = loop;
            workers = scheduler;
        }
        if (running == null) {
            return;
        }
        Duration grace = settings.shutdownGracePeriod;
        running.shutdown(grace);
        try {
            if (!running.awaitTermination(grace.plusSeconds(5))) {
                LOG.log(System.Logger.Level.WARNING, "server.close.timeout: the IO thread did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.close(grace);
        running.release();
        LOG.log(System.Logger.Level.INFO, "server.stopped");
    }

    /**
     * The settings of a {@link Server}. Not thread-safe.
     */
    public static final class Builder {
        private RequestHandler handler;
        private String scheduler;
        private int workerThreads;
        private int maxRequestLineLength = 8 * 1024;
        private int maxHeadersLength = 8 * 1024;
        private int maxHeaderCount = 100;
        private long maxBodyLength = 1024 * 1024;
        private long maxStreamedBodyLength = Long.MAX_VALUE;
        private int maxConnections = 10_000;
        private int maxPipelinedRequests = 64;
        private int backlog = 1024;
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);
        private String ioThreadName = "mummy-io";
        private LoopConfig.Timeouts timeouts = LoopConfig.Timeouts.defaults();
        private LongSupplier nanoClock = System::nanoTime;
        private WebSocketSettings webSockets = WebSocketSettings.defaults();

        private Builder() {
        }

        /**
         * The handler of every request, such as a {@link mummy.api.Router}. Required.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder handler(RequestHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * The scheduler to run handlers on, by provider name ({@code "pool"}, {@code "forkjoin"},
         * {@code "virtual"}). Default: the system property {@code mummy.scheduler}, else the only
         * provider present, else {@code "pool"}.
         *
         * @param name the provider's name
         * @return this builder
         */
        public Builder scheduler(String name) {
            this.scheduler = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The scheduler's parallelism hint; default 0, the provider's own default.
         *
         * @param threads 0 or more
         * @return this builder
         */
        public Builder workerThreads(int threads) {
            this.workerThreads = nonNegative(threads, "workerThreads");
            return this;
        }

        /**
         * The longest request line; longer ones get 414. Default 8 KiB.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxRequestLineLength(int bytes) {
            this.maxRequestLineLength = positive(bytes, "maxRequestLineLength");
            return this;
        }

        /**
         * The longest header section; longer ones get 431. Default 8 KiB, as Mummy.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxHeadersLength(int bytes) {
            this.maxHeadersLength = positive(bytes, "maxHeadersLength");
            return this;
        }

        /**
         * The most header fields in a request; more get 431. Default 100.
         *
         * @param count the limit
         * @return this builder
         */
        public Builder maxHeaderCount(int count) {
            this.maxHeaderCount = positive(count, "maxHeaderCount");
            return this;
        }

        /**
         * The largest request body held whole in memory; larger ones get 413 before the body is read.
         * Default 1 MiB, as Mummy. Bodies a handler streams have their own limit,
         * {@link #maxStreamedBodyLength}.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxBodyLength(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxBodyLength must be 0 or more: " + bytes);
            }
            this.maxBodyLength = bytes;
            return this;
        }

        /**
         * The largest body of a request whose handler streams it ({@code RequestHandler.streamsBody},
         * {@code Router.Builder.streaming()}); a larger {@code Content-Length} gets 413 before the body
         * is read, and a chunked body that grows past it makes the handler's reads fail with a
         * {@code RequestBodyException} of status 413. Streamed bodies never live whole in memory, so
         * the default is unlimited ({@link Long#MAX_VALUE}); {@link #maxBodyLength} does not apply to them.
         *
         * @param bytes the limit, positive
         * @return this builder
         */
        public Builder maxStreamedBodyLength(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxStreamedBodyLength must be positive: " + bytes);
            }
            this.maxStreamedBodyLength = bytes;
            return this;
        }

        /**
         * The most connections held at once; at the cap the server stops accepting until one
         * closes, and keeps serving the others. Default 10,000.
         *
         * @param count the cap
         * @return this builder
         */
        public Builder maxConnections(int count) {
            this.maxConnections = positive(count, "maxConnections");
            return this;
        }

        /**
         * The most requests of one connection in flight at once; further pipelined requests wait
         * unread until responses go out. Default 64.
         *
         * @param count the limit
         * @return this builder
         */
        public Builder maxPipelinedRequests(int count) {
            this.maxPipelinedRequests = positive(count, "maxPipelinedRequests");
            return this;
        }

        /**
         * The listen backlog. Default 1024 (the kernel caps it at {@code net.core.somaxconn}).
         *
         * @param backlog the backlog
         * @return this builder
         */
        public Builder backlog(int backlog) {
            this.backlog = positive(backlog, "backlog");
            return this;
        }

        /**
         * How long {@link Server#close} lets requests in flight finish. Default 10 s.
         *
         * @param grace the grace period
         * @return this builder
         */
        public Builder shutdownGracePeriod(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdownGracePeriod must not be negative: " + grace);
            }
            this.shutdownGracePeriod = grace;
            return this;
        }

        /**
         * How long a client may take to send a whole request head; then it gets 408 and the
         * connection closes. Not renewed by each byte, so a client trickling a head is cut off.
         * Default 10 s.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder headerTimeout(Duration timeout) {
            timeouts = timeouts.withHeader(timeout);
            return this;
        }

        /**
         * How long a request body may stall (no bytes arriving); then 408 and close. Default 30 s.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder bodyTimeout(Duration timeout) {
            timeouts = timeouts.withBody(timeout);
            return this;
        }

        /**
         * How long a keep-alive connection may sit with nothing to do; then it is closed quietly.
         * Default 60 s.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            timeouts = timeouts.withIdle(timeout);
            return this;
        }

        /**
         * How long a client may leave a response unread (no write progress); then the connection
         * is closed. Default 30 s.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            timeouts = timeouts.withWrite(timeout);
            return this;
        }

        /**
         * How often a quiet event stream gets a heartbeat comment, so that proxies keep it open and
         * a client that vanished without a FIN is noticed. Default 15 s; zero for none.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder sseHeartbeatInterval(Duration interval) {
            timeouts = timeouts.withHeartbeat(interval);
            return this;
        }

        /**
         * The handler of every WebSocket connection's events; needed for
         * {@link mummy.api.Request#upgradeToWebSocket()}.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder webSocketHandler(WebSocketHandler handler) {
            Objects.requireNonNull(handler, "handler");
            webSockets = webSockets.withHandler(handler);
            return this;
        }

        /**
         * The largest WebSocket message accepted (after decompression); larger ones close the
         * connection with 1009. Default 64 KiB, as Mummy.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxMessageLength(long bytes) {
            webSockets = webSockets.withMaxMessageLength(bytes);
            return this;
        }

        /**
         * Outbound bytes queued per WebSocket or response stream beyond which {@code send} and
         * {@code write} report {@link mummy.api.SendResult#BACKPRESSURED} and the blocking variants
         * wait. Default 1 MiB.
         *
         * @param bytes the high-water mark
         * @return this builder
         */
        public Builder outboundHighWaterMark(long bytes) {
            webSockets = webSockets.withHighWaterMark(bytes);
            return this;
        }

        /**
         * How long to wait for the peer's Close frame after sending ours. Default 5 s.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder webSocketCloseTimeout(Duration timeout) {
            webSockets = webSockets.withCloseTimeout(timeout);
            return this;
        }

        /**
         * Whether to accept permessage-deflate (RFC 7692) when clients offer it. Default off.
         *
         * @param enabled true to compress messages
         * @return this builder
         */
        public Builder webSocketCompression(boolean enabled) {
            webSockets = webSockets.withDeflate(enabled);
            return this;
        }

        /**
         * Pings every WebSocket connection at this interval and closes one whose previous ping got
         * no pong by the next. Default {@link Duration#ZERO}: never.
         *
         * @param interval the interval, or zero for none
         * @return this builder
         */
        public Builder webSocketPingInterval(Duration interval) {
            webSockets = webSockets.withPingInterval(interval);
            return this;
        }

        /** Tests only: the loop's nanosecond clock, so timeouts can be tested without sleeping. */
        Builder clock(LongSupplier nanoTime) {
            this.nanoClock = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * The IO thread's name. Default {@code mummy-io}.
         *
         * @param name the name
         * @return this builder
         */
        public Builder ioThreadName(String name) {
            this.ioThreadName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Builds the server (not started yet).
         *
         * @return the server
         * @throws IllegalStateException if no handler was set
         */
        public Server build() {
            if (handler == null) {
                throw new IllegalStateException("Server.builder() needs a handler: call handler(...) before build()");
            }
            Builder copy = new Builder();
            copy.handler = handler;
            copy.scheduler = scheduler;
            copy.workerThreads = workerThreads;
            copy.maxRequestLineLength = maxRequestLineLength;
            copy.maxHeadersLength = maxHeadersLength;
            copy.maxHeaderCount = maxHeaderCount;
            copy.maxBodyLength = maxBodyLength;
            copy.maxStreamedBodyLength = maxStreamedBodyLength;
            copy.maxConnections = maxConnections;
            copy.maxPipelinedRequests = maxPipelinedRequests;
            copy.backlog = backlog;
            copy.shutdownGracePeriod = shutdownGracePeriod;
            copy.ioThreadName = ioThreadName;
            copy.timeouts = timeouts;
            copy.nanoClock = nanoClock;
            copy.webSockets = webSockets;
            return new Server(copy);
        }

        private LoopConfig loopConfig() {
            HttpLimits limits = new HttpLimits(maxRequestLineLength, maxHeadersLength, maxHeaderCount,
                    maxBodyLength, HttpLimits.defaults().maxChunkLineLength());
            return new LoopConfig(handler, limits, maxStreamedBodyLength, maxConnections, maxPipelinedRequests,
                    backlog, ioThreadName, timeouts, nanoClock, webSockets, BufferLimits.defaults());
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static int nonNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be 0 or more: " + value);
            }
            return value;
        }
    }
}
