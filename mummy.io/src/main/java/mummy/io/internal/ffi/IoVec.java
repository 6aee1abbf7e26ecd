package mummy.io.internal.ffi;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/** {@code struct iovec { void *iov_base; size_t iov_len; }} arrays for readv/writev. */
public final class IoVec {

    /** The layout of one {@code struct iovec}. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.ADDRESS.withName("iov_base"), ValueLayout.JAVA_LONG.withName("iov_len"));

    private IoVec() {
    }

    /**
     * Allocates an array of {@code count} iovecs.
     *
     * @param allocator where to allocate
     * @param count the number of entries
     * @return the array, zeroed
     */
    public static MemorySegment allocate(SegmentAllocator allocator, int count) {
        return allocator.allocate(LAYOUT, count);
    }

    /**
     * Sets entry {@code index} to a native buffer.
     *
     * @param iov the array
     * @param index the entry
     * @param buffer a native segment
     */
    public static void set(MemorySegment iov, int index, MemorySegment buffer) {
        long base = index * LAYOUT.byteSize();
        iov.set(ValueLayout.ADDRESS, base, buffer);
        iov.set(ValueLayout.JAVA_LONG, base + ValueLayout.ADDRESS.byteSize(), buffer.byteSize());
    }
}
