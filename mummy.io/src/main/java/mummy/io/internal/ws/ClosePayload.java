package mummy.io.internal.ws;

import java.nio.charset.StandardCharsets;

/**
 * Parses the payload of a received Close frame (RFC 6455 section 5.5.1):
 * {@code [ code(2 bytes, network order) [ reason(UTF-8) ] ]}.
 *
 * <p>Threading: stateless, any thread.
 */
final class ClosePayload {

    private ClosePayload() {
    }

    /**
     * The Close a payload carries.
     *
     * @param payload the unmasked payload, at most 125 bytes
     * @return the code and reason; code 1005 when the payload is empty (RFC 6455 7.1.5)
     * @throws WsProtocolException 1002 for a 1-byte payload or a code that may not be received,
     *     1007 for a reason that is not valid UTF-8
     */
    static WsInbound.Close parse(byte[] payload) throws WsProtocolException {
        if (payload.length == 0) {
            return new WsInbound.Close(CloseCodes.NO_STATUS, "");
        }
        // RFC 6455 5.5.1: if there is a body, its first two bytes are the status code
        if (payload.length == 1) {
            throw WsProtocolException.protocol("Close payload of 1 byte");
        }
        int code = (payload[0] & 0xff) << 8 | (payload[1] & 0xff);
        // RFC 6455 7.4.1, 7.4.2: reserved, undefined and never-on-the-wire codes fail the connection
        if (!CloseCodes.isValidReceived(code)) {
            throw WsProtocolException.protocol("invalid close code " + code);
        }
        // RFC 6455 5.5.1, 8.1: the reason is UTF-8 text
        Utf8Validator utf8 = new Utf8Validator();
        if (!utf8.feed(payload, 2, payload.length - 2) || !utf8.isComplete()) {
            throw WsProtocolException.invalidPayload("Close reason is not valid UTF-8");
        }
        return new WsInbound.Close(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }
}
