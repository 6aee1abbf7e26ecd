package mummy.io;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import mummy.api.RequestHandler;
import mummy.api.WebSocketHandler;
import mummy.io.internal.loop.IoLoop;
import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;

/**
 * An HTTP/1.1 server: one IO thread (or several, {@link Builder#ioThreads}) does all socket work
 * through epoll; handlers run on the scheduler chosen by name (see {@link Schedulers}).
 *
 * <pre>{@code
 * try (Server server = Server.builder().handler(router).scheduler("virtual").build()) {
 *     server.start(new InetSocketAddress("127.0.0.1", 8080));
 *     server.awaitTermination();
 * }
 * }</pre>
 *
 * <p>Threading: any thread; {@link #start} until one succeeds, {@link #close} any number of times.
 *
 * <p>{@link Builder} is the whole public configuration, one documented setting per method with
 * its range and default, as {@code java.net.http.HttpClient.Builder} is; its implementation
 * ({@code ServerBuilder}) holds the defaults and checks, a started server's parts are in
 * {@code RunningServer}, the work itself in {@code mummy.io.internal.loop}. One file past the
 * usual size because {@link Builder} is documentation: the settings' javadoc is most of its lines.
 */
public final class Server implements AutoCloseable {

    /**
     * The system property that sets the default of {@link Builder#ioThreads}: a number between 0
     * and 256. A builder whose {@code ioThreads} was set ignores it.
     */
    public static final String IO_THREADS_PROPERTY = "mummy.ioThreads";

    private final ServerSettings settings;
    private final Object lock = new Object();
    /** Each IO loop's counters, from the first start on; also across a failed start and the next. */
    private final List<LoopMetrics> loopMetrics;
    /** Each IO loop's request series (each recorded by its own IO thread only), merged by {@link #metrics}. */
    private final List<HttpMetrics> httpMetrics;
    private RunningServer running;
    private boolean closed;
    /** Set as {@link #close} begins, before anything stops: readiness turns off first. */
    private volatile boolean draining;

    /**
     * A server that is not started yet.
     *
     * @param settings what {@link ServerBuilder#build} made
     */
    Server(ServerSettings settings) {
        this.settings = settings;
        this.loopMetrics = IntStream.range(0, settings.ioThreads())
                .mapToObj(i -> new LoopMetrics(settings.collectMetrics())).toList();
        this.httpMetrics = IntStream.range(0, settings.ioThreads()).mapToObj(i -> new HttpMetrics()).toList();
    }

