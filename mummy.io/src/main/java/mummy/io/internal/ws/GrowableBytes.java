package mummy.io.internal.ws;

import java.util.Arrays;
import java.util.Objects;

/**
 * A byte array filled as data arrives: a frame's payload, a fragmented message, inflated output.
 *
 * <p>Nothing is allocated for a length that is merely announced: the first array holds at most
 * {@link #INITIAL_CAPACITY} bytes (less when the bound is smaller), and each growth at most
 * doubles it, never past the bound the caller knows (a frame's announced length, a message
 * limit). Memory held is therefore at most twice what arrived, or the initial chunk.
 *
 * <p>Threading: owned by one thread at a time; not shared.
 */
final class GrowableBytes {

    /** The largest first allocation, 16 KiB. */
    static final int INITIAL_CAPACITY = 16 * 1024;

    /** The largest array the JVM reliably allocates. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int size;

    /** An empty buffer. */
    GrowableBytes() {
    }

    /**
     * Makes room for {@code additional} more bytes after {@link #size()}.
     *
     * @param additional how many bytes are about to be written
     * @param bound the most this buffer will ever hold, at least {@code size() + additional}
     */
    void reserve(int additional, long bound) {
        int needed = Math.addExact(size, additional);
        if (needed > bytes.length) {
            long grown = bytes.length == 0 ? INITIAL_CAPACITY : 2L * bytes.length;
            long capacity = Math.min(Math.min(bound, MAX_ARRAY_LENGTH), Math.max(needed, grown));
            bytes = Arrays.copyOf(bytes, (int) Math.max(capacity, needed));
        }
    }

    /**
     * Appends {@code src[from, from + length)}.
     *
     * @param src the bytes
     * @param from the first byte to append
     * @param length how many bytes
     * @param bound the most this buffer will ever hold
     */
    void append(byte[] src, int from, int length, long bound) {
        reserve(length, bound);
        System.arraycopy(src, from, bytes, size, length);
        size += length;
    }

    /**
     * The current array, for writing after {@link #size()} up to its length; valid until the
     * next {@link #reserve}.
     *
     * @return the array
     */
    byte[] array() {
        return bytes;
    }

    /**
     * Counts {@code count} bytes written directly into {@link #array()}.
     *
     * @param count how many bytes were written after {@link #size()}
     */
    void advance(int count) {
        size += count;
    }

    /**
     * Forgets the last {@code count} bytes.
     *
     * @param count how many bytes to drop, at most {@link #size()}
     */
    void removeLast(int count) {
        size = Math.subtractExact(size, Objects.checkIndex(count, size + 1));
    }

    /**
     * Whether the bytes held end with {@code suffix}.
     *
     * @param suffix the bytes to look for
     * @return true if the last bytes equal the suffix
     */
    boolean endsWith(byte[] suffix) {
        return size >= suffix.length
                && Arrays.equals(bytes, size - suffix.length, size, suffix, 0, suffix.length);
    }

    /**
     * The number of bytes held.
     *
     * @return the size
     */
    int size() {
        return size;
    }

    /**
     * The length of the array, for tests of the allocation policy.
     *
     * @return the capacity
     */
    int capacity() {
        return bytes.length;
    }

    /**
     * Hands over the bytes and starts empty.
     *
     * @return an array of exactly {@link #size()} bytes (copied only if the array is larger)
     */
    byte[] take() {
        byte[] taken = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        bytes = EMPTY;
        size = 0;
        return taken;
    }
}
