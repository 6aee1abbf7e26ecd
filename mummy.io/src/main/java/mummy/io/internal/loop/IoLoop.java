package mummy.io.internal.loop;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import mummy.api.spi.Scheduler;
import mummy.io.ServerMetrics;
import mummy.io.internal.ffi.Epoll;
import mummy.io.internal.ffi.EventFd;
import mummy.io.internal.ffi.NativeIoException;
import mummy.io.internal.ffi.Sockets;
import mummy.io.internal.jfr.IoLoopStallEvent;
import mummy.io.internal.jfr.Jfr;
import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;

/**
 * The IO thread: one platform thread that owns every socket and all connection state. Each turn
 * it waits in {@code epoll_wait}, accepts, reads and parses ({@link ConnectionIo}), drains the
 * messages workers sent back (bounded per turn), writes, and checks its deadlines.
 *
 * <pre>
 *   +--&gt; epoll_wait --&gt; queue.awake() --&gt; events: accept | read+parse+dispatch | write
 *   |                                                      |
 *   +-- deadlines &lt;-- flush dirty connections &lt;-- queue.drain(): responses in request order
 * </pre>
 *
 * <p>epoll registrations: listeners level-triggered {@code EPOLLIN} (switched off at the
 * connection cap); the eventfd and connections edge-triggered, registered once with
 * {@code EPOLLIN | EPOLLOUT | EPOLLRDHUP}, so the loop never calls {@code epoll_ctl} per request.
 * An event's data is {@code generation << 32 | fd} for connections and {@code fd} for the others,
 * so an event fetched for a connection closed earlier in the same turn is recognised and skipped.
 *
 * <p>Threading: {@link #listen} and {@link #start} by the starting thread before the loop runs;
 * {@link #shutdown} and {@link #awaitTermination} from any thread; everything else on the IO
 * thread. Anything unexpected while serving one connection closes that connection, is logged
 * once with its fd, and the loop lives on. *
 * <p>One unit, past the usual size: it owns the fds, the epoll set, the connection table and the
 * turn that ties them together (accept, events, commands, deadlines, shutdown); what happens to
 * one connection lives in {@link ConnectionIo}.
 */
