package mummy.io.internal.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The native memory one libc call needs besides its arguments: the segment that
 * {@link java.lang.foreign.Linker.Option#captureCallState} fills with {@code errno}, and
 * {@link #SCRATCH_SIZE} bytes of scratch for a small argument passed by reference (an
 * {@code off_t}, an {@code int} socket option, a {@code struct linger}).
 *
 * <p>Where it lives depends on the calling thread, so that it is always freed:
 * <ul>
 *   <li>a platform thread (the IO thread, a pool worker) keeps one for its lifetime, in a
 *       {@link ThreadLocal}, allocated from an {@linkplain Arena#ofAuto() automatic arena}: no
 *       allocation per call on the IO thread's hot path, and the memory goes back once the thread
 *       has ended and its state is collected;</li>
 *   <li>a virtual thread gets a fresh one from a {@linkplain Arena#ofConfined() confined arena} for
 *       each call, freed by {@link #close}. A server starts a virtual thread per task; a
 *       per-thread segment that is never freed would leak once per task.</li>
 * </ul>
 * The JDK itself keeps such buffers per <em>carrier</em> thread ({@code jdk.internal.foreign.abi.BufferStack},
 * falling back to a confined arena), through APIs that are not exported; a malloc and a free
 * beside a system call that a virtual thread makes is the cheap equivalent.
 *
 * <p>Use: {@code try (CallState call = CallState.acquire()) { ... call.capture() ... }}.
 *
 * <p>Threading: confined to the thread that acquired it, and valid until {@link #close}. A call
 * made while another is open on the same platform thread gets the same state: read the first
 * call's {@code errno} and scratch before making the second.
 */
final class CallState implements AutoCloseable {

    /** Bytes of {@link #scratch}, 8-byte aligned. */
    static final long SCRATCH_SIZE = 8;

    private static final long CAPTURE_SIZE = Libc.CAPTURE_LAYOUT.byteSize();
    /** Where the scratch starts: after the capture, rounded up to 8. */
    private static final long SCRATCH_OFFSET = (CAPTURE_SIZE + 7) & ~7L;
    private static final long SIZE = SCRATCH_OFFSET + SCRATCH_SIZE;
    private static final long ALIGNMENT = Math.max(8, Libc.CAPTURE_LAYOUT.byteAlignment());

    private static final ThreadLocal<CallState> PLATFORM_THREAD = ThreadLocal.withInitial(
            () -> new CallState(Arena.ofAuto().allocate(SIZE, ALIGNMENT), null));

    private final MemorySegment capture;
    private final MemorySegment scratch;
    /** The arena of a per-call state, closed by {@link #close}; null for a platform thread's own. */
    private final Arena arena;

    private CallState(MemorySegment memory, Arena arena) {
        this.capture = memory.asSlice(0, CAPTURE_SIZE);
        this.scratch = memory.asSlice(SCRATCH_OFFSET, SCRATCH_SIZE);
        this.arena = arena;
    }

    /**
     * The state for one call on the current thread: the thread's own on a platform thread, a new
     * one on a virtual thread.
     *
     * @return the state; close it when the call's results have been read
     */
    static CallState acquire() {
        // Kept this small so that it inlines into every facade method: with the per-call branch
        // inline, C2 stopped scalar-replacing the heap segments of Sockets.read/send (112 bytes a call).
        return Thread.currentThread().isVirtual() ? forOneCall() : PLATFORM_THREAD.get();
    }

    private static CallState forOneCall() {
        Arena arena = Arena.ofConfined();
        return new CallState(arena.allocate(SIZE, ALIGNMENT), arena);
    }

    /**
     * The segment to pass as a capturing downcall's first argument.
     *
     * @return the capture segment, which {@link Libc#errno} reads after the call
     */
    MemorySegment capture() {
        return capture;
    }

    /**
     * Memory for an argument passed by reference.
     *
     * @return {@link #SCRATCH_SIZE} bytes, 8-byte aligned, whose contents are undefined
     */
    MemorySegment scratch() {
        return scratch;
    }

    /** Frees a virtual thread's per-call state; nothing for a platform thread's own. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}
