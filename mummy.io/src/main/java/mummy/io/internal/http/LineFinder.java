package mummy.io.internal.http;

/**
 * Finds the LF that ends the line at the front of the unconsumed bytes, within a length limit,
 * resuming where the previous call stopped.
 *
 * <p>The parser never consumes part of a line, so an unfinished line always starts at the first
 * byte the caller presents next time. The finder remembers how many of its bytes it has already
 * searched, so feeding a line one byte at a time stays linear in its length. A line's length
 * counts its terminator: a line of {@code n} bytes before the LF is {@code n + 1} bytes long.
 *
 * <p>Threading: IO thread only; one instance per parser.
 */
final class LineFinder {

    /** {@link #find} result: no LF yet, and the line may still end within its limit. */
    static final int NEED_MORE = -1;

    /** {@link #find} result: the line cannot end within its limit, whatever comes next. */
    static final int TOO_LONG = -2;

    /** Bytes of the current line already searched without finding an LF. */
    private int searched;

    /** A finder at the start of a line. */
    LineFinder() {
    }

    /**
     * Searches for the LF ending the line that starts at {@code lineStart}.
     *
     * @param buf the bytes
     * @param lineStart the first byte of the line
     * @param end one past the last byte present
     * @param maxLength the longest the line may be, its LF included; may be zero or negative
     * @return the index of the LF, {@link #NEED_MORE} or {@link #TOO_LONG}
     */
    int find(byte[] buf, int lineStart, int end, int maxLength) {
        int present = end - lineStart;
        int limit = lineStart + Math.max(0, Math.min(present, maxLength));
        for (int i = lineStart + Math.min(searched, present); i < limit; i++) {
            if (buf[i] == '\n') {
                searched = 0;
                return i;
            }
        }
        if (present >= maxLength) {
            searched = 0;
            return TOO_LONG;
        }
        searched = limit - lineStart;
        return NEED_MORE;
    }

    /**
     * Where the content of a complete line ends: at its CR, which must come right before the LF.
     *
     * @param buf the bytes
     * @param lineStart the first byte of the line
     * @param lf the index of the LF ending it
     * @param what the kind of line, for the message
     * @return the index of the CR
     * @throws HttpParseException 400 if the LF has no CR before it
     */
    static int contentEnd(byte[] buf, int lineStart, int lf, String what) throws HttpParseException {
        // RFC 9112 section 2.2: lines end with CRLF; a bare LF is not accepted here.
        if (lf == lineStart || buf[lf - 1] != '\r') {
            throw HttpParseException.badRequest("bare LF ends the " + what + "; CRLF required");
        }
        return lf - 1;
    }
}
