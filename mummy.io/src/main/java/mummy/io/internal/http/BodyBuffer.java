package mummy.io.internal.http;

import java.util.Arrays;

/**
 * The body of the request being parsed, grown as its bytes arrive.
 *
 * <p>Nothing is allocated for a length the client merely announces: the first array holds at most
 * {@value #INITIAL_CAPACITY} bytes, and each growth at most doubles it, never past the length
 * announced so far (the Content-Length, or the end of the current chunk). A client that announces
 * a large body and sends nothing therefore costs nothing, and one that sends half of it costs at
 * most that half again.
 *
 * <p>Threading: IO thread only; one instance per parser, reused for every request.
 */
final class BodyBuffer {

    /** The largest first allocation for a body, 64 KiB. */
    static final int INITIAL_CAPACITY = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int size;

    /** An empty body. */
    BodyBuffer() {
    }

    /**
     * Appends {@code src[from, from + length)}.
     *
     * @param src the bytes
     * @param from the first byte to append
     * @param length how many bytes to append
     * @param announced the body length announced so far, at least {@code size() + length}
     */
    void append(byte[] src, int from, int length, long announced) {
        int needed = size + length;
        if (needed > bytes.length) {
            long grown = bytes.length == 0 ? INITIAL_CAPACITY : 2L * bytes.length;
            bytes = Arrays.copyOf(bytes, (int) Math.min(announced, Math.max(needed, grown)));
        }
        System.arraycopy(src, from, bytes, size, length);
        size = needed;
    }

    /**
     * The number of body bytes appended so far.
     *
     * @return the size
     */
    int size() {
        return size;
    }

    /**
     * The length of the array currently allocated, for tests of the allocation policy.
     *
     * @return the capacity
     */
    int capacity() {
        return bytes.length;
    }

    /**
     * Hands over the body and starts an empty one.
     *
     * @return the body, an array of exactly {@link #size()} bytes
     */
    byte[] take() {
        byte[] body = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        bytes = EMPTY;
        size = 0;
        return body;
    }
}
