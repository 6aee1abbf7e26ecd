package mummy.io.internal.loop;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mummy.io.internal.ffi.Epoll;
import mummy.io.internal.ffi.Errno;
import mummy.io.internal.ffi.NativeIoException;
import mummy.io.internal.ffi.SocketAddresses;
import mummy.io.internal.ffi.Sockets;
import mummy.io.internal.metrics.LoopMetrics;

/**
 * The loop's listening sockets: accepts until {@code EAGAIN}, registers each new connection with
 * epoll once (edge-triggered, {@code EPOLLIN | EPOLLOUT | EPOLLRDHUP}, data
 * {@code generation << 32 | fd}), and pauses accepting at the connection cap (until a connection
 * closes, on this loop or, as the cap is the whole server's, on another: see {@link ConnectionCap})
 * or after an accept error such as {@code EMFILE} (for 100 ms), by switching the listeners'
 * level-triggered {@code EPOLLIN} off. While a listener is paused the kernel keeps queueing
 * connections in its backlog; with {@code SO_REUSEPORT} each loop's listener has its own backlog.
 *
 * <p>Threading: {@link #listen} by the starting thread before the loop runs; everything else on
 * the IO thread.
 */
final class Acceptor {

    private static final System.Logger LOG = System.getLogger("mummy.io");
    private static final int CONNECTION_EVENTS = Epoll.EPOLLIN | Epoll.EPOLLOUT | Epoll.EPOLLRDHUP | Epoll.EPOLLET;
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final int epfd;
    private final LoopConfig config;
    private final ConnectionTable connections;
    private final LoopGroup group;
    private final ConnectionCap cap;
    /** This loop's index in its group. */
    private final int index;
    private final Consumer<Connection> accepted;
    private final LoopMetrics metrics;
    private final MemorySegment ctlScratch;
    private final MemorySegment address;
    private final MemorySegment addressLength;
    private final List<Listeners.Bound> listeners = new ArrayList<>();
    private long nextGeneration = 1;
    private boolean paused;
    /** When to try again after an accept error; {@link Long#MAX_VALUE} when paused at the cap. */
    private long retryAt;

    Acceptor(int epfd, Arena arena, LoopConfig config, ConnectionTable connections, LoopGroup group, int index,
             LoopMetrics metrics, Consumer<Connection> accepted) {
        this.group = group;
        this.cap = group.connections();
        this.index = index;
        this.metrics = metrics;
        this.epfd = epfd;
        this.config = config;
        this.connections = connections;
        this.accepted = accepted;
        this.ctlScratch = Epoll.allocateEvents(arena, 1);
        this.address = arena.allocate(SocketAddresses.STORAGE_SIZE, 8);
        this.addressLength = arena.allocate(ValueLayout.JAVA_INT);
    }

