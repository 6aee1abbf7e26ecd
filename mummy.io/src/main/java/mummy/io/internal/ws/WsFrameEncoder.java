package mummy.io.internal.ws;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes server frames (RFC 6455 section 5.2): never masked (5.1), header and payload in one
 * array, so that one write carries both and Nagle's algorithm never splits them.
 *
 * <p>The header uses the minimal length encoding: 7-bit for up to 125 bytes, 16-bit up to 65535,
 * 64-bit beyond.
 *
 * <p>Threading: stateless, any thread; workers encode their own frames.
 */
public final class WsFrameEncoder {

    private static final int FIN = 0x80;
    private static final int RSV1 = 0x40;
    private static final int MAX_7BIT_LENGTH = 125;
    private static final int MAX_16BIT_LENGTH = 0xffff;

    private WsFrameEncoder() {
    }

    /**
     * One frame.
     *
     * @param opcode the opcode
     * @param fin whether this frame ends its message
     * @param rsv1 the "Per-Message Compressed" bit, for the first frame of a compressed message
     *     (RFC 7692 6)
     * @param payload the bytes holding the payload
     * @param offset the first payload byte
     * @param length the payload length
     * @return the frame: header then payload
     * @throws IllegalArgumentException for a control frame that is fragmented, compressed or
     *     longer than 125 bytes (RFC 6455 5.5, RFC 7692 6.1)
     * @throws IndexOutOfBoundsException if the range is not inside {@code payload}
     */
    public static byte[] encode(Opcode opcode, boolean fin, boolean rsv1, byte[] payload, int offset, int length) {
        Objects.requireNonNull(opcode, "opcode");
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (opcode.isControl() && (!fin || rsv1 || length > FrameHeader.MAX_CONTROL_PAYLOAD)) {
            throw new IllegalArgumentException("a control frame is final, uncompressed and at most 125 bytes: "
                    + opcode + (fin ? "" : " not final") + (rsv1 ? " with RSV1" : "") + ", " + length + " bytes");
        }
        int lengthBytes = length <= MAX_7BIT_LENGTH ? 0 : length <= MAX_16BIT_LENGTH ? 2 : 8;
        int headerLength = 2 + lengthBytes;
        byte[] frame = new byte[Math.addExact(headerLength, length)];
        frame[0] = (byte) ((fin ? FIN : 0) | (rsv1 ? RSV1 : 0) | opcode.code());
        switch (lengthBytes) {
            case 0 -> frame[1] = (byte) length;
            case 2 -> {
                frame[1] = (byte) FrameHeader.LENGTH_16;
                frame[2] = (byte) (length >>> 8);
                frame[3] = (byte) length;
            }
            default -> {
                // RFC 6455 5.2: 64-bit length, most significant bit 0; a Java array is under 2^31
                frame[1] = (byte) FrameHeader.LENGTH_64;
                for (int i = 0; i < 8; i++) {
                    frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
                }
            }
        }
        System.arraycopy(payload, offset, frame, headerLength, length);
        return frame;
    }

    /**
     * A Close frame with a code and a reason (RFC 6455 5.5.1). The reason is cut to 123 bytes of
     * UTF-8, at a character boundary, so that the payload stays within 125 bytes.
     *
     * @param code the close code, one that may be sent ({@link CloseCodes#isValidToSend})
     * @param reason the reason; may be empty
     * @return the frame
     * @throws IllegalArgumentException if the code may not be sent (1005, 1006, 1015, reserved)
     */
    public static byte[] close(int code, String reason) {
        if (!CloseCodes.isValidToSend(code)) {
            throw new IllegalArgumentException("close code may not be sent: " + code);
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int textLength = utf8Prefix(text, WsProtocolException.MAX_REASON_BYTES);
        byte[] payload = new byte[2 + textLength];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, textLength);
        return encode(Opcode.CLOSE, true, false, payload, 0, payload.length);
    }

    /**
     * A Close frame with no payload: no status code (RFC 6455 5.5.1; the peer sees 1005).
     *
     * @return the frame
     */
    public static byte[] close() {
        return encode(Opcode.CLOSE, true, false, GrowableBytes.EMPTY, 0, 0);
    }

    /**
     * The longest prefix of UTF-8 text of at most {@code max} bytes that ends on a character
     * boundary.
     *
     * @param utf8 valid UTF-8 text
     * @param max the most bytes
     * @return the prefix length
     */
    static int utf8Prefix(byte[] utf8, int max) {
        if (utf8.length <= max) {
            return utf8.length;
        }
        int cut = max;
        // a byte 10xxxxxx continues a character: back up to the byte that starts it
        while (cut > 0 && (utf8[cut] & 0xc0) == 0x80) {
            cut--;
        }
        return cut;
    }
}
