package mummy.io.internal.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request-target split into its path and query (RFC 9112 section 3.2).
 *
 * <pre>
 * request-target = origin-form / absolute-form / asterisk-form   ; authority-form: CONNECT only, refused before
 * origin-form    = absolute-path [ "?" query ]
 * absolute-form  = ( "http" / "https" ) "://" authority [ absolute-path ] [ "?" query ]   ; scheme in any case
 * asterisk-form  = "*"                                               ; OPTIONS only
 * absolute-path  = 1*( "/" segment ),  segment = *( pchar )          ; pct-encoded must be "%" HEXDIG HEXDIG
 * query          = *( pchar / "/" / "?" ), and "%" unchecked: the application's decoder judges escapes
 * </pre>
 *
 * <p>A fragment ({@code #}) is not part of a request-target and is refused with the other bytes
 * outside these classes.
 *
 * <p>Threading: immutable value; parsing is stateless, any thread.
 *
 * @param text the target as sent
 * @param path the path, percent-decoded as UTF-8; {@code /} when an absolute-form target has no
 *     path; {@code *} for the asterisk form
 * @param rawQuery the query as sent without its {@code ?}, or the empty string
 */
record RequestTarget(String text, String path, String rawQuery) {

    private static final RequestTarget ASTERISK = new RequestTarget("*", "*", "");

    /** The scheme prefix shared by http and https, in lower case (RFC 9110 sections 4.2.1, 4.2.2). */
    private static final byte[] HTTP = {'h', 't', 't', 'p'};

    /**
     * Parses the target in {@code buf[from, to)}, already known to be visible ASCII.
     *
     * @param buf the bytes
     * @param from the first byte, not past {@code to}
     * @param to one past the last byte
     * @param options whether the method is OPTIONS, the only one allowed the asterisk form
     * @return the target
     * @throws HttpParseException 400 if the target is in none of the accepted forms
     */
    static RequestTarget parse(byte[] buf, int from, int to, boolean options) throws HttpParseException {
        if (buf[from] == '/') {
            // RFC 9112 section 3.2.1: origin-form
            return pathAndQuery(buf, from, from, to);
        }
        if (buf[from] == '*' && to - from == 1) {
            // RFC 9112 section 3.2.4: the asterisk-form is only used for a server-wide OPTIONS request
            if (!options) {
                throw HttpParseException.badRequest("request-target * is only allowed with OPTIONS");
            }
            return ASTERISK;
        }
        int authority = schemeEnd(buf, from, to);
        if (authority < 0) {
            throw HttpParseException.badRequest("request-target is not origin-form, absolute-form or *");
        }
        return absoluteForm(buf, from, authority, to);
    }

    /** RFC 9112 section 3.2.2: absolute-form, with an http or https scheme. */
    private static RequestTarget absoluteForm(byte[] buf, int from, int authority, int to) throws HttpParseException {
        int authorityEnd = authority;
        while (authorityEnd < to && buf[authorityEnd] != '/' && buf[authorityEnd] != '?') {
            authorityEnd++;
        }
        RequestTarget rest = pathAndQuery(buf, from, authorityEnd, to);
        // RFC 9110 section 4.2.1: an http URI must have a non-empty host; section 4.2.4: no userinfo
        if (!Authority.isValid(rest.text, authority - from, authorityEnd - from, true)) {
            throw HttpParseException.badRequest("request-target has an invalid authority");
        }
        return rest;
    }

    /** Parses {@code [ absolute-path ] [ "?" query ]} at {@code pathFrom}, for a target starting at {@code from}. */
    private static RequestTarget pathAndQuery(byte[] buf, int from, int pathFrom, int to) throws HttpParseException {
        int i = pathFrom;
        boolean escaped = false;
        while (i < to && buf[i] != '?') {
            if (buf[i] == '%') {
                // RFC 3986 section 2.1: pct-encoded = "%" HEXDIG HEXDIG
                if (i + 2 >= to || CharClass.hexValue(buf[i + 1]) < 0 || CharClass.hexValue(buf[i + 2]) < 0) {
                    throw HttpParseException.badRequest("malformed percent-escape in the request path");
                }
                escaped = true;
                i += 3;
            } else if (CharClass.is(buf[i], CharClass.PATH)) {
                i++;
            } else {
                // RFC 3986 section 3.3: path characters; this also refuses a fragment
                throw HttpParseException.badRequest("character not allowed in the request path");
            }
        }
        int pathEnd = i;
        for (i = pathEnd + 1; i < to; i++) {
            // RFC 3986 section 3.4: query characters
            if (!CharClass.is(buf[i], CharClass.QUERY)) {
                throw HttpParseException.badRequest("character not allowed in the request query");
            }
        }
        String text = WireStrings.latin1(buf, from, to);
        String path;
        if (pathEnd == pathFrom) {
            path = "/";
        } else if (escaped) {
            path = decode(buf, pathFrom, pathEnd);
        } else {
            path = pathFrom == from && pathEnd == to ? text : WireStrings.latin1(buf, pathFrom, pathEnd);
        }
        String query = pathEnd < to ? WireStrings.latin1(buf, pathEnd + 1, to) : "";
        return new RequestTarget(text, path, query);
    }

    /** Percent-decodes {@code buf[from, to)}, whose escapes are already checked, as UTF-8. */
    private static String decode(byte[] buf, int from, int to) throws HttpParseException {
        byte[] bytes = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == '%') {
                bytes[n++] = (byte) (CharClass.hexValue(buf[i + 1]) << 4 | CharClass.hexValue(buf[i + 2]));
                i += 2;
            } else {
                bytes[n++] = buf[i];
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            // RFC 3986 section 2.5 leaves the charset open; this server decodes paths as UTF-8 only
            throw HttpParseException.badRequest("request path escapes are not valid UTF-8");
        }
    }

    /** The index after {@code "http://"} or {@code "https://"} (scheme in any case), or -1. */
    private static int schemeEnd(byte[] buf, int from, int to) {
        if (to - from < HTTP.length) {
            return -1;
        }
        for (int k = 0; k < HTTP.length; k++) {
            if ((buf[from + k] | 0x20) != HTTP[k]) {
                return -1;
            }
        }
        int i = from + HTTP.length;
        if (i < to && (buf[i] | 0x20) == 's') {
            i++;
        }
        return to - i >= 3 && buf[i] == ':' && buf[i + 1] == '/' && buf[i + 2] == '/' ? i + 3 : -1;
    }
}
