package mummy.io.internal.http;

/**
 * The size limits the request parser enforces, each checked as soon as it is known to be passed.
 *
 * <p>Line lengths count the line's CRLF. The header limits cover the field lines of the header
 * section and of the trailer section together (RFC 9112 section 7.1.2); the empty line that ends
 * each section is not counted.
 *
 * <p>Threading: immutable, safe to share between threads.
 *
 * @param maxRequestLineLength the longest request line, CRLF included; longer gives 414
 * @param maxHeadersLength the most bytes of field lines, CRLFs included; more gives 431
 * @param maxHeaderCount the most field lines (headers plus trailers); more gives 431
 * @param maxBodyLength the largest body after chunked decoding; larger gives 413. At most
 *     {@value #MAX_ARRAY_LENGTH}, since a body is held in one array
 * @param maxChunkLineLength the longest chunk-size line with its extensions, CRLF included;
 *     longer gives 400
 */
public record HttpLimits(int maxRequestLineLength, int maxHeadersLength, int maxHeaderCount,
                         long maxBodyLength, int maxChunkLineLength) {

    /** The largest array the JVM reliably allocates, so the largest body that fits in one. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private static final HttpLimits DEFAULTS = new HttpLimits(8192, 8192, 100, 1 << 20, 4096);

    /**
     * Validates that every limit is positive and the body limit fits in an array.
     *
     * @throws IllegalArgumentException if a limit is zero, negative or too large
     */
    public HttpLimits {
        positive("maxRequestLineLength", maxRequestLineLength);
        positive("maxHeadersLength", maxHeadersLength);
        positive("maxHeaderCount", maxHeaderCount);
        positive("maxBodyLength", maxBodyLength);
        positive("maxChunkLineLength", maxChunkLineLength);
        if (maxBodyLength > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("maxBodyLength must be at most " + MAX_ARRAY_LENGTH
                    + " (a body is held in one array), got " + maxBodyLength);
        }
    }

    /**
     * The default limits: request line 8192 bytes, header section 8192 bytes, 100 fields,
     * body 1 MiB, chunk-size line 4096 bytes.
     *
     * @return the default limits
     */
    public static HttpLimits defaults() {
        return DEFAULTS;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