public final class IoLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger("mummy.io");
    private static final int MAX_EVENTS = 512;
    private static final int DRAIN_LIMIT = 4096;
    /** Turns in a row whose own work failed (outside any connection) before the loop gives up. */
    private static final int MAX_FAILED_TURNS = 100;

    final LoopConfig config;
    final Scheduler scheduler;
    final WakeupQueue<IoCommand> queue;
    /** This loop's counters; the IO thread writes them. */
    final LoopMetrics metrics;
    /** This loop's request series; its IO thread records them. */
    final HttpMetrics http;
    /** What the worker-side classes may use of this loop. */
    final WorkerPort port;
    /** Wakes the IO thread; released before the eventfd closes, so no late wakeup writes into a reused fd. */
    private final ReleasableWaker waker;
    private final int epfd;
    private final int eventFd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment events;
    private final MemorySegment ctlScratch;
    private final ConnectionIo io;
    private final Acceptor acceptor;
    private final CountDownLatch terminated = new CountDownLatch(1);
    // NOTE: benign race: a response encoded just before this is set lacks "Connection: close", but
    // the loop still closes its connection once it is written; clients handle that (RFC 9112 9.6).
    private volatile boolean draining;
    // Set by the IO thread as it ends, before its last drain; read by workers after offering a file.
    private volatile boolean stopped;
    // NOTE: written by the IO thread only, read by any thread for monitoring: a plain snapshot.
    private volatile int openConnections;
    /** Set once if the IO thread ends on its own; read by the server to report it. */
    private volatile Throwable failure;

    private final ConnectionTable connections = new ConnectionTable();
    /** Tasks the IO thread hands to the scheduler at the next {@link #submitDeferred()}, in order. */
    private final ArrayList<Runnable> deferred = new ArrayList<>();
    /** Asks the handler whether a request's body is streamed; a handler that throws gets a buffered body. */
    private final BiPredicate<String, String> streamsBody;
    private boolean shuttingDown;
    private long shutdownDeadline;
    /** The clock when this turn's epoll_wait returned (0 when metrics are off): requests' start and end. */
    long turnNanos;
    /** The clock when the last turn ended: the next epoll_wait starts about then. */
    private long lastTurnEnd;
    private Thread thread;

    /**
     * A loop that is its server's only one: creates the epoll instance and the wakeup eventfd.
     *
     * @param config the settings
     * @param scheduler where handlers run
     * @param metrics this loop's counters
     * @param http the loop's request series (recorded by its IO thread only)
     * @throws NativeIoException if the kernel refuses
     */
    public IoLoop(LoopConfig config, Scheduler scheduler, LoopMetrics metrics, HttpMetrics http)
            throws NativeIoException {
        this(config, LoopGroup.single(config), scheduler, metrics, http);
    }

    /**
     * One of a server's loops: creates the epoll instance and the wakeup eventfd. If the kernel
     * refuses the second, the first is closed before this throws.
     *
     * @param config this loop's settings (its name, its share of the byte budget)
     * @param group what the server's loops share (the connection cap, the deflate sessions)
     * @param scheduler where handlers run
     * @param metrics this loop's counters
     * @param http this loop's request series (recorded by its IO thread only)
     * @throws NativeIoException if the kernel refuses
     */
    public IoLoop(LoopConfig config, LoopGroup group, Scheduler scheduler, LoopMetrics metrics, HttpMetrics http)
            throws NativeIoException {
        this.config = config;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.http = http;
        this.streamsBody = (method, target) -> {
            try {
                return config.handler().streamsBody(method, target);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "handler.streams_body_failed: the handler's streamsBody(\""
                        + method + "\", \"" + target + "\") threw; the body is buffered", e);
                return false;
            }
        };
        this.epfd = (int) NativeIoException.check("epoll_create1", Epoll.create());
        int wakeFd = EventFd.create();
        if (wakeFd < 0) {
            Sockets.close(epfd);
            arena.close();
            throw new NativeIoException("eventfd", -wakeFd);
        }
        this.eventFd = wakeFd;
        this.waker = new ReleasableWaker(() -> EventFd.signal(eventFd));
        this.queue = new WakeupQueue<>(waker);
        this.port = new WorkerPort(queue, config, scheduler, this::draining, this::stopped, this::submit, metrics, http,
                group.deflateSessions());
        this.events = Epoll.allocateEvents(arena, MAX_EVENTS);
        this.ctlScratch = Epoll.allocateEvents(arena, 1);
        this.io = new ConnectionIo(this);
        int index = group.join(new LoopGroup.Member() {
            @Override
            public void adopt(IoCommand.Adopt connection) {
                queue.offer(connection);
            }

            @Override
            public boolean stopped() {
                return IoLoop.this.stopped;
            }
        }, () -> queue.offer(new IoCommand.RoomFreed()));
        this.acceptor = new Acceptor(epfd, arena, config, connections, group, index, metrics,
                connection -> {
                    openConnections = connections.count();
                    metrics.accepted();
                    io.onAccepted(connection);
                });
        int added = Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, eventFd, Epoll.EPOLLIN | Epoll.EPOLLET, eventFd, ctlScratch);
        if (added < 0) {
            release();
            throw new NativeIoException("epoll_ctl eventfd", -added);
        }
    }

    /**
     * Opens a listening socket served by this loop; call before {@link #start}. With several
     * loops, the first binds the address (a port 0 becomes a free port), and the others must be
     * given the address it returned: they share it with {@code SO_REUSEPORT}.
     *
     * @param address where to listen (port 0 for an ephemeral port, first loop only)
     * @return the bound address
     * @throws NativeIoException if the socket cannot be opened, bound or registered
     */
    public InetSocketAddress listen(InetSocketAddress address) throws NativeIoException {
        if (thread != null) {
            throw new IllegalStateException("listen() must be called before start()");
        }
        return acceptor.listen(address);
    }

    /** Starts the IO thread (a platform thread, not a daemon). */
    public void start() {
        thread = Thread.ofPlatform().name(config.ioThreadName()).unstarted(this);
        queue.consumer(thread);
        thread.start();
    }

    /** Begins draining: responses encoded from now on announce {@code Connection: close}. */
    public void beginDraining() {
        draining = true;
    }

    /**
     * Asks the loop to close its listeners at its next turn, the first step of a server's
     * shutdown: every loop stops accepting before any begins to close connections. The server
     * has marked the loop draining first ({@link #beginDraining}).
     *
     * @return counted down once the listeners are closed (or at once if the loop has ended)
     */
    public CountDownLatch stopAccepting() {
        CountDownLatch closed = new CountDownLatch(1);
        if (terminated.getCount() == 0 || !started()) {
            closed.countDown();
        } else {
            queue.offer(new IoCommand.StopAccepting(closed));
        }
        return closed;
    }

    /**
     * Asks the loop to stop accepting and to end once what is in flight is written, closing what
     * remains after {@code grace}.
     *
     * @param grace how long requests in flight may take
     */
    public void shutdown(Duration grace) {
        draining = true; // before the command: readiness turns off at once
        queue.offer(new IoCommand.Shutdown(config.nanoClock().getAsLong() + grace.toNanos()));
    }

    /**
     * The number of open connections, as last published by the IO thread.
     *
     * @return the count
     */
    public int openConnections() {
        return openConnections;
    }

    /** Makes the loop run a turn and check its deadlines against its clock (for tests). */
    public void tick() {
        queue.offer(new IoCommand.Tick());
    }

    /**
     * Whether shutdown has begun: responses encoded from now on announce {@code Connection: close}.
     *
     * @return true once {@link #shutdown} was called
     */
    public boolean draining() {
        return draining;
    }

    /**
     * Whether the IO thread is serving: started, not ended, not failed.
     *
     * @return true while it runs its turns
     */
    public boolean running() {
        return thread != null && terminated.getCount() > 0 && failure == null;
    }

    /**
     * Waits for the IO thread to end.
     *
     * @param timeout the longest wait
     * @return whether it ended
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Whether {@link #start} was called.
     *
     * @return true once the IO thread was started
     */
    public boolean started() {
        return thread != null;
    }

    /** Gives up a loop that never started: closes its listeners and releases its fds. */
    public void abandon() {
        if (started()) {
            throw new IllegalStateException("abandon() is for a loop that never started");
        }
        acceptor.closeListeners();
        release();
    }

    /** Closes the epoll fd and the eventfd; call after the loop ended and the scheduler closed. */
    public void release() {
        waker.release(); // no signal runs from now on: the eventfd's number may be reused
        Sockets.close(eventFd);
        Sockets.close(epfd);
        arena.close();
    }

    @Override
    public void run() {
        lastTurnEnd = metrics.on ? System.nanoTime() : 0;
        try {
            int failedTurns = 0;
            while (!(shuttingDown && connections.count() == 0)) {
                try {
                    turn();
                    failedTurns = 0;
                } catch (NativeIoException fatal) {
                    throw fatal;
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError unexpected) {
                    // Per-connection work is guarded in ConnectionIo; this is the loop's own work
                    // (epoll, the queue, the scheduler). Go on, unless it fails turn after turn.
                    if (++failedTurns >= MAX_FAILED_TURNS) {
                        throw unexpected;
                    }
                    logQuietly("loop.turn_failed: the IO thread goes on", unexpected);
                }
            }
        } catch (Throwable fatal) {
            failure = fatal;
            logQuietly("loop.failed: the IO thread stops; its listeners and connections are closed", fatal);
        } finally {
            stopped = true; // before the close: a handler task that starts from now on does not run
            endQuietly(this::closeAll);
            endQuietly(this::submitDeferred); // the Close events of WebSockets closed just now
            endQuietly(this::discardLateSends);
            terminated.countDown();
        }
    }

    private void turn() throws NativeIoException {
        boolean timed = metrics.on;
        int n = Epoll.wait(epfd, events, MAX_EVENTS, queue.isEmpty() ? pollTimeout() : 0);
        long workStart = timed ? System.nanoTime() : 0;
        turnNanos = workStart;
        queue.awake();
        if (n < 0) {
            throw new NativeIoException("epoll_wait", -n);
        }
        IoLoopStallEvent stall = Jfr.beginIoLoopStall();
        if (GuardedStep.faults != null) {
            GuardedStep.faults.before("turn", -1);
        }
        for (int i = 0; i < n; i++) {
            onEvent(Epoll.events(events, i), Epoll.data(events, i));
        }
        submitDeferred();
        int commands = queue.drain(this::onCommand, DRAIN_LIMIT);
        io.resumeWaiting();
        io.flushDirty();
        checkDeadlines(config.nanoClock().getAsLong());
        submitDeferred();
        if (timed) {
            long end = System.nanoTime();
            metrics.turn(n, commands, workStart - lastTurnEnd, end - workStart);
            lastTurnEnd = end;
        }
        if (stall != null) {
            stall.end();
            if (stall.shouldCommit()) {
                stall.events = n;
                stall.commands = commands;
                stall.commit();
            }
        }
    }

    /**
     * Messages waiting in the queue now (any thread; an estimate while producers offer).
     *
     * @return the count
     */
    public int queueDepth() {
        return queue.size();
    }

    private static void logQuietly(String message, Throwable error) {
        try {
            LOG.log(System.Logger.Level.ERROR, message, error);
        } catch (Throwable logFailed) {
            // NOTE: under an OutOfMemoryError the log itself may fail; the loop's state matters more
        }
    }

    /** Runs one step of the loop's end; a failure there must not skip the others. */
    private static void endQuietly(Runnable step) {
        try {
            step.run();
        } catch (Throwable error) {
            logQuietly("loop.end_failed: a step of the IO thread's end failed", error);
        }
    }

    /**
     * Why the IO thread ended on its own, or null while it runs or after a normal shutdown.
     *
     * @return the error that ended it, or null
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * IO thread: runs {@code task} on the scheduler, handed over with the other tasks of this part
     * of the loop's turn. Handing tasks over back to back, rather than one per event as they are
     * parsed, lets a parked worker wake once for a burst instead of parking and waking again
     * between tasks: for WebSocket messages that saves a futex wake and wait per message. A task
     * the scheduler rejects (it is closing) is dropped with a debug log.
     *
     * @param task what to run
     */
    void submit(Runnable task) {
        deferred.add(task);
    }

    private void submitDeferred() {
        for (int i = 0; i < deferred.size(); i++) {
            try {
                scheduler.execute(deferred.get(i));
            } catch (RejectedExecutionException shuttingDown) {
                LOG.log(System.Logger.Level.DEBUG, "task.dropped: the scheduler is closed");
            }
        }
        deferred.clear();
    }

    private int pollTimeout() {
        int next = io.millisUntilNextDeadline();
        int cap = shuttingDown || acceptor.paused() ? 100 : 1000;
        return next < 0 ? (cap == 1000 ? -1 : cap) : Math.min(next, cap);
    }

    private void onEvent(int mask, long data) {
        int fd = (int) data;
        long generation = data >>> 32;
        if (generation == 0) {
            if (fd != eventFd) {
                acceptor.onAcceptable(fd);
            }
            return; // the eventfd only wakes us: the drain after the events does the work
        }
        Connection connection = connections.at(fd);
        if (connection == null || (connection.generation & 0xFFFF_FFFFL) != generation) {
            return; // NOTE: stale event of a connection closed earlier in this turn
        }
        io.onEvent(connection, mask);
    }

    private void onCommand(IoCommand command) {
        switch (command) {
            case IoCommand.Send send -> io.onSend(connections.get(send.fd(), send.generation()), send);
            case IoCommand.WsFrame frame -> io.onFrame(
                    connections.get(frame.webSocket().fd, frame.webSocket().generation), frame);
            case IoCommand.WsResume resume -> io.onWsResume(
                    connections.get(resume.webSocket().fd, resume.webSocket().generation));
            case IoCommand.Abort abort -> io.abort(connections.get(abort.fd(), abort.generation()), abort.reason());
            case IoCommand.BodyResume resume -> io.onBodyResume(connections.get(resume.fd(), resume.generation()),
                    resume.body());
            case IoCommand.StopAccepting stop -> {
                acceptor.closeListeners();
                stop.done().countDown();
            }
            case IoCommand.Shutdown shutdown -> beginShutdown(shutdown.deadlineNanos());
            case IoCommand.Tick tick -> { }
            case IoCommand.RoomFreed room -> acceptor.roomFreed();
            case IoCommand.Adopt adopted -> acceptor.adopt(adopted, shuttingDown);
        }
    }

    /** Whether the caller is this loop's IO thread (for confinement asserts). */
    boolean onIoThread() {
        return Thread.currentThread() == thread;
    }

    /** Asks the handler whether a request's body is streamed (never throws). */
    BiPredicate<String, String> streamsBody() {
        return streamsBody;
    }

    /** Called by {@link ConnectionIo} once a connection's fd is closed. */
    void forget(Connection connection) {
        connections.remove(connection);
        openConnections = connections.count();
        acceptor.connectionClosed(); // after shutdown began there is no listener left to resume
    }

    private void checkDeadlines(long now) {
        io.expire(now);
        io.flushDirty();
        acceptor.checkRetry(now);
        if (shuttingDown && now - shutdownDeadline >= 0) {
            connections.forEach(c -> io.close(c, ServerMetrics.CloseReason.SHUTDOWN, "shutdown grace period over"));
        }
    }

    private void beginShutdown(long deadline) {
        if (shuttingDown) {
            return;
        }
        shuttingDown = true;
        shutdownDeadline = deadline;
        acceptor.closeListeners();
        connections.forEach(io::shutdown);
    }

    /**
     * Closes the files of responses still queued, once the loop is marked stopped. A worker that
     * offers a file response reads {@link #stopped()} after its offer and closes the file itself
     * when it sees true; when it sees false, this drain (which starts after the flag is set)
     * takes its message. Either way the descriptor is closed ({@link FileBody#close} is a CAS).
     */
    private void discardLateSends() {
        int taken = DRAIN_LIMIT;
        for (int round = 0; round < 1000 && taken > 0; round++) { // bounded against a producer that never stops
            taken = queue.drain(command -> {
                if (command instanceof IoCommand.Send send) {
                    send.discard();
                } else if (command instanceof IoCommand.Adopt adopted) {
                    acceptor.refuse(adopted); // handed over as this loop ended: closed, place given back
                } else if (command instanceof IoCommand.StopAccepting stop) {
                    stop.done().countDown(); // nothing accepts any more: the loop has ended
                }
            }, DRAIN_LIMIT);
        }
    }

    /**
     * Whether the IO thread has stopped taking messages (see {@link #discardLateSends}).
     *
     * @return true once the loop ended
     */
    boolean stopped() {
        return stopped;
    }

    private void closeAll() {
        acceptor.closeListeners();
        connections.forEach(c -> io.close(c, ServerMetrics.CloseReason.SHUTDOWN, "IO thread stopped"));
    }

}
