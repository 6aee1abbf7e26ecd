package mummy.io.internal.loop;

/**
 * How many bytes the IO loop may hold for its connections, and how slowly a client may read.
 *
 * <p>What counts against both limits (see {@code Budget}): the unparsed rest of a request,
 * buffered request bodies from the moment their head is admitted until their response is queued,
 * queued output (arrays, plus a fixed cost for each open file), a WebSocket's inbound events
 * (payload plus a fixed cost each, so empty frames count) and its outbound frames.
 *
 * @param perConnection bytes one connection may hold before the loop stops reading it (it reads
 *                      again once the connection holds half as much): one request past the limit
 *                      is always admitted, so the worst case per connection is this plus one
 *                      request's body ({@code maxBodyLength}) and its response
 * @param total bytes all connections together may hold: past it, reading pauses for connections
 *              that would add to it, and a request whose buffered body does not fit is answered
 *              503 before its body is read
 * @param minWriteRate the slowest a client that does not keep up with its output may read, in
 *                     bytes per second averaged over the write timeout; a slower one is closed
 *                     when the write timeout expires, however often it reads a little
 */
public record BufferLimits(long perConnection, long total, long minWriteRate) {

    /** The default per-connection limit: 1 MiB. */
    public static final long DEFAULT_PER_CONNECTION = 1024 * 1024;
    /** The default minimum write rate: 1 KiB/s. */
    public static final long DEFAULT_MIN_WRITE_RATE = 1024;
    /** The smallest default total: 16 MiB, for very small heaps. */
    static final long MIN_DEFAULT_TOTAL = 16L * 1024 * 1024;

    /** Validates the components. */
    public BufferLimits {
        if (perConnection < 1) {
            throw new IllegalArgumentException("perConnection must be positive: " + perConnection);
        }
        if (total < perConnection) {
            throw new IllegalArgumentException("total (" + total + ") must be at least perConnection ("
                    + perConnection + ")");
        }
        if (minWriteRate < 0) {
            throw new IllegalArgumentException("minWriteRate must be zero or positive: " + minWriteRate);
        }
    }

    /**
     * The defaults: 1 MiB per connection, a quarter of the maximum heap in total (at least
     * 16 MiB), 1 KiB/s minimum write rate.
     *
     * @return the defaults
     */
    public static BufferLimits defaults() {
        return new BufferLimits(DEFAULT_PER_CONNECTION, defaultTotal(), DEFAULT_MIN_WRITE_RATE);
    }

    /**
     * The default total: a quarter of {@link Runtime#maxMemory()}, at least 16 MiB.
     *
     * @return the byte count
     */
    public static long defaultTotal() {
        return Math.max(MIN_DEFAULT_TOTAL, Runtime.getRuntime().maxMemory() / 4);
    }
}
