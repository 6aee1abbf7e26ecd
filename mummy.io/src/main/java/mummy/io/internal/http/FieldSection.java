package mummy.io.internal.http;

import java.util.Arrays;

/**
 * Reads the field lines of a header or trailer section one line at a time, with the header
 * limits shared by both sections of a request.
 *
 * <pre>
 * field-section = *( field-line CRLF ) CRLF                       ; RFC 9112 section 5
 * field-line    = field-name ":" OWS field-value OWS
 * field-name    = token                                           ; RFC 9110 section 5.1
 * field-value   = *( field-vchar / SP / HTAB ), obs-text allowed   ; RFC 9110 section 5.5
 * </pre>
 *
 * <p>Names keep their spelling and fields their order; repeated fields are kept. A line starting
 * with whitespace (obs-fold, RFC 9112 section 5.2) is refused. The count and length limits are
 * checked before a line's syntax, and on a partial line as soon as they are known to be passed.
 *
 * <p>Threading: IO thread only; one instance per parser, reused for every request.
 */
final class FieldSection {

    private final HttpLimits limits;
    private final LineFinder lines;

    /** name0, value0, name1, value1, ... of the section being read; reused between requests. */
    private String[] namesAndValues = new String[32];
    /** Fields in the section being read. */
    private int size;
    /** Fields in all sections of this request, for the count limit. */
    private int totalCount;
    /** Bytes of field lines in all sections of this request, for the length limit. */
    private int totalLength;
    /** Whether the empty line ending the current section has been consumed. */
    private boolean complete;

    /**
     * A reader for field sections.
     *
     * @param limits the header limits
     * @param lines the parser's line finder
     */
    FieldSection(HttpLimits limits, LineFinder lines) {
        this.limits = limits;
        this.lines = lines;
    }

    /** Starts the header section of a new request: the limits start from zero. */
    void startRequest() {
        totalCount = 0;
        totalLength = 0;
    }

    /**
     * Reads one field line, or the empty line ending the section, at {@code pos}.
     *
     * @param buf the bytes
     * @param pos the first unconsumed byte, the start of a line
     * @param end one past the last byte present, more than {@code pos}
     * @return the index after the line, or {@code pos} if the line is not complete yet
     * @throws HttpParseException 431 when a limit is passed, 400 for bad syntax
     */
    int next(byte[] buf, int pos, int end) throws HttpParseException {
        if (buf[pos] == '\r') {
            if (pos + 1 == end) {
                return pos;
            }
            if (buf[pos + 1] == '\n') {
                complete = true;
                return pos + 2;
            }
        } else if (buf[pos] == '\n') {
            // RFC 9112 section 2.2: the empty line is CRLF
            throw HttpParseException.badRequest("bare LF ends the field section; CRLF required");
        }
        // RFC 6585 section 5: 431 when the header fields are too large; known at a line's first byte
        if (totalCount == limits.maxHeaderCount()) {
            throw new HttpParseException(431, "more than " + limits.maxHeaderCount() + " header fields");
        }
        int lf = lines.find(buf, pos, end, limits.maxHeadersLength() - totalLength);
        if (lf == LineFinder.TOO_LONG) {
            throw new HttpParseException(431, "header fields longer than " + limits.maxHeadersLength() + " bytes");
        }
        if (lf == LineFinder.NEED_MORE) {
            return pos;
        }
        add(buf, pos, LineFinder.contentEnd(buf, pos, lf, "field line"));
        totalCount++;
        totalLength += lf + 1 - pos;
        return lf + 1;
    }

    /**
     * Whether the empty line ending the section has been read.
     *
     * @return true once the section is complete
     */
    boolean complete() {
        return complete;
    }

    /**
     * Hands over the fields of the completed section and starts the next section of the request.
     *
     * @return name0, value0, name1, value1, ... in an array of exactly that length
     */
    String[] take() {
        String[] fields = Arrays.copyOf(namesAndValues, 2 * size);
        Arrays.fill(namesAndValues, 0, 2 * size, null);
        size = 0;
        complete = false;
        return fields;
    }

    /** Checks and stores the field line {@code buf[from, to)}, CRLF removed. */
    private void add(byte[] buf, int from, int to) throws HttpParseException {
        // RFC 9112 section 5.2: obs-fold is refused; section 2.2: so is whitespace before the first field
        if (CharClass.isWhitespace(buf[from])) {
            throw HttpParseException.badRequest("field line starts with whitespace (obs-fold)");
        }
        int colon = from;
        while (colon < to && CharClass.is(buf[colon], CharClass.TCHAR)) {
            colon++;
        }
        if (colon == to || buf[colon] != ':') {
            throw HttpParseException.badRequest(nameProblem(buf, colon, to));
        }
        // RFC 9110 section 5.1: field-name = token, so it is not empty
        if (colon == from) {
            throw HttpParseException.badRequest("empty field name");
        }
        int valueStart = colon + 1;
        int valueEnd = to;
        // RFC 9112 section 5.1: OWS around the value is not part of it
        while (valueStart < valueEnd && CharClass.isWhitespace(buf[valueStart])) {
            valueStart++;
        }
        while (valueEnd > valueStart && CharClass.isWhitespace(buf[valueEnd - 1])) {
            valueEnd--;
        }
        for (int i = valueStart; i < valueEnd; i++) {
            // RFC 9110 section 5.5: no CR, LF, NUL or other controls but HTAB in a value
            if (!CharClass.is(buf[i], CharClass.FIELD_VALUE)) {
                throw HttpParseException.badRequest("control character in a field value");
            }
        }
        if (2 * size == namesAndValues.length) {
            namesAndValues = Arrays.copyOf(namesAndValues, 2 * namesAndValues.length);
        }
        namesAndValues[2 * size] = WireStrings.fieldName(buf, from, colon);
        namesAndValues[2 * size + 1] = WireStrings.latin1(buf, valueStart, valueEnd);
        size++;
    }

    /** Why the field name ending at {@code stop} is not followed by a colon. */
    private static String nameProblem(byte[] buf, int stop, int to) {
        boolean hasColon = false;
        for (int i = stop; i < to && !hasColon; i++) {
            hasColon = buf[i] == ':';
        }
        if (!hasColon) {
            return "field line without a colon";
        }
        // RFC 9112 section 5.1: no whitespace is allowed between the field name and colon
        return CharClass.isWhitespace(buf[stop]) ? "whitespace between field name and colon"
                : "field name is not a token";
    }
}
