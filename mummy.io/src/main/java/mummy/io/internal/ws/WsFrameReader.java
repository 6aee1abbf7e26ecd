package mummy.io.internal.ws;

import java.util.Objects;

/**
 * Incremental reader of client frames (RFC 6455 section 5.2): bytes in, unmasked frames out, no IO.
 *
 * <p>Threading: IO thread only; one instance per connection. Nothing here blocks or allocates in
 * proportion to a length the client merely announces.
 *
 * <p>Contract with the caller, the same as the HTTP parser's: {@link #read} reads
 * {@code buf[start, end)} and consumes what it can; {@link #consumed()} tells how much. The caller
 * keeps the unconsumed bytes and presents them again, followed by newly read ones, on the next
 * call. A header is consumed only once it is complete, and payload bytes as soon as they arrive
 * (unmasked into the frame's own array, see {@link GrowableBytes}), so the unconsumed rest is at
 * most a partial header: fewer than {@value FrameHeader#MAX_LENGTH} bytes. After a frame is
 * returned the reader is ready for the next one; call again while bytes remain, since one read
 * may hold several frames. After a {@link WsProtocolException} the reader is dead and the
 * connection must fail.
 *
 * <pre>
 *   HEADER --(complete header)--&gt; PAYLOAD --(payload complete)--&gt; frame returned, HEADER
 *      |   (zero-length payload: the frame is returned at once)
 *   any state --(WsProtocolException)--&gt; DEAD
 * </pre>
 *
 * <p>The checks, each with its RFC section, are in {@link FrameHeader}.
 */
public final class WsFrameReader {

    private enum State { HEADER, PAYLOAD, DEAD }

    private final long maxFramePayload;
    private final boolean rsv1Allowed;
    private final GrowableBytes payload = new GrowableBytes();

    private State state = State.HEADER;
    private int consumed;
    private FrameHeader header;
    /** Payload bytes of the current frame still to read. */
    private long remaining;

    /**
     * A reader for one connection.
     *
     * @param maxFramePayload the largest payload accepted in one frame; longer frames fail with
     *     1009. Values beyond the largest Java array are treated as that length.
     * @param rsv1Allowed whether permessage-deflate was negotiated, which defines RSV1 (RFC 7692 6)
     * @throws IllegalArgumentException if the limit is negative
     */
    public WsFrameReader(long maxFramePayload, boolean rsv1Allowed) {
        if (maxFramePayload < 0) {
            throw new IllegalArgumentException("maxFramePayload must not be negative: " + maxFramePayload);
        }
        this.maxFramePayload = Math.min(maxFramePayload, GrowableBytes.MAX_ARRAY_LENGTH);
        this.rsv1Allowed = rsv1Allowed;
    }

    /**
     * Reads {@code buf[start, end)}.
     *
     * @param buf the bytes: the unconsumed rest of the last call, then newly read bytes
     * @param start the first byte to read
     * @param end one past the last byte to read
     * @return a complete frame, or null when more bytes are needed
     * @throws WsProtocolException on a protocol violation; the reader is dead afterwards
     * @throws IllegalStateException if called after a {@link WsProtocolException}
     */
    public Frame read(byte[] buf, int start, int end) throws WsProtocolException {
        Objects.checkFromToIndex(start, end, buf.length);
        if (state == State.DEAD) {
            throw new IllegalStateException("the reader failed on an earlier frame; the connection must fail");
        }
        consumed = 0;
        int pos = start;
        if (state == State.HEADER) {
            try {
                header = FrameHeader.parse(buf, pos, end, rsv1Allowed, maxFramePayload);
            } catch (WsProtocolException e) {
                state = State.DEAD;
                throw e;
            }
            if (header == null) {
                return null;
            }
            pos += header.length();
            remaining = header.payloadLength();
            state = State.PAYLOAD;
        }
        pos = readPayload(buf, pos, end);
        consumed = pos - start;
        return remaining == 0 ? complete() : null;
    }

    /**
     * How many bytes the last call to {@link #read} consumed.
     *
     * @return the count, from {@code start}
     */
    public int consumed() {
        return consumed;
    }

    /**
     * The header of the frame whose payload is arriving, so that the assembler can check a
     * partial payload (UTF-8 fails fast, RFC 6455 8.1).
     *
     * @return the header, or null when no payload is partly read
     */
    FrameHeader partialHeader() {
        return state == State.PAYLOAD ? header : null;
    }

    /**
     * The unmasked payload bytes of the partly read frame, valid at {@code [0, partialSize())}.
     *
     * @return the frame's array; not a copy, not to be changed
     */
    byte[] partialPayload() {
        return payload.array();
    }

    /**
     * How many payload bytes of the partly read frame are unmasked so far.
     *
     * @return the count
     */
    int partialSize() {
        return payload.size();
    }

    /**
     * The capacity of the payload array being filled, for tests of the allocation policy.
     *
     * @return the capacity in bytes
     */
    int payloadCapacity() {
        return payload.capacity();
    }

    /** Unmasks payload bytes into the frame's array (RFC 6455 5.3); returns the index after them. */
    private int readPayload(byte[] buf, int pos, int end) {
        int count = (int) Math.min(end - pos, remaining);
        if (count == 0) {
            return pos;
        }
        payload.reserve(count, header.payloadLength());
        byte[] out = payload.array();
        int at = payload.size();
        int key = header.maskingKey();
        for (int i = 0; i < count; i++) {
            // RFC 6455 5.3: octet i of the data is XORed with octet (i MOD 4) of the masking key
            int shift = 24 - ((at + i) & 3) * 8;
            out[at + i] = (byte) (buf[pos + i] ^ (key >>> shift));
        }
        payload.advance(count);
        remaining -= count;
        return pos + count;
    }

    private Frame complete() {
        Frame frame = new Frame(header.opcode(), header.fin(), header.rsv1(), payload.take());
        header = null;
        state = State.HEADER;
        return frame;
    }
}