    /**
     * A builder with the defaults documented on each setting.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new ServerBuilder();
    }

    /**
     * Opens the listening sockets and starts serving; returns once every address is listening.
     *
     * <p>A start that fails closes everything it had opened (sockets, the epoll instance, the
     * scheduler's threads) before it throws, and leaves the server as it was: not started, so
     * {@link #start start} may be called again, with other addresses for instance.
     *
     * @param addresses where to listen (port 0 picks a free port); resolved IPv4 and IPv6 addresses
     * @return the bound addresses, in the same order, with their real ports
     * @throws IllegalArgumentException if no address is given, an address is unresolved, or the
     *                                  scheduler named by {@link Builder#scheduler} is not present
     * @throws IllegalStateException if already started or closed
     * @throws UncheckedIOException if a socket cannot be opened or bound (the message names the errno)
     */
    public List<InetSocketAddress> start(InetSocketAddress... addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("start() needs at least one address to listen on");
        }
        RunningServer started;
        synchronized (lock) {
            if (running != null || closed) {
                throw new IllegalStateException(closed ? "server is closed" : "server already started");
            }
            started = RunningServer.start(settings, loopMetrics, httpMetrics, addresses);
            running = started;
        }
        started.log().log(System.Logger.Level.INFO,
                "server.started: listening on {0} with scheduler \"{1}\" and {2} IO thread(s)",
                started.addresses(), started.scheduler().name(), started.loops().size());
        return started.addresses();
    }

    /**
     * The addresses listened on.
     *
     * @return the bound addresses; empty before {@link #start}
     */
    public List<InetSocketAddress> addresses() {
        RunningServer parts = running();
        return parts == null ? List.of() : parts.addresses();
    }

    /**
     * The port of the first address listened on.
     *
     * @return the port
     * @throws IllegalStateException if not started
     */
    public int port() {
        return started().addresses().getFirst().getPort();
    }

    /**
     * The name of the scheduler handlers run on.
     *
     * @return such as {@code "pool"}
     * @throws IllegalStateException if not started
     */
    public String schedulerName() {
        return started().scheduler().name();
    }

    /**
     * The number of connections open right now (0 before start and after close).
     *
     * @return the count, as last published by the IO thread
     */
    public int openConnections() {
        RunningServer parts = running();
        return parts == null ? 0 : parts.openConnections();
    }

    /**
     * A snapshot of the server's metrics: requests by method, status, route and protocol version,
     * connections, WebSockets, streams, the IO loop and the scheduler. All zero when metrics are off
     * ({@link Builder#collectMetrics}), before the first start too; {@link Metrics#prometheus}
     * writes it for Prometheus.
     *
     * <p>Threading: any thread, any time; it never stops or slows the IO thread (each figure is
     * read as last published, see {@link ServerMetrics}).
     *
     * @return the snapshot
     */
    public ServerMetrics metrics() {
        RunningServer parts = running();
        long answered = LoopMetrics.answeredCount(loopMetrics); // before dispatched: a request is dispatched first
        long active = Math.max(0, LoopMetrics.dispatchedCount(loopMetrics) - answered);
        List<ServerMetrics.IoLoop> loops = new ArrayList<>();
        for (int i = 0; parts != null && i < loopMetrics.size(); i++) {
            loops.add(loopMetrics.get(i).ioLoop(settings.ioThreadName(i), parts.loops().get(i).queueDepth()));
        }
        ServerMetrics.Scheduler scheduler = parts == null ? new ServerMetrics.Scheduler("", -1, -1)
                : new ServerMetrics.Scheduler(parts.scheduler().name(), parts.scheduler().queuedTasks(),
                        parts.scheduler().runningTasks());
        return new ServerMetrics(new ServerMetrics.Http(active, HttpMetrics.snapshot(httpMetrics)),
                LoopMetrics.connections(loopMetrics), LoopMetrics.webSockets(loopMetrics),
                LoopMetrics.streams(loopMetrics), loops, scheduler);
    }

    /**
     * Whether the server should get traffic: started, all its IO threads serving, and not shutting
     * down. False from the moment {@link #close} begins, while requests in flight still finish, so
     * that a load balancer polling {@link Metrics#readiness()} stops sending before the listeners
     * close.
     *
     * <p>Threading: any thread.
     *
     * @return true while serving and not draining
     */
    public boolean isReady() {
        RunningServer parts = running();
        return parts != null && !draining && parts.serving();
    }

    /**
     * Whether graceful shutdown has begun ({@link #close} was called): no new connections, requests
     * in flight finishing. Stays true once the server has stopped.
     *
     * <p>Threading: any thread.
     *
     * @return true once {@link #close} began
     */
    public boolean isDraining() {
        return draining;
    }

    /** Tests only: makes the IO thread re-read its clock and act on expired timeouts. */
    void tick() {
        running().loops().forEach(IoLoop::tick);
    }

    /**
     * Blocks until the server has stopped (after {@link #close} from another thread).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitTermination() throws InterruptedException {
        RunningServer parts = running();
        if (parts != null) {
            parts.awaitTermination();
        }
    }

    private RunningServer running() {
        synchronized (lock) {
            return running;
        }
    }

    private RunningServer started() {
        RunningServer parts = running();
        if (parts == null) {
            throw new IllegalStateException("server not started");
        }
        return parts;
    }

    /**
     * Stops: no new connections; idle connections close; requests in flight get their responses
     * within the grace period ({@link Builder#shutdownGracePeriod}); then the scheduler closes.
     */
    @Override
    public void close() {
        RunningServer parts;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            parts = running;
            if (parts != null) {
                parts.beginDraining(); // first: a response encoded once isDraining() is true says close
            }
            draining = true;
        }
        if (parts != null) {
            parts.stop(settings.shutdownGracePeriod());
        }
    }

    /**
     * The settings of a {@link Server}, from {@link Server#builder()}. Each setter checks its value
     * and refuses one outside the setting's range with an {@link IllegalArgumentException} that
     * names the setting, the range and the value (a null one with a {@link NullPointerException}
     * naming the setting); {@link #build} checks the settings that depend on one another and hands
     * the server an immutable copy, so changing the builder afterwards does not change that server.
     *
     * <p>Threading: not thread-safe; build on one thread.
     */
    public sealed interface Builder permits ServerBuilder {

        /**
         * The handler of every request, such as a {@link mummy.api.Router}. Required.
         *
         * @param handler the handler
         * @return this builder
         */
        Builder handler(RequestHandler handler);

        /**
         * The codec of {@link mummy.api.Request#bodyAs(Class)} and
         * {@link mummy.api.Request#respondJson(int, Object)}. Default: the one module on the module
         * path that provides {@link mummy.api.spi.JsonCodec}, such as {@code mummy.json.jackson};
         * without one, those methods throw an {@link IllegalStateException} that says which module
         * to add.
         *
         * <pre>{@code
         * Server.builder().handler(router).jsonCodec(JacksonJsonCodec.of(myMapper)).build();
         * }</pre>
         *
         * @param codec the codec, thread-safe
         * @return this builder
         */
        Builder jsonCodec(mummy.api.spi.JsonCodec codec);

        /**
         * What builds the bodies of the answers the server generates itself: the parser's
         * refusals (400, 408, 411, 413, 414, 431, 501, 505, 503), the router's 404 and 405, the 500
         * for a failed handler, refused WebSocket handshakes and {@link mummy.api.Request#respondError}.
         * Default: short {@code text/plain} bodies. See {@link mummy.api.ErrorResponder}:
         *
         * <pre>{@code
         * Server.builder().handler(router).errorResponder(ErrorResponder.problemJson()).build();
         * }</pre>
         *
         * @param responder the responder; quick, non-blocking and thread-safe (it also runs on the IO thread)
         * @return this builder
         */
        Builder errorResponder(mummy.api.ErrorResponder responder);

        /**
         * The scheduler to run handlers on, by provider name ({@code "pool"}, {@code "forkjoin"},
         * {@code "virtual"}). Default: the system property {@value Schedulers#PROPERTY}, else the
         * only provider present, else {@value Schedulers#DEFAULT}. A name no provider has fails
         * {@link Server#start}.
         *
         * @param name the provider's name, not blank
         * @return this builder
         */
        Builder scheduler(String name);

        /**
         * The scheduler's parallelism hint. Default 0, the provider's own default.
         *
         * @param threads between 0 and 32767
         * @return this builder
         */
        Builder workerThreads(int threads);

        /**
         * The longest request line, CRLF included; longer ones get 414. Default 8 KiB.
         *
         * @param bytes between 1 and 2^31-1
         * @return this builder
         */
        Builder maxRequestLineLength(int bytes);

        /**
         * The longest header section (field lines of headers and trailers together); longer ones
         * get 431. Default 8 KiB, as Mummy.
         *
         * @param bytes between 1 and 2^31-1
         * @return this builder
         */
        Builder maxHeadersLength(int bytes);

        /**
         * The most header fields in a request (trailers included); more get 431. Default 100.
         *
         * @param count between 1 and 2^31-1
         * @return this builder
         */
        Builder maxHeaderCount(int count);

        /**
         * The largest request body held whole in memory; larger ones get 413 before the body is read.
         * Default 1 MiB, as Mummy. Bodies a handler streams have their own limit,
         * {@link #maxStreamedBodyLength}.
         *
         * @param bytes between 1 and 2^31-9 (a buffered body is one array)
         * @return this builder
         */
        Builder maxBodyLength(long bytes);

        /**
         * The largest body of a request whose handler streams it
         * ({@link RequestHandler#streamsBody}, {@link mummy.api.Router.Builder#streaming()}); a
         * larger {@code Content-Length} gets 413 before the body is read, and a chunked body that
         * grows past it makes the handler's reads fail with a
         * {@link mummy.api.RequestBodyException} of status 413. Streamed bodies never live whole in
         * memory, so the default is unlimited ({@link Long#MAX_VALUE}); {@link #maxBodyLength} does
         * not apply to them.
         *
         * @param bytes between 1 and 2^63-1
         * @return this builder
         */
        Builder maxStreamedBodyLength(long bytes);

        /**
         * The most connections held at once; at the cap the server stops accepting until one
         * closes, and keeps serving the others. Default 10,000.
         *
         * @param count between 1 and 2^31-1
         * @return this builder
         */
        Builder maxConnections(int count);

        /**
         * The most requests of one connection in flight at once; further pipelined requests wait
         * unread until responses go out. Default 64.
         *
         * @param count between 1 and 2^31-1
         * @return this builder
         */
        Builder maxPipelinedRequests(int count);

        /**
         * The listen backlog. Default 1024 (the kernel caps it at {@code net.core.somaxconn}).
         *
         * @param backlog between 1 and 2^31-1
         * @return this builder
         */
        Builder backlog(int backlog);

        /**
         * The most bytes the server holds for one connection. What counts: the received bytes of
         * its requests not parsed yet, its buffered request bodies from the moment their head is
         * admitted until their response is queued, its queued output (arrays, plus a fixed cost
         * for each file being sent, since each holds a file open), and for a WebSocket its inbound
         * events (payload plus a fixed cost each, so empty frames count) and outbound frames.
         *
         * <p>At the bound the server stops reading that connection, and reads again once it holds
         * half as much; a client that does not read its responses meanwhile is closed at the
         * {@link #writeTimeout}. One request past the bound is always admitted, so the most one
         * connection holds is this plus one request's body ({@link #maxBodyLength}) and its
         * response. Default 1 MiB. At most {@link #maxBufferedBytes}.
         *
         * @param bytes between 1 and 2^63-1
         * @return this builder
         */
        Builder maxBufferedBytesPerConnection(long bytes);

        /**
         * The most bytes all connections together may hold, counted as for
         * {@link #maxBufferedBytesPerConnection}; the bound that keeps many clients from filling
         * the heap. Past it the server pauses reading the connections that would add to it, and a
         * request whose buffered body does not fit is answered 503 before its body is read. Default:
         * a quarter of the maximum heap ({@link Runtime#maxMemory()}), at least 16 MiB.
         *
         * @param bytes between 1 and 2^63-1, and at least {@link #maxBufferedBytesPerConnection}
         *              (checked by {@link #build})
         * @return this builder
         */
        Builder maxBufferedBytes(long bytes);

        /**
         * The slowest a client may read the output queued for it, in bytes per second averaged
         * over the {@link #writeTimeout}: a client that reads slower is closed when its write
         * timeout expires, however often it reads a little. Without it, each write that makes any
         * progress renews the write timeout, so a client that reads a trickle would keep its
         * buffers for ever. Default 1 KiB/s.
         *
         * @param bytesPerSecond between 0 and 2^30; 0 turns the check off (any progress renews
         *                       the write timeout)
         * @return this builder
         */
        Builder minWriteRate(long bytesPerSecond);

        /**
         * How long {@link Server#close} lets requests in flight finish. Default 10 s.
         *
         * @param grace between 0 and 24 h
         * @return this builder
         */
        Builder shutdownGracePeriod(Duration grace);

        /**
         * How long a client may take to send a whole request head; then 408 and close. Not renewed
         * by each byte, so a client trickling a head is cut off. Default 10 s.
         *
         * @param timeout between 1 ns and 24 h
         * @return this builder
         */
        Builder headerTimeout(Duration timeout);

        /**
         * How long a request body may stall (no bytes arriving); then 408 and close. Default 30 s.
         *
         * @param timeout between 1 ns and 24 h
         * @return this builder
         */
        Builder bodyTimeout(Duration timeout);

        /**
         * How long a keep-alive connection may sit with nothing to do; then a quiet close. Default 60 s.
         *
         * @param timeout between 1 ns and 24 h
         * @return this builder
         */
        Builder idleTimeout(Duration timeout);

        /**
         * How long a client may leave a response unread (no write progress, or less than
         * {@link #minWriteRate}); then the connection is closed. Default 30 s.
         *
         * @param timeout between 1 ns and 24 h
         * @return this builder
         */
        Builder writeTimeout(Duration timeout);

        /**
         * How often a quiet event stream gets a heartbeat comment, so that proxies keep it open and
         * a client that vanished without a FIN is noticed. Default 15 s.
         *
         * @param interval between 0 and 24 h; zero for none
         * @return this builder
         */
        Builder sseHeartbeatInterval(Duration interval);

        /**
         * The handler of every WebSocket's events; needed for {@link mummy.api.Request#upgradeToWebSocket()}.
         *
         * @param handler the handler
         * @return this builder
         */
        Builder webSocketHandler(WebSocketHandler handler);

        /**
         * The largest WebSocket message accepted (after decompression); larger ones close the
         * connection with 1009. Default 64 KiB, as Mummy.
         *
         * @param bytes between 1 and 2^31-9 (a message is one array)
         * @return this builder
         */
        Builder maxMessageLength(long bytes);

        /**
         * Outbound bytes queued per WebSocket or response stream beyond which
         * {@link mummy.api.WebSocket#send(String) send} and
         * {@link mummy.api.ResponseStream#write(byte[]) write} report
         * {@link mummy.api.SendResult#BACKPRESSURED} and the blocking variants wait. Default 1 MiB.
         *
         * @param bytes between 1 and 2^60
         * @return this builder
         */
        Builder outboundHighWaterMark(long bytes);

        /**
         * How long to wait for the peer's Close frame after sending ours. Default 5 s.
         *
         * @param timeout between 1 ns and 24 h
         * @return this builder
         */
        Builder webSocketCloseTimeout(Duration timeout);

        /**
         * Whether to accept permessage-deflate (RFC 7692) when clients offer it. Default off.
         *
         * @param enabled true to compress messages
         * @return this builder
         */
        Builder webSocketCompression(boolean enabled);

        /**
         * Pings every WebSocket connection at this interval and closes one whose previous ping got
         * no pong by the next. Default {@link Duration#ZERO}: never.
         *
         * @param interval between 0 and 24 h; zero for none
         * @return this builder
         */
        Builder webSocketPingInterval(Duration interval);

        /**
         * How many IO loops serve the server, each an IO thread with its own epoll instance,
         * eventfd, message queue, connection table and deadlines. With more than one, each loop
         * opens its own listening socket on every address with {@code SO_REUSEPORT}, and the
         * kernel spreads new connections over them (by a hash of each connection's addresses and
         * ports, so not evenly for a handful of connections). A connection lives on the loop
         * that accepted it; responses, WebSocket sends and stream writes from any thread go to its
         * loop's queue. Handlers still run on the one scheduler, whatever loop read the request.
         *
         * <p>Shared by the loops, so bounds of the whole server: {@link #maxConnections} (a place
         * freed on one loop wakes the loops paused at the cap) and the permessage-deflate
         * sessions. Split evenly: {@link #maxBufferedBytes}, each loop holding
         * at most its share (which must be at least {@link #maxBufferedBytesPerConnection}), so
         * the sum stays within the setting without a shared count on every read and write.
         * {@link Server#metrics()} sums the loops' counters and lists each loop.
         *
         * <p>Default 1, or the value of the system property {@value Server#IO_THREADS_PROPERTY} when
         * it is set. Why 1: measured on a 2-core machine with the load on the same cores
         * ({@code benchmarks/io-threads}, BENCHMARKS.md), two loops served 29 % more plaintext and
         * 15 % more pipelined requests but 6 % fewer WebSocket echoes, and each WebSocket message
         * cost 13 % more CPU (each loop batches half the events per turn and is woken on its own),
         * so more loops pay only where cores are to spare. The IO thread's part of a request was
         * 61-69 % of the server's CPU there: on a machine with N cores serving remote clients,
         * about N / 2 loops is where to start (BENCHMARKS.md has the model).
         *
         * @param threads between 0 (one per {@link Runtime#availableProcessors()}) and 256
         * @return this builder
         */
        Builder ioThreads(int threads);

        /**
         * With several {@link #ioThreads}, whether each loop listens on every address itself with
         * {@code SO_REUSEPORT} (default, true) or loop 0 listens alone and hands each connection it
         * accepts to the loops in turn (false), which then serve it as their own. The kernel's
         * spreading costs nothing per connection but follows a hash of addresses and ports, so a
         * few long-lived connections (a proxy's keep-alive pool, WebSockets from one gateway) may
         * land unevenly; the hand-over spreads them in turn at the price of one message and one
         * {@code epoll_ctl} per connection on the receiving loop, and of loop 0 doing all accepting.
         * No effect with one IO loop.
         *
         * @param enabled false for one listening loop that hands connections over
         * @return this builder
         */
        Builder reusePort(boolean enabled);

        /**
         * The IO thread's name. Default {@code mummy-io}. With several {@link #ioThreads}, loop
         * {@code i} is named this followed by {@code -i}.
         *
         * @param name the name, not blank
         * @return this builder
         */
        Builder ioThreadName(String name);

        /**
         * Whether the server counts its metrics ({@link Server#metrics()}). Default on: the IO
         * thread does all the counting with plain single-writer adds, reads its clock twice per
         * loop turn and never per request (JMH {@code MetricsBenchmark}: about 30 ns of CPU per
         * request and 55 ns per turn, under 2 % of a pipelined request's cost; the A/B of
         * {@code benchmarks/metrics-cost} is within the noise of a shared machine). Off, every
         * figure stays 0. JFR events do not depend on it: they cost nothing unless a recording
         * enables them.
         *
         * @param enabled false to count nothing
         * @return this builder
         */
        Builder collectMetrics(boolean enabled);

        /**
         * Binds a {@link Metrics} view to the server this builder builds, so that handlers routed
         * before the server exists ({@link Metrics#prometheus()}, {@link Metrics#readiness()}) can
         * report on it. A view binds to one server only: {@link #build} fails for a second one.
         *
         * @param metrics the view
         * @return this builder
         */
        Builder metrics(Metrics metrics);

        /**
         * Builds the server (not started yet) from a copy of these settings.
         *
         * @return the server
         * @throws IllegalStateException if no handler was set, {@link #maxBufferedBytes} is less
         *                               than {@link #maxBufferedBytesPerConnection}, or the
         *                               {@link #metrics} view is bound to another server already
         */
        Server build();
    }
}
