package mummy.io.internal.http;

/**
 * The parsed request line (RFC 9112 section 3).
 *
 * <pre>
 * request-line = method SP request-target SP HTTP-version     ; exactly one SP each
 * method       = token                                          ; case-sensitive, RFC 9110 9.1
 * HTTP-version = %s"HTTP/" DIGIT "." DIGIT                       ; RFC 9112 2.3
 * </pre>
 *
 * <p>Only major version 1 is served; HTTP/1.x with x above 1 is treated as HTTP/1.1
 * (RFC 9110 section 6.2: a recipient uses the highest minor version it implements).
 *
 * <p>Threading: immutable value; parsing is stateless, any thread.
 *
 * @param method the method token as sent
 * @param target the request-target
 * @param minorVersion 0 or 1
 */
record RequestLine(String method, RequestTarget target, int minorVersion) {

    /** The length of {@code HTTP/d.d}. */
    private static final int VERSION_LENGTH = 8;

    /**
     * Parses the request line {@code buf[from, to)}, its CRLF already removed.
     *
     * @param buf the bytes
     * @param from the first byte of the line
     * @param to the index of the CR ending it
     * @return the request line
     * @throws HttpParseException 400 for bad syntax or target, 505 for a major version other
     *     than 1, 501 for CONNECT
     */
    static RequestLine parse(byte[] buf, int from, int to) throws HttpParseException {
        int methodEnd = from;
        while (methodEnd < to && CharClass.is(buf[methodEnd], CharClass.TCHAR)) {
            methodEnd++;
        }
        // RFC 9112 section 3: method SP; RFC 9110 section 9.1: method = token
        if (methodEnd == from) {
            throw HttpParseException.badRequest("request line has an empty method");
        }
        if (methodEnd == to || buf[methodEnd] != ' ') {
            throw HttpParseException.badRequest("request line has a method that is not a token, or no target");
        }
        int targetStart = methodEnd + 1;
        int targetEnd = targetStart;
        // RFC 9112 section 3.2: no whitespace, controls or non-ASCII bytes in a request-target
        while (targetEnd < to && CharClass.is(buf[targetEnd], CharClass.VISIBLE)) {
            targetEnd++;
        }
        if (targetEnd == targetStart) {
            throw HttpParseException.badRequest("request line has an empty target or an extra space");
        }
        if (targetEnd == to) {
            throw HttpParseException.badRequest("request line has no HTTP version");
        }
        if (buf[targetEnd] != ' ') {
            throw HttpParseException.badRequest("request-target has a control, space or non-ASCII byte");
        }
        int minorVersion = version(buf, targetEnd + 1, to);
        String method = WireStrings.method(buf, from, methodEnd);
        // RFC 9110 section 9.3.6: CONNECT asks for a tunnel, which this server does not provide
        if (method.equals(WireStrings.CONNECT)) {
            throw new HttpParseException(501, "CONNECT is not supported");
        }
        RequestTarget target = RequestTarget.parse(buf, targetStart, targetEnd, method.equals(WireStrings.OPTIONS));
        return new RequestLine(method, target, minorVersion);
    }

    /** Parses {@code HTTP/1.x} in {@code buf[from, to)}: returns 0 or 1, the minor version served. */
    private static int version(byte[] buf, int from, int to) throws HttpParseException {
        // RFC 9112 section 2.3: HTTP-version = HTTP-name "/" DIGIT "." DIGIT, HTTP-name case-sensitive
        if (to - from != VERSION_LENGTH || buf[from] != 'H' || buf[from + 1] != 'T' || buf[from + 2] != 'T'
                || buf[from + 3] != 'P' || buf[from + 4] != '/' || !CharClass.is(buf[from + 5], CharClass.DIGIT)
                || buf[from + 6] != '.' || !CharClass.is(buf[from + 7], CharClass.DIGIT)) {
            throw HttpParseException.badRequest("request line has a malformed HTTP version");
        }
        // RFC 9110 section 15.6.6: 505 for a major version the server does not support
        if (buf[from + 5] != '1') {
            throw new HttpParseException(505, "only HTTP/1.x is supported");
        }
        return buf[from + 7] == '0' ? 0 : 1;
    }
}
