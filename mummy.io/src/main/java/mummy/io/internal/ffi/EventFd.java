package mummy.io.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Thin facade over {@code eventfd(2)}: a counter fd used to wake the IO thread from
 * {@code epoll_wait}.
 *
 * <p>Threading: {@link #signal} may be called from any thread (the kernel serialises writes);
 * {@link #drain} by the IO thread only.
 */
public final class EventFd {

    /** {@code eventfd} flag: non-blocking. */
    public static final int EFD_NONBLOCK = 0x800;
    /** {@code eventfd} flag: close on exec. */
    public static final int EFD_CLOEXEC = 0x80000;

    private static final MethodHandle EVENTFD = Libc.errnoCall("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = Libc.criticalErrnoCall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle READ = Libc.criticalErrnoCall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    private static final long[] ONE = {1L};

    private EventFd() {
    }

    /**
     * {@code eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)}.
     *
     * @return the fd, or {@code -errno}
     */
    public static int create() {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            return (int) Libc.resultOrErrno((int) EVENTFD.invokeExact(state, 0, EFD_NONBLOCK | EFD_CLOEXEC), state);
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * Adds 1 to the counter, making the fd readable.
     *
     * @param fd the eventfd
     * @return 8, or {@code -errno}
     */
    public static long signal(int fd) {
        MemorySegment one = MemorySegment.ofArray(ONE);
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            while (true) {
                long result = (long) WRITE.invokeExact(state, fd, one, 8L);
                if (result >= 0 || Libc.errno(state) != Errno.EINTR) {
                    return Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * Reads and resets the counter.
     *
     * @param fd the eventfd
     * @return the counter's value, or {@code -errno} ({@code -EAGAIN} when it was 0)
     */
    public static long drain(int fd) {
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            MemorySegment value = call.scratch();
            while (true) {
                long result = (long) READ.invokeExact(state, fd, value, 8L);
                if (result >= 0) {
                    return value.get(JAVA_LONG, 0);
                }
                if (Libc.errno(state) != Errno.EINTR) {
                    return Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }
}
