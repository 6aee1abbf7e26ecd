package mummy.io.internal.ws;

/**
 * The header of a client frame (RFC 6455 section 5.2), parsed and checked as far as its bytes go.
 *
 * <pre>
 *   byte 0: FIN RSV1 RSV2 RSV3 opcode(4)
 *   byte 1: MASK payload-len(7)          126: 16-bit length follows, 127: 64-bit length follows
 *   then:   extended payload length (0, 2 or 8 bytes, network byte order), masking key (4 bytes)
 * </pre>
 *
 * <p>Each check is made as soon as the field it needs is complete (the top bit of a 64-bit
 * length as soon as its byte is present), so that a bad frame fails at the same byte however the
 * reads are split, and the 1009 for an oversized frame is raised from the header, before any
 * payload is read.
 *
 * <p>Threading: immutable value; {@link #parse} is a pure function.
 *
 * @param fin the FIN bit
 * @param rsv1 the RSV1 bit
 * @param opcode the opcode
 * @param payloadLength the payload length, at most the reader's limit
 * @param maskingKey the 4-byte masking key, first byte most significant
 * @param length the header's length in bytes, 6 to 14
 */
record FrameHeader(boolean fin, boolean rsv1, Opcode opcode, long payloadLength, int maskingKey, int length) {

    /** The longest header: 2 bytes, a 64-bit length and a masking key (RFC 6455 5.2). */
    static final int MAX_LENGTH = 14;
    /** The largest payload of a control frame (RFC 6455 5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;
    /** A 7-bit length of 126 announces a 16-bit length (RFC 6455 5.2). */
    static final int LENGTH_16 = 126;
    /** A 7-bit length of 127 announces a 64-bit length (RFC 6455 5.2). */
    static final int LENGTH_64 = 127;

    private static final int FIN = 0x80;
    private static final int RSV1 = 0x40;
    private static final int RSV2_RSV3 = 0x30;
    private static final int OPCODE = 0x0f;
    private static final int MASK = 0x80;
    private static final int LENGTH_7 = 0x7f;

    /**
     * Parses a header at {@code buf[pos, end)}.
     *
     * @param buf the bytes
     * @param pos the first byte of the header
     * @param end one past the last byte available
     * @param rsv1Allowed whether an extension defining RSV1 (permessage-deflate) was negotiated
     * @param maxPayload the largest payload accepted
     * @return the header, or null if it is not complete yet (every present byte is valid)
     * @throws WsProtocolException on the first invalid byte
     */
    static FrameHeader parse(byte[] buf, int pos, int end, boolean rsv1Allowed, long maxPayload)
            throws WsProtocolException {
        if (pos == end) {
            return null;
        }
        int b0 = buf[pos] & 0xff;
        boolean fin = (b0 & FIN) != 0;
        boolean rsv1 = (b0 & RSV1) != 0;
        Opcode opcode = firstByte(b0, fin, rsv1, rsv1Allowed);
        if (pos + 1 == end) {
            return null;
        }
        int b1 = buf[pos + 1] & 0xff;
        // RFC 6455 5.1, 5.3: a server MUST close the connection on an unmasked client frame
        if ((b1 & MASK) == 0) {
            throw WsProtocolException.protocol("client frame not masked");
        }
        int length7 = b1 & LENGTH_7;
        // RFC 6455 5.5: control frames have a payload of 125 bytes or less
        if (opcode.isControl() && length7 > MAX_CONTROL_PAYLOAD) {
            throw WsProtocolException.protocol("control frame payload longer than 125 bytes");
        }
        int extended = length7 == LENGTH_64 ? 8 : length7 == LENGTH_16 ? 2 : 0;
        // RFC 6455 5.2: the most significant bit of a 64-bit length MUST be 0
        if (extended == 8 && end - pos > 2 && buf[pos + 2] < 0) {
            throw WsProtocolException.protocol("64-bit length with the most significant bit set");
        }
        if (end - pos < 2 + extended) {
            return null;
        }
        long payloadLength = extended == 0 ? length7 : extendedLength(buf, pos + 2, extended);
        // RFC 6455 7.4.1: 1009, known from the header before any payload is read
        if (payloadLength > maxPayload) {
            throw WsProtocolException.tooBig("frame payload longer than " + maxPayload + " bytes");
        }
        int length = 2 + extended + 4;
        if (end - pos < length) {
            return null;
        }
        int key = (buf[pos + length - 4] & 0xff) << 24 | (buf[pos + length - 3] & 0xff) << 16
                | (buf[pos + length - 2] & 0xff) << 8 | (buf[pos + length - 1] & 0xff);
        return new FrameHeader(fin, rsv1, opcode, payloadLength, key, length);
    }

    private static Opcode firstByte(int b0, boolean fin, boolean rsv1, boolean rsv1Allowed)
            throws WsProtocolException {
        // RFC 6455 5.2: RSV bits MUST be 0 unless an extension defines them; RFC 7692 6 defines RSV1 only
        if ((b0 & RSV2_RSV3) != 0) {
            throw WsProtocolException.protocol("RSV2 or RSV3 set");
        }
        if (rsv1 && !rsv1Allowed) {
            throw WsProtocolException.protocol("RSV1 set without a negotiated extension");
        }
        // RFC 6455 5.2: an unknown opcode fails the connection
        Opcode opcode = Opcode.of(b0 & OPCODE);
        if (opcode == null) {
            throw WsProtocolException.protocol("reserved opcode " + (b0 & OPCODE));
        }
        // RFC 6455 5.5: control frames MUST NOT be fragmented
        if (opcode.isControl() && !fin) {
            throw WsProtocolException.protocol("fragmented control frame");
        }
        return opcode;
    }

    private static long extendedLength(byte[] buf, int at, int bytes) throws WsProtocolException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (buf[at + i] & 0xff);
        }
        if (bytes == 2) {
            // RFC 6455 5.2: the minimal number of bytes MUST be used to encode the length
            if (value < LENGTH_16) {
                throw WsProtocolException.protocol("16-bit length used for a payload under 126 bytes");
            }
            return value;
        }
        if (value <= 0xffff) {
            throw WsProtocolException.protocol("64-bit length used for a payload under 65536 bytes");
        }
        return value;
    }
}
