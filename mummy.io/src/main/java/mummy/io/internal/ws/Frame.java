package mummy.io.internal.ws;

import java.util.Arrays;
import java.util.Objects;

/**
 * One frame as received (RFC 6455 section 5.2), its payload already unmasked.
 *
 * <p>The payload array is not copied: the reader hands over an array it no longer touches, and
 * whoever holds the frame must not change it. {@code equals} and {@code hashCode} compare the
 * payload's content.
 *
 * <p>Threading: handed from the reader to the assembler on the IO thread; not shared otherwise.
 *
 * @param opcode the opcode
 * @param fin whether this is the final frame of its message (RFC 6455 5.4)
 * @param rsv1 the RSV1 bit: "Per-Message Compressed" when permessage-deflate is negotiated
 *     (RFC 7692 6)
 * @param payload the application data, unmasked; never null
 */
public record Frame(Opcode opcode, boolean fin, boolean rsv1, byte[] payload) {

    /** Validates that neither the opcode nor the payload is null. */
    public Frame {
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame frame && opcode == frame.opcode && fin == frame.fin && rsv1 == frame.rsv1
                && Arrays.equals(payload, frame.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opcode, fin, rsv1, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Frame[" + opcode + (fin ? ", fin" : "") + (rsv1 ? ", rsv1" : "") + ", " + payload.length + " bytes "
                + Arrays.toString(Arrays.copyOf(payload, Math.min(payload.length, 16)))
                + (payload.length > 16 ? "...]" : "]");
    }
}
