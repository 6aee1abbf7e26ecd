package mummy.io.internal.loop;

/**
 * The protocol a connection speaks: what its bytes mean, what it waits for, and what it holds.
 * {@link ConnectionIo} reads, writes, closes and keeps the timer; it hands the bytes, the
 * written counts, the timeouts and the connection's end to the mode.
 *
 * <p>Threading: IO thread only; one instance per connection, replaced once at most (HTTP/1.1 to
 * WebSocket when the 101 is queued).
 */
sealed interface Mode permits Http1Mode, WebSocketMode {

    /** Whether the socket may be read now (false: paused until something resumes it). */
    boolean canRead();

    /**
     * Bytes arrived: handles {@code buffer[0, end)} and keeps the unconsumed rest in the
     * connection's carry.
     */
    void process(byte[] buffer, int end);

    /** {@code count} bytes of the connection's output reached the socket. */
    void written(long count);

    /** The peer closed its sending side (the connection has read everything it sent). */
    void endOfInput();

    /**
     * The timeout the mode waits under now, or null for none; {@link ConnectionIo} puts a
     * connection whose writes are blocked under WRITE and a lingering one under LINGER instead.
     */
    Deadlines.Kind timer();

    /** A timeout the mode asked for expired. */
    void expired(Deadlines.Kind kind, long now);

    /** Nothing in flight for the mode (its part of {@link Connection#quiet()}). */
    boolean quiet();

    /** The bytes the mode holds beyond the connection's carry and output, for the budget. */
    long heldBytes();

    /** The server begins to shut down. */
    void shutdown();

    /** The connection closed, for whatever reason: tell whoever waits on it, release what it holds. */
    void closed();
}
