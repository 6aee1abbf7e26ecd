package mummy.io.internal.http;

/**
 * Parses a chunk-size line: the size in hex and any chunk extensions, which are checked and
 * ignored (RFC 9112 section 7.1).
 *
 * <pre>
 * chunk-line    = chunk-size [ chunk-ext ] CRLF
 * chunk-size    = 1*HEXDIG                          ; at most 63 bits
 * chunk-ext     = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 * chunk-ext-val = token / quoted-string             ; RFC 9110 section 5.6.4
 * quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * quoted-pair   = "\" ( HTAB / SP / VCHAR / obs-text )
 * </pre>
 *
 * <p>BWS is allowed only where the grammar puts it: whitespace after the size or after an
 * extension with nothing following is refused.
 *
 * <p>Threading: stateless, any thread.
 */
final class ChunkSizeLine {

    private ChunkSizeLine() {
    }

    /**
     * Parses the chunk-size line {@code buf[from, to)}, its CRLF already removed.
     *
     * @param buf the bytes
     * @param from the first byte of the line
     * @param to the index of the CR ending it
     * @return the chunk size, 0 for the last chunk
     * @throws HttpParseException 400 for a malformed size or extension
     */
    static long parse(byte[] buf, int from, int to) throws HttpParseException {
        long size = 0;
        int i = from;
        for (int digit; i < to && (digit = CharClass.hexValue(buf[i])) >= 0; i++) {
            // RFC 9112 section 7.1: recipients must anticipate and guard against overflow
            if (size > Long.MAX_VALUE >>> 4) {
                throw HttpParseException.badRequest("chunk size too large");
            }
            size = size << 4 | digit;
        }
        // RFC 9112 section 7.1: chunk-size = 1*HEXDIG
        if (i == from) {
            throw HttpParseException.badRequest("chunk size is not a hex number");
        }
        extensions(buf, i, to);
        return size;
    }

    /** Checks {@code chunk-ext} in {@code buf[from, to)}. */
    private static void extensions(byte[] buf, int from, int to) throws HttpParseException {
        int i = from;
        while (i < to) {
            i = skipWhitespace(buf, i, to);
            // RFC 9112 section 7.1.1: each extension starts with BWS ";"
            if (i == to || buf[i] != ';') {
                throw HttpParseException.badRequest("chunk-size line has bytes that are not a chunk extension");
            }
            i = skipWhitespace(buf, i + 1, to);
            int nameEnd = tokenEnd(buf, i, to);
            // RFC 9112 section 7.1.1: chunk-ext-name = token
            if (nameEnd == i) {
                throw HttpParseException.badRequest("chunk extension name is not a token");
            }
            i = nameEnd;
            int equals = skipWhitespace(buf, i, to);
            if (equals < to && buf[equals] == '=') {
                i = value(buf, skipWhitespace(buf, equals + 1, to), to);
            }
        }
    }

    /** Checks the chunk-ext-val at {@code from}; returns the index after it. */
    private static int value(byte[] buf, int from, int to) throws HttpParseException {
        if (from < to && buf[from] == '"') {
            return quotedStringEnd(buf, from, to);
        }
        int end = tokenEnd(buf, from, to);
        // RFC 9112 section 7.1.1: chunk-ext-val = token / quoted-string
        if (end == from) {
            throw HttpParseException.badRequest("chunk extension value is not a token or quoted string");
        }
        return end;
    }

    /** Checks the quoted-string opening at {@code from}; returns the index after its closing quote. */
    private static int quotedStringEnd(byte[] buf, int from, int to) throws HttpParseException {
        for (int i = from + 1; i < to; i++) {
            byte b = buf[i];
            if (b == '"') {
                return i + 1;
            }
            // RFC 9110 section 5.6.4: quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ), qdtext
            boolean valid = b == '\\' ? ++i < to && CharClass.is(buf[i], CharClass.FIELD_VALUE)
                    : CharClass.is(b, CharClass.QDTEXT);
            if (!valid) {
                throw HttpParseException.badRequest("chunk extension quoted string has a control byte");
            }
        }
        throw HttpParseException.badRequest("chunk extension quoted string is not terminated");
    }

    private static int tokenEnd(byte[] buf, int from, int to) {
        int i = from;
        while (i < to && CharClass.is(buf[i], CharClass.TCHAR)) {
            i++;
        }
        return i;
    }

    private static int skipWhitespace(byte[] buf, int from, int to) {
        int i = from;
        while (i < to && CharClass.isWhitespace(buf[i])) {
            i++;
        }
        return i;
    }
}
