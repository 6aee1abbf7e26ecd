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

    /**
     * Opens, binds and listens.
     *
     * @param address where
     * @param backlog the listen backlog
     * @param reusePort whether to set {@code SO_REUSEPORT} (before binding, as the kernel requires
     *                  of every socket that shares the port)
     * @return the bound socket
     * @throws NativeIoException if the kernel refuses
     */
    static Bound open(InetSocketAddress address, int backlog, boolean reusePort) throws NativeIoException {
        int family = SocketAddresses.family(address);
        int fd = (int) NativeIoException.check("socket",
                Sockets.socket(family, Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC, 0));
        try (Arena arena = Arena.ofConfined()) {
            NativeIoException.check("setsockopt SO_REUSEADDR",
                    Sockets.setIntOption(fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1));
            if (reusePort) {
                NativeIoException.check("setsockopt SO_REUSEPORT",
                        Sockets.setIntOption(fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEPORT, 1));
            }
            if (family == Sockets.AF_INET6) {
                NativeIoException.check("setsockopt IPV6_V6ONLY",
                        Sockets.setIntOption(fd, Sockets.IPPROTO_IPV6, Sockets.IPV6_V6ONLY, 1));
            }
            NativeIoException.check("bind " + address, Sockets.bind(fd, SocketAddresses.encode(arena, address)));
            NativeIoException.check("listen " + address, Sockets.listen(fd, backlog));
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