    /** Opens and registers a listening socket; see {@link IoLoop#listen}. */
    InetSocketAddress listen(InetSocketAddress at) throws NativeIoException {
        if (group.handsOver() && index != 0) {
            throw new IllegalStateException("only loop 0 listens when connections are handed over");
        }
        Listeners.Sharing sharing = group.loops() == 1 || group.handsOver() ? Listeners.Sharing.ALONE
                : index == 0 ? Listeners.Sharing.FIRST : Listeners.Sharing.JOIN;
        Listeners.Bound bound = Listeners.open(at, config.backlog(), sharing);
        listeners.add(bound);
        NativeIoException.check("epoll_ctl listener", Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, bound.fd(),
                Epoll.EPOLLIN, bound.fd(), ctlScratch));
        return bound.address();
    }

    /** Whether accepting is paused (the loop then wakes at least every 100 ms). */
    boolean paused() {
        return paused;
    }

    /**
     * A listener is readable: accept what waits, up to the connection cap. Each accept takes a
     * place of the cap first and gives it back when nothing was accepted, so loops that share
     * the cap never hold more connections together than it allows.
     */
    void onAcceptable(int listenerFd) {
        while (cap.tryTake()) {
            addressLength.set(ValueLayout.JAVA_INT, 0, SocketAddresses.STORAGE_SIZE);
            int fd = Sockets.accept4(listenerFd, address, addressLength, Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC);
            if (fd >= 0) {
                int length = Math.min(addressLength.get(ValueLayout.JAVA_INT, 0), SocketAddresses.STORAGE_SIZE);
                byte[] remote = address.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
                int target = group.target(index);
                if (target == index) {
                    register(fd, remote);
                } else {
                    group.handOver(target, new IoCommand.Adopt(fd, remote));
                }
                continue;
            }
            cap.release(index);
            int errno = -fd;
            if (errno == Errno.EAGAIN) {
                return;
            }
            if (errno == Errno.ECONNABORTED) {
                continue;
            }
            LOG.log(System.Logger.Level.WARNING, "accept.failed: " + Errno.name(errno) + "; pausing accepts briefly");
            pause(config.nanoClock().getAsLong() + RETRY_NANOS);
            return;
        }
        if (!paused) {
            metrics.pausedAtCap();
        }
        pause(Long.MAX_VALUE); // at the cap: resumed when a connection of this loop closes, or
        if (cap.loops() > 1 && cap.waitForRoom(index)) { // by a wake from the loop that frees a place
            resume();
        }
    }

    /**
     * A connection the listening loop handed over ({@link LoopGroup}): served here from now on,
     * or, if this loop is shutting down, closed and its place given back.
     *
     * @param adopted the connection
     * @param shuttingDown whether this loop has begun its shutdown
     */
    void adopt(IoCommand.Adopt adopted, boolean shuttingDown) {
        if (shuttingDown) {
            refuse(adopted);
        } else {
            register(adopted.fd(), adopted.remote());
        }
    }

    /** Closes a handed-over connection this loop does not take, and gives its place back. */
    void refuse(IoCommand.Adopt adopted) {
        Sockets.close(adopted.fd());
        cap.release(index);
    }

    /** Takes a connection its place of the cap holds; the place is given back in {@link #connectionClosed}. */
    private void register(int fd, byte[] remote) {
        Sockets.setIntOption(fd, Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, 1);
        long generation = nextGeneration++;
        if ((generation & 0xFFFF_FFFFL) == 0) {
            generation = nextGeneration++; // 0 in the low half marks listeners and the eventfd
        }
        int added = Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, fd, CONNECTION_EVENTS,
                (generation & 0xFFFF_FFFFL) << 32 | fd, ctlScratch);
        if (added < 0) {
            LOG.log(System.Logger.Level.WARNING, "accept.register_failed: fd " + fd + ": " + Errno.name(-added));
            Sockets.close(fd);
            cap.release(index);
            return;
        }
        Connection connection = new Connection(fd, generation, remote);
        connections.add(connection);
        accepted.accept(connection);
    }

    /** A connection's fd closed: give its place back, and accept again if paused at the cap. */
    void connectionClosed() {
        cap.release(index);
        if (paused && retryAt == Long.MAX_VALUE) {
            resume();
        }
    }

    /** Another loop freed a place of the cap (its wake): accept again if paused at the cap and there is room. */
    void roomFreed() {
        if (paused && retryAt == Long.MAX_VALUE && cap.waitForRoom(index)) {
            resume();
        }
    }

    /** Accept again once the pause after an accept error is over, if there is room; else wait for room. */
    void checkRetry(long now) {
        if (paused && retryAt != Long.MAX_VALUE && now - retryAt >= 0) {
            retryAt = Long.MAX_VALUE;
            if (cap.hasRoom() || cap.loops() > 1 && cap.waitForRoom(index)) {
                resume();
            }
        }
    }

    private void pause(long until) {
        retryAt = until;
        if (!paused) {
            paused = true;
            listeners.forEach(l -> Epoll.ctl(epfd, Epoll.EPOLL_CTL_MOD, l.fd(), 0, l.fd(), ctlScratch));
        }
    }

    private void resume() {
        paused = false;
        listeners.forEach(l -> Epoll.ctl(epfd, Epoll.EPOLL_CTL_MOD, l.fd(), Epoll.EPOLLIN, l.fd(), ctlScratch));
    }

    /** Closes every listener: nothing is accepted from now on (shutdown, or the loop's end). */
    void closeListeners() {
        listeners.forEach(l -> Sockets.close(l.fd()));
        listeners.clear();
    }
}
