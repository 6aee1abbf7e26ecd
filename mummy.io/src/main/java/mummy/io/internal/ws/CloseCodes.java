package mummy.io.internal.ws;

/**
 * Close codes (RFC 6455 section 7.4.1), and which of them may appear in a Close frame.
 *
 * <p>Threading: constants and pure functions, any thread.
 */
public final class CloseCodes {

    /** 1000, the purpose of the connection is fulfilled (RFC 6455 7.4.1). */
    public static final int NORMAL = 1000;
    /** 1001, the endpoint is going away: server shutdown, page navigation (RFC 6455 7.4.1). */
    public static final int GOING_AWAY = 1001;
    /** 1002, a protocol error (RFC 6455 7.4.1). */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003, a data type the endpoint cannot accept (RFC 6455 7.4.1). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005, no status code was present; never sent on the wire (RFC 6455 7.4.1). */
    public static final int NO_STATUS = 1005;
    /** 1006, closed without a Close frame; never sent on the wire (RFC 6455 7.4.1). */
    public static final int ABNORMAL = 1006;
    /** 1007, message data not consistent with its type, such as invalid UTF-8 text (RFC 6455 7.4.1). */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008, a message that violates the endpoint's policy (RFC 6455 7.4.1). */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009, a message too big to process (RFC 6455 7.4.1). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010, sent by a client whose required extension the server did not negotiate (RFC 6455 7.4.1). */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011, the server met an unexpected condition (RFC 6455 7.4.1). */
    public static final int INTERNAL_ERROR = 1011;

    /** 1015, the TLS handshake failed; never sent on the wire (RFC 6455 7.4.1). */
    static final int TLS_HANDSHAKE = 1015;
    /** The first code of the range for libraries and frameworks, registered with IANA (RFC 6455 7.4.2). */
    static final int REGISTERED_FIRST = 3000;
    /** The last code of the range for private use (RFC 6455 7.4.2). */
    static final int PRIVATE_LAST = 4999;

    private CloseCodes() {
    }

    /**
     * Whether a code received in a Close frame is one a peer may send: the defined codes 1000 to
     * 1003 and 1007 to 1011, or a registered or private code, 3000 to 4999 (RFC 6455 7.4.1,
     * 7.4.2). Below 1000 is unused, 1004 is reserved, 1005, 1006 and 1015 must never be on the
     * wire, 1012 to 2999 are reserved for future revisions, and 5000 and above are undefined.
     *
     * @param code the code from the first two bytes of a Close payload
     * @return true if the code is acceptable
     */
    public static boolean isValidReceived(int code) {
        return (code >= NORMAL && code <= UNSUPPORTED_DATA)
                || (code >= INVALID_PAYLOAD && code <= INTERNAL_ERROR)
                || (code >= REGISTERED_FIRST && code <= PRIVATE_LAST);
    }

    /**
     * Whether the server may put a code in a Close frame it sends: the same set a peer may
     * receive, so that a conforming peer never fails on our code (RFC 6455 7.4.1, 7.4.2).
     *
     * @param code the code to send
     * @return true if the code may be sent
     */
    public static boolean isValidToSend(int code) {
        return isValidReceived(code);
    }
}
