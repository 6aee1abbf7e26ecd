package mummy.io.internal.http;

/**
 * Checks {@code uri-host [ ":" port ]}, the syntax of a {@code Host} field value and of the
 * authority of an absolute-form target (RFC 9110 section 7.2, RFC 3986 section 3.2).
 *
 * <pre>
 * authority   = uri-host [ ":" port ]          ; userinfo is not accepted (RFC 9110 4.2.4)
 * uri-host    = IP-literal / IPv4address / reg-name
 * IP-literal  = "[" 1*( unreserved / sub-delims / ":" ) "]"   ; IPv6address and IPvFuture, loosely
 * reg-name    = *( unreserved / pct-encoded / sub-delims )     ; IPv4address is a reg-name too
 * port        = *DIGIT
 * </pre>
 *
 * <p>Threading: stateless, any thread.
 */
final class Authority {

    private Authority() {
    }

    /**
     * Whether {@code text[from, to)} is a uri-host with an optional port.
     *
     * @param text a string decoded as ISO-8859-1
     * @param from the first char
     * @param to one past the last char
     * @param requireHost whether the host may not be empty: a {@code Host} field may be empty
     *     (RFC 9110 section 7.2), an http(s) URI's host may not (RFC 9110 section 4.2.1)
     * @return true if the syntax is valid
     */
    static boolean isValid(String text, int from, int to, boolean requireHost) {
        int i = from < to && text.charAt(from) == '[' ? ipLiteralEnd(text, from, to) : regNameEnd(text, from, to);
        if (i < 0 || requireHost && i == from) {
            return false;
        }
        if (i == to) {
            return true;
        }
        if (text.charAt(i) != ':') {
            return false;
        }
        for (i++; i < to; i++) {
            if (!CharClass.is(text.charAt(i), CharClass.DIGIT)) {
                return false;
            }
        }
        return true;
    }

    /** One past the closing bracket of the IP-literal at {@code from}, or -1 if it is malformed. */
    private static int ipLiteralEnd(String text, int from, int to) {
        int i = from + 1;
        while (i < to && CharClass.is(text.charAt(i), CharClass.IP_LITERAL)) {
            i++;
        }
        return i < to && i > from + 1 && text.charAt(i) == ']' ? i + 1 : -1;
    }

    /** Where the reg-name at {@code from} ends (a {@code :} or {@code to}), or -1 if it is malformed. */
    private static int regNameEnd(String text, int from, int to) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '%') {
                // RFC 3986 section 2.1: pct-encoded = "%" HEXDIG HEXDIG
                if (i + 2 >= to || CharClass.hexValue(text.charAt(i + 1)) < 0
                        || CharClass.hexValue(text.charAt(i + 2)) < 0) {
                    return -1;
                }
                i += 3;
            } else if (CharClass.is(c, CharClass.REG_NAME)) {
                i++;
            } else {
                return c == ':' ? i : -1;
            }
        }
        return i;
    }
}
