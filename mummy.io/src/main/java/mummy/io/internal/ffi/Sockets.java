package mummy.io.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Thin facade over the libc socket calls, one {@code static final} downcall handle each. Results
 * are the C results, or {@code -errno} when negative; {@code EINTR} is retried here.
 *
 * <p>{@link #read} and {@link #send} take heap arrays directly (critical downcalls: no copy).
 *
 * <p>Threading: every method may be called from any thread; in the server only the IO thread
 * calls them for connection sockets.
 */
public final class Sockets {

    /** IPv4 address family. */
    public static final int AF_INET = 2;
    /** IPv6 address family. */
    public static final int AF_INET6 = 10;
    /** Stream socket type. */
    public static final int SOCK_STREAM = 1;
    /** {@code socket}/{@code accept4} flag: non-blocking. */
    public static final int SOCK_NONBLOCK = 0x800;
    /** {@code socket}/{@code accept4} flag: close on exec. */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** Socket-level options. */
    public static final int SOL_SOCKET = 1;
    /** Allow binding a port in TIME_WAIT. */
    public static final int SO_REUSEADDR = 2;
    /** Several sockets bound to one port, load-balanced by the kernel. */
    public static final int SO_REUSEPORT = 15;
    /** Linger on close: with a zero timeout, close resets the connection and drops unsent data. */
    public static final int SO_LINGER = 13;
    /** TCP-level options. */
    public static final int IPPROTO_TCP = 6;
    /** Disable Nagle's algorithm. */
    public static final int TCP_NODELAY = 1;
    /** IPv6-level options. */
    public static final int IPPROTO_IPV6 = 41;
    /** Restrict an IPv6 socket to IPv6 only. */
    public static final int IPV6_V6ONLY = 26;
    /** {@code send} flag: no SIGPIPE when the peer has closed. */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** {@code send} flag: more data follows, coalesce (like TCP_CORK for one call). */
    public static final int MSG_MORE = 0x8000;
    /** {@code shutdown}: no more sends. */
    public static final int SHUT_WR = 1;
    /** {@code shutdown}: no more sends or receives. */
    public static final int SHUT_RDWR = 2;

    private static final MethodHandle SOCKET = Libc.errnoCall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = Libc.errnoCall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code ioctl(fd, SIOCOUTQ, int *)}: variadic after the request. */
    private static final MethodHandle IOCTL_INT = Libc.errnoCall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    /** {@code SIOCOUTQ} (= {@code TIOCOUTQ}, linux/sockios.h): bytes in a TCP socket's send queue not yet acknowledged. */
    static final long SIOCOUTQ = 0x5411;
    private static final MethodHandle BIND = Libc.errnoCall("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = Libc.errnoCall("listen",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT4 = Libc.errnoCall("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = Libc.errnoCall("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle READ = Libc.criticalErrnoCall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle READV = Libc.errnoCall("readv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle WRITE = Libc.criticalErrnoCall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITEV = Libc.errnoCall("writev",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SEND = Libc.criticalErrnoCall("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SHUTDOWN = Libc.errnoCall("shutdown",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = Libc.errnoCall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Sockets() {
    }

    /**
     * {@code socket(domain, type, protocol)}.
     *
     * @param domain {@link #AF_INET} or {@link #AF_INET6}
     * @param type {@link #SOCK_STREAM} with flags
     * @param protocol 0
     * @return the new fd, or {@code -errno}
     */
    public static int socket(int domain, int type, int protocol) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            return (int) Libc.resultOrErrno((int) SOCKET.invokeExact(state, domain, type, protocol), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * The bytes written to a TCP socket that its peer has not acknowledged yet ({@code SIOCOUTQ},
     * tcp(7)): what is written minus what this says is what the peer really took.
     *
     * @param fd the socket
     * @return the byte count, or {@code -errno}
     */
    public static int unsentBytes(int fd) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            MemorySegment holder = call.scratch(); // the call writes the first 4 bytes
            int result = (int) Libc.resultOrErrno((int) IOCTL_INT.invokeExact(state, fd, SIOCOUTQ, holder), state);
            return result < 0 ? result : holder.get(JAVA_INT, 0);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code setsockopt} with an {@code int} value.
     *
     * @param fd the socket
     * @param level such as {@link #SOL_SOCKET}
     * @param option such as {@link #SO_REUSEADDR}
     * @param value the value
     * @return 0, or {@code -errno}
     */
    public static int setIntOption(int fd, int level, int option, int value) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            MemorySegment holder = call.scratch(); // the call reads the first 4 bytes
            holder.set(JAVA_INT, 0, value);
            return (int) Libc.resultOrErrno((int) SETSOCKOPT.invokeExact(state, fd, level, option, holder,
                    (int) JAVA_INT.byteSize()), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * Closes with a reset: {@code SO_LINGER} {on, 0 s}, then {@code close}, so unsent data is
     * dropped at once instead of being delivered to a peer that does not read.
     *
     * @param fd the socket
     * @return 0, or {@code -errno}
     */
    public static int abort(int fd) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            MemorySegment linger = call.scratch(); // struct linger { int l_onoff; int l_linger; }
            linger.setAtIndex(JAVA_INT, 0, 1);
            linger.setAtIndex(JAVA_INT, 1, 0);
            int ignored = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_LINGER, linger,
                    (int) (2 * JAVA_INT.byteSize()));
            return close(fd);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code bind(fd, address, length)}.
     *
     * @param fd the socket
     * @param address a {@code sockaddr_in} or {@code sockaddr_in6}
     * @return 0, or {@code -errno}
     */
    public static int bind(int fd, MemorySegment address) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            return (int) Libc.resultOrErrno((int) BIND.invokeExact(state, fd, address, (int) address.byteSize()), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code listen(fd, backlog)}.
     *
     * @param fd the bound socket
     * @param backlog the accept queue length
     * @return 0, or {@code -errno}
     */
    public static int listen(int fd, int backlog) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            return (int) Libc.resultOrErrno((int) LISTEN.invokeExact(state, fd, backlog), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code accept4(fd, address, length, flags)}.
     *
     * @param fd the listening socket
     * @param address receives the peer's {@code sockaddr} ({@link SocketAddresses#STORAGE_SIZE} bytes)
     * @param length an {@code int} holding the address buffer's size, updated by the call
     * @param flags such as {@link #SOCK_NONBLOCK} | {@link #SOCK_CLOEXEC}
     * @return the new connection's fd, or {@code -errno} ({@code -EAGAIN} when none is pending)
     */
    public static int accept4(int fd, MemorySegment address, MemorySegment length, int flags) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            while (true) {
                int result = (int) ACCEPT4.invokeExact(state, fd, address, length, flags);
                if (result >= 0 || Libc.errno(state) != Errno.EINTR) {
                    return (int) Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code getsockname(fd, address, length)}.
     *
     * @param fd the socket
     * @param address receives the local address
     * @param length an {@code int} holding the buffer's size, updated by the call
     * @return 0, or {@code -errno}
     */
    public static int getsockname(int fd, MemorySegment address, MemorySegment length) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            return (int) Libc.resultOrErrno((int) GETSOCKNAME.invokeExact(state, fd, address, length), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code read(fd, buffer + offset, length)} into a heap array.
     *
     * @param fd the socket
     * @param buffer the destination
     * @param offset where to start writing
     * @param length at most this many bytes
     * @return the bytes read (0 at end of stream), or {@code -errno}
     */
    public static long read(int fd, byte[] buffer, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        MemorySegment target = MemorySegment.ofArray(buffer).asSlice(offset, length);
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            while (true) {
                long result = (long) READ.invokeExact(state, fd, target, (long) length);
                if (result >= 0 || Libc.errno(state) != Errno.EINTR) {
                    return Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code readv(fd, iov, count)} into native buffers.
     *
     * @param fd the socket
     * @param iov an array of {@code struct iovec} (see {@link IoVec})
     * @param count the number of entries
     * @return the bytes read (0 at end of stream), or {@code -errno}
     */
    public static long readv(int fd, MemorySegment iov, int count) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            while (true) {
                long result = (long) READV.invokeExact(state, fd, iov, count);
                if (result >= 0 || Libc.errno(state) != Errno.EINTR) {
                    return Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code write(fd, buffer + offset, length)} from a heap array; for sockets prefer
     * {@link #send} with {@link #MSG_NOSIGNAL}.
     *
     * @param fd the file descriptor
     * @param buffer the source
     * @param offset where to start reading
     * @param length at most this many bytes
     * @return the bytes written, or {@code -errno}
     */
    public static long write(int fd, byte[] buffer, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        MemorySegment source = MemorySegment.ofArray(buffer).asSlice(offset, length);
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            while (true) {
                long result = (long) WRITE.invokeExact(state, fd, source, (long) length);
                if (result >= 0 || Libc.errno(state) != Errno.EINTR) {
                    return Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code writev(fd, iov, count)} from native buffers.
     *
     * @param fd the socket
     * @param iov an array of {@code struct iovec} (see {@link IoVec})
     * @param count the number of entries
     * @return the bytes written, or {@code -errno}
     */
    public static long writev(int fd, MemorySegment iov, int count) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            while (true) {
                long result = (long) WRITEV.invokeExact(state, fd, iov, count);
                if (result >= 0 || Libc.errno(state) != Errno.EINTR) {
                    return Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code send(fd, buffer + offset, length, flags)} from a heap array.
     *
     * @param fd the socket
     * @param buffer the source
     * @param offset where to start reading
     * @param length at most this many bytes
     * @param flags {@link #MSG_NOSIGNAL}, optionally with {@link #MSG_MORE}
     * @return the bytes sent, or {@code -errno}
     */
    public static long send(int fd, byte[] buffer, int offset, int length, int flags) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        MemorySegment source = MemorySegment.ofArray(buffer).asSlice(offset, length);
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            while (true) {
                long result = (long) SEND.invokeExact(state, fd, source, (long) length, flags);
                if (result >= 0 || Libc.errno(state) != Errno.EINTR) {
                    return Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code shutdown(fd, how)}.
     *
     * @param fd the socket
     * @param how {@link #SHUT_WR} or {@link #SHUT_RDWR}
     * @return 0, or {@code -errno}
     */
    public static int shutdown(int fd, int how) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            return (int) Libc.resultOrErrno((int) SHUTDOWN.invokeExact(state, fd, how), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code close(fd)}. Not retried on {@code EINTR}: on Linux the fd is released anyway.
     *
     * @param fd the file descriptor
     * @return 0, or {@code -errno}
     */
    public static int close(int fd) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            return (int) Libc.resultOrErrno((int) CLOSE.invokeExact(state, fd), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }
}
