package mummy.io.internal.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The FFM plumbing shared by the libc facades: the native linker, symbol lookup and the capture
 * of {@code errno}.
 *
 * <p>Every facade method returns the C result as a {@code long} (or {@code int}); a negative
 * result is {@code -errno}, read from the call's capture segment ({@link CallState}) right after the
 * call, so callers never touch {@code errno} themselves. {@code EINTR} is retried inside the facades.
 *
 * <p>Threading: all members are thread-safe; a capture segment belongs to one call on one thread.
 */
final class Libc {

    static final Linker LINKER = Linker.nativeLinker();

    /** The layout of the segment a capturing call fills; {@link CallState} allocates it. */
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CAPTURE_LAYOUT.byteOffset(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    // Heap segments (byte[]) may be passed straight to read/send: these calls are short and
    // never call back into Java, which is what Linker.Option.critical requires.
    private static final Linker.Option CRITICAL_HEAP = Linker.Option.critical(true);

    private Libc() {
    }

    /**
     * A handle whose first argument is the errno capture segment ({@link CallState#capture}).
     *
     * @param name the libc symbol
     * @param descriptor its C signature
     * @param more further options, such as {@link Linker.Option#firstVariadicArg}
     * @return the downcall handle
     */
    @SuppressWarnings("restricted") // calling libc is this package's job; mummy.io is granted native access
    static MethodHandle errnoCall(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    /** Like {@link #errnoCall} but accepting heap segments; only for short non-blocking calls. */
    @SuppressWarnings("restricted") // as errnoCall
    static MethodHandle criticalErrnoCall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO, CRITICAL_HEAP);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    /** The errno captured in {@code state} by the last call that used it. */
    static int errno(MemorySegment state) {
        return state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
    }

    /** {@code result} if non-negative, else {@code -errno}. */
    static long resultOrErrno(long result, MemorySegment state) {
        return result >= 0 ? result : -errno(state);
    }

    /** Wraps a Throwable thrown by {@code invokeExact} (never expected for these signatures). */
    static AssertionError linkageFailure(Throwable error) {
        return new AssertionError("native call failed unexpectedly", error);
    }
}
