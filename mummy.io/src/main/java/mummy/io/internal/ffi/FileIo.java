package mummy.io.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Thin facade over the libc calls that send files: {@code open}, {@code sendfile} and
 * {@code close}. Results are the C results, or {@code -errno} when negative; {@code EINTR} is
 * retried here (except by {@code close}, see {@link Sockets#close}).
 *
 * <p>Threading: every method may be called from any thread. Workers open files; only the IO
 * thread calls {@link #sendfile}; whoever owns a file descriptor last closes it.
 */
public final class FileIo {

    /** {@code open} flag: read only. */
    public static final int O_RDONLY = 0;
    /** {@code open} flag: never block in {@code open} itself (a FIFO would wait for a writer). */
    public static final int O_NONBLOCK = 0x800;
    /** {@code open} flag: close on exec. */
    public static final int O_CLOEXEC = 0x80000;
    /** {@code open} flag: never become the controlling terminal. */
    public static final int O_NOCTTY = 0x100;
    /** The most {@code sendfile} moves in one call on Linux (2 GiB minus a page). */
    public static final long MAX_SENDFILE = 0x7fff_f000L;

    // open(2) is variadic: its third argument (the mode) is declared as a variadic int.
    private static final MethodHandle OPEN = Libc.errnoCall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SENDFILE = Libc.errnoCall("sendfile",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));

    private FileIo() {
    }

    /**
     * Opens a file for reading: {@code open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)}.
     * The path is passed as UTF-8, the encoding of file names on the Linux systems we run on.
     *
     * @param path the file
     * @return the new file descriptor, or {@code -errno}
     */
    public static int openForReading(Path path) {
        try (CallState call = CallState.acquire(); Arena arena = Arena.ofConfined()) {
            MemorySegment state = call.capture();
            MemorySegment name = arena.allocateFrom(path.toAbsolutePath().toString());
            int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
            while (true) {
                int result = (int) OPEN.invokeExact(state, name, flags, 0);
                if (result >= 0 || Libc.errno(state) != Errno.EINTR) {
                    return (int) Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code sendfile(socket, file, &offset, count)}: the kernel copies file bytes to the socket
     * without passing them through user space.
     *
     * @param socket the (non-blocking) socket
     * @param file the file descriptor opened for reading
     * @param offset where in the file to start
     * @param count at most this many bytes (capped at {@link #MAX_SENDFILE})
     * @return the bytes sent (0 when the file ends before {@code offset}), or {@code -errno}
     *         ({@code -EAGAIN} when the socket's buffer is full)
     */
    public static long sendfile(int socket, int file, long offset, long count) {
        long length = Math.min(count, MAX_SENDFILE);
        try (CallState call = CallState.acquire()) {
            MemorySegment state = call.capture();
            // the off_t that sendfile reads and advances
            MemorySegment position = call.scratch();
            while (true) {
                position.set(JAVA_LONG, 0, offset);
                long result = (long) SENDFILE.invokeExact(state, socket, file, position, length);
                if (result >= 0 || Libc.errno(state) != Errno.EINTR) {
                    return Libc.resultOrErrno(result, state);
                }
            }
        } catch (Throwable e) {
            throw Libc.linkageFailure(e);
        }
    }

    /**
     * {@code close(fd)}.
     *
     * @param fd the file descriptor
     * @return 0, or {@code -errno}
     */
    public static int close(int fd) {
        return Sockets.close(fd);
    }
}
