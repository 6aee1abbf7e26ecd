package mummy.io.internal.ws;

import java.io.Serial;
import java.nio.charset.StandardCharsets;

/**
 * A violation of the WebSocket protocol by the peer: the close code to send and a reason short
 * enough for a Close frame. The connection fails after it (RFC 6455 section 7.1.7).
 *
 * <p>The reason names what was wrong and never repeats the peer's bytes. Like the HTTP parser's
 * exception it has no stack trace: it is expected input, thrown as often as peers misbehave.
 *
 * <p>Threading: immutable once thrown.
 */
public final class WsProtocolException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The longest reason that fits a Close frame: 125 payload bytes less the 2-byte code (RFC 6455 5.5.1). */
    static final int MAX_REASON_BYTES = 123;

    private final int closeCode;

    /**
     * A protocol violation.
     *
     * @param closeCode the close code to send, one a peer may receive
     * @param reason what was wrong, at most 123 bytes in UTF-8
     * @throws IllegalArgumentException if the code may not be sent or the reason is too long
     */
    public WsProtocolException(int closeCode, String reason) {
        super(reason, null, false, false);
        if (!CloseCodes.isValidToSend(closeCode)) {
            throw new IllegalArgumentException("not a close code that may be sent: " + closeCode);
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("a close reason has at most 123 bytes: " + reason);
        }
        this.closeCode = closeCode;
    }

    /**
     * The close code to send.
     *
     * @return the code, for example {@link CloseCodes#PROTOCOL_ERROR}
     */
    public int closeCode() {
        return closeCode;
    }

    /** A 1002 (protocol error) violation. */
    static WsProtocolException protocol(String reason) {
        return new WsProtocolException(CloseCodes.PROTOCOL_ERROR, reason);
    }

    /** A 1007 (invalid payload data) violation. */
    static WsProtocolException invalidPayload(String reason) {
        return new WsProtocolException(CloseCodes.INVALID_PAYLOAD, reason);
    }

    /** A 1009 (message too big) violation. */
    static WsProtocolException tooBig(String reason) {
        return new WsProtocolException(CloseCodes.MESSAGE_TOO_BIG, reason);
    }
}
