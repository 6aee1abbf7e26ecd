package mummy.io.internal.loop;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import mummy.io.internal.ffi.NativeIoException;
import mummy.io.internal.ffi.SocketAddresses;
import mummy.io.internal.ffi.Sockets;

/**
 * Opens listening sockets: non-blocking, close-on-exec, {@code SO_REUSEADDR}, IPv6 sockets
 * IPv6-only (listen on {@code 0.0.0.0} as well for both families); with {@code SO_REUSEPORT} when
 * several IO loops each listen on the same address, so that the kernel spreads new connections
 * over their sockets (by a hash of the connection's addresses and ports).
 *
 * <p>Threading: called by the thread that starts the server, before the IO thread runs.
 */
final class Listeners {

    private Listeners() {
    }

    /**
     * A bound, listening socket.
     *
     * @param fd its file descriptor
     * @param address the address it is bound to (with the real port when 0 was asked)
     */
    record Bound(int fd, InetSocketAddress address) {
    }

    /** Whether a listening socket shares its address with the server's other IO loops. */
    enum Sharing {
        /** The server's only loop: a plain listener. */
        ALONE,
        /**
         * The first of several loops: {@code SO_REUSEPORT}, after a probe without it has bound the
         * address, so that an address taken by anyone (another server with {@code SO_REUSEPORT}
         * included) fails with {@code EADDRINUSE} instead of silently sharing its connections, and
         * so that a port 0 becomes a port nobody uses.
         */
        FIRST,
        /** Another loop joining the first's address (its real port): {@code SO_REUSEPORT}. */
        JOIN
    }

    /**
     * Opens, binds and listens.
     *
     * @param address where
     * @param backlog the listen backlog
     * @param sharing whether and how the socket shares its address with other loops' sockets
     * @return the bound socket
     * @throws NativeIoException if the kernel refuses
     */
    static Bound open(InetSocketAddress address, int backlog, Sharing sharing) throws NativeIoException {
        InetSocketAddress at = address;
        if (sharing == Sharing.FIRST) {
            Bound probe = bind(address, false);
            Sockets.close(probe.fd());
            at = probe.address();
        }
        Bound bound = bind(at, sharing != Sharing.ALONE);
        int listened = Sockets.listen(bound.fd(), backlog);
        if (listened < 0) {
            Sockets.close(bound.fd());
            throw new NativeIoException("listen " + address, -listened);
        }
        return bound;
    }

    /** A socket bound to {@code address} (not listening yet), with its real address. */
    private static Bound bind(InetSocketAddress address, boolean reusePort) throws NativeIoException {
        int family = SocketAddresses.family(address);
        int fd = (int) NativeIoException.check("socket",
                Sockets.socket(family, Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC, 0));
        try (Arena arena = Arena.ofConfined()) {
            NativeIoException.check("setsockopt SO_REUSEADDR",
                    Sockets.setIntOption(fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1));
            if (reusePort) { // before bind: the kernel requires it of every socket that shares the port
                NativeIoException.check("setsockopt SO_REUSEPORT",
                        Sockets.setIntOption(fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEPORT, 1));
            }
            if (family == Sockets.AF_INET6) {
                NativeIoException.check("setsockopt IPV6_V6ONLY",
                        Sockets.setIntOption(fd, Sockets.IPPROTO_IPV6, Sockets.IPV6_V6ONLY, 1));
            }
            NativeIoException.check("bind " + address, Sockets.bind(fd, SocketAddresses.encode(arena, address)));
            MemorySegment local = arena.allocate(SocketAddresses.STORAGE_SIZE, 8);
            MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, SocketAddresses.STORAGE_SIZE);
            NativeIoException.check("getsockname", Sockets.getsockname(fd, local, length));
            return new Bound(fd, SocketAddresses.decode(local));
        } catch (NativeIoException | RuntimeException e) {
            Sockets.close(fd);
            throw e;
        }
    }
}
