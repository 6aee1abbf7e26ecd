package mummy.io.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Thin facade over {@code epoll_create1}, {@code epoll_ctl} and {@code epoll_wait}, shaped like the
 * JDK's {@code sun.nio.ch.EPoll}.
 *
 * <p>{@code struct epoll_event} is {@code { uint32_t events; uint64_t data; }}: packed (12 bytes,
 * data at offset 4) on x86-64, where the kernel declares it {@code __attribute__((packed))}, and
 * naturally aligned (16 bytes, data at offset 8) elsewhere, such as aarch64; the layout is chosen
 * at run time from {@code os.arch}.
 *
 * <p>Threading: any thread may call these; the server's IO thread owns its epoll fd and its
 * event array.
 */
public final class Epoll {

    /** Readable. */
    public static final int EPOLLIN = 0x001;
    /** Writable. */
    public static final int EPOLLOUT = 0x004;
    /** Error condition (always reported). */
    public static final int EPOLLERR = 0x008;
    /** Hang up (always reported). */
    public static final int EPOLLHUP = 0x010;
    /** The peer closed its writing half. */
    public static final int EPOLLRDHUP = 0x2000;
    /** Edge-triggered notification. */
    public static final int EPOLLET = 1 << 31;
    /** {@code epoll_create1} flag: close on exec. */
    public static final int EPOLL_CLOEXEC = 0x80000;
    /** {@code epoll_ctl}: add an fd. */
    public static final int EPOLL_CTL_ADD = 1;
    /** {@code epoll_ctl}: remove an fd. */
    public static final int EPOLL_CTL_DEL = 2;
    /** {@code epoll_ctl}: change an fd's events. */
    public static final int EPOLL_CTL_MOD = 3;

    /** Whether {@code struct epoll_event} is packed on this platform (x86-64). */
    public static final boolean PACKED = isPacked(System.getProperty("os.arch"));
    /** The size of one {@code struct epoll_event}. */
    public static final long EVENT_SIZE = PACKED ? 12 : 16;
    /** The offset of {@code data} in {@code struct epoll_event}. */
    public static final long DATA_OFFSET = PACKED ? 4 : 8;

    private static final MethodHandle CREATE1 = Libc.errnoCall("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle CTL = Libc.errnoCall("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle WAIT = Libc.errnoCall("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private Epoll() {
    }

    static boolean isPacked(String arch) {
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /**
     * {@code epoll_create1(EPOLL_CLOEXEC)}.
     *
     * @return the epoll fd, or {@code -errno}
     */
    public static int create() {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            return (int) Libc.resultOrErrno((int) CREATE1.invokeExact(state, EPOLL_CLOEXEC), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * Allocates an array of {@code count} events.
     *
     * @param arena where to allocate
     * @param count the capacity
     * @return the array
     */
    public static MemorySegment allocateEvents(Arena arena, int count) {
        return arena.allocate(EVENT_SIZE * count, 8);
    }

    /**
     * {@code epoll_ctl(epfd, op, fd, {events, data})}.
     *
     * @param epfd the epoll fd
     * @param op {@link #EPOLL_CTL_ADD}, {@link #EPOLL_CTL_MOD} or {@link #EPOLL_CTL_DEL}
     * @param fd the fd to watch
     * @param events the event mask
     * @param data the value reported with the fd's events
     * @param scratch one event's worth of native memory to build the argument in
     * @return 0, or {@code -errno}
     */
    public static int ctl(int epfd, int op, int fd, int events, long data, MemorySegment scratch) {
        scratch.set(JAVA_INT, 0, events);
        scratch.set(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET, data);
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            return (int) Libc.resultOrErrno((int) CTL.invokeExact(state, epfd, op, fd, scratch), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code epoll_wait(epfd, events, max, timeout)}; {@code EINTR} is reported as 0 events so
     * that the caller's loop re-checks its timers.
     *
     * @param epfd the epoll fd
     * @param events the event array
     * @param max its capacity
     * @param timeoutMillis -1 to wait forever, 0 to poll
     * @return the number of events, or {@code -errno}
     */
    public static int wait(int epfd, MemorySegment events, int max, int timeoutMillis) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            int n = (int) WAIT.invokeExact(state, epfd, events, max, timeoutMillis);
            if (n < 0 && Libc.errno(state) == Errno.EINTR) {
                return 0;
            }
            return (int) Libc.resultOrErrno(n, state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * The event mask of event {@code index}.
     *
     * @param events the array filled by {@link #wait}
     * @param index the event
     * @return the mask
     */
    public static int events(MemorySegment events, int index) {
        return events.get(ValueLayout.JAVA_INT_UNALIGNED, index * EVENT_SIZE);
    }

    /**
     * The data of event {@code index}.
     *
     * @param events the array filled by {@link #wait}
     * @param index the event
     * @return the data given to {@link #ctl}
     */
    public static long data(MemorySegment events, int index) {
        return events.get(ValueLayout.JAVA_LONG_UNALIGNED, index * EVENT_SIZE + DATA_OFFSET);
    }
}
