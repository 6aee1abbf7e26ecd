package mummy.web.multipart;

import java.nio.charset.StandardCharsets;
import mummy.api.RequestBodyException;

/**
 * A multipart boundary and the search for its delimiter (RFC 2046 section 5.1.1):
 *
 * <pre>
 * boundary      := 0*69&lt;bchars&gt; bcharsnospace
 * bchars        := bcharsnospace / " "
 * bcharsnospace := DIGIT / ALPHA / "'" / "(" / ")" / "+" / "_" / "," / "-" / "." / "/" / ":" / "=" / "?"
 * dash-boundary := "--" boundary
 * delimiter     := CRLF dash-boundary
 * </pre>
 *
 * <p>The search is Boyer-Moore-Horspool over a byte range with a skip table built once, so it
 * allocates nothing per call and looks at about one byte in {@code delimiter.length} of ordinary
 * content. A match counts as a delimiter only when "--", whitespace, CR or LF follows it (the
 * grammar allows only close-delimiter, transport-padding and CRLF there); otherwise it is content,
 * as in Go's {@code mime/multipart}, so a line such as {@code --boundaryX} inside a part does not
 * split it. Deciding needs two bytes after the match, so a caller that has not reached the end of
 * its input keeps the undecided tail and asks again with more bytes.
 *
 * <p>Threading: immutable after construction, safe to share.
 */
final class Boundary {

    /** RFC 2046 5.1.1: a boundary is 1 to 70 characters. */
    static final int MAX_LENGTH = 70;

    private static final boolean[] BCHARS_NO_SPACE = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            BCHARS_NO_SPACE[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            BCHARS_NO_SPACE[c] = true;
            BCHARS_NO_SPACE[c - 32] = true;
        }
        for (char c : "'()+_,-./:=?".toCharArray()) {
            BCHARS_NO_SPACE[c] = true;
        }
    }

    /** CRLF "--" boundary. */
    private final byte[] delimiter;
    /** Horspool's bad-character shift for each byte value. */
    private final int[] shift = new int[256];

    private Boundary(String boundary) {
        delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int m = delimiter.length;
        java.util.Arrays.fill(shift, m);
        for (int i = 0; i < m - 1; i++) {
            shift[delimiter[i] & 0xff] = m - 1 - i;
        }
    }

    /**
     * A boundary after checking it against RFC 2046 section 5.1.1.
     *
     * @throws RequestBodyException with status 400 if it is empty, longer than 70 characters, ends
     *     with a space or has a character outside {@code bchars}
     */
    static Boundary of(String boundary) throws RequestBodyException {
        if (boundary.isEmpty() || boundary.length() > MAX_LENGTH) {
            throw new RequestBodyException(400, "multipart boundary must be 1 to 70 characters (RFC 2046 5.1.1), got "
                    + boundary.length());
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean last = i == boundary.length() - 1;
            boolean ok = c < 128 && BCHARS_NO_SPACE[c] || c == ' ' && !last;
            if (!ok) {
                throw new RequestBodyException(400, "multipart boundary has a character not allowed by RFC 2046 5.1.1"
                        + " at index " + i);
            }
        }
        return new Boundary(boundary);
    }

    /** The length of CRLF "--" boundary. */
    int delimiterLength() {
        return delimiter.length;
    }

    /** The length of "--" boundary, the first delimiter when the body starts with it. */
    int dashBoundaryLength() {
        return delimiter.length - 2;
    }

    /**
     * Finds the first delimiter in {@code b[from, to)}.
     *
     * <p>With {@code atStart}, a dash-boundary right at {@code from} (no CRLF before it) also
     * counts: the body's first boundary may open it, and a part may end right after its header
     * block, whose blank line then stands for the delimiter's CRLF (RFC 2046 5.1.1 makes the
     * "CRLF *OCTET" of a body-part optional).
     *
     * @param eof whether no byte follows {@code to}: undecided matches are then decided
     * @return the delimiter's index ({@code b[index]} is CR for a delimiter, '-' for a
     *     dash-boundary at {@code from}), or, when there is none, {@code -2 - end} where
     *     {@code b[from, end)} is certainly content (decode it with {@link #contentEnd})
     */
    int scan(byte[] b, int from, int to, boolean eof, boolean atStart) {
        if (atStart) {
            int dash = dashBoundaryLength();
            if (to - from < dash + 2 && !eof && matchesPrefix(b, from, to, 2)) {
                return -2 - from;
            }
            if (to - from >= dash && matches(b, from, 2) && follows(b, from + dash, to, eof) != CONTENT) {
                return from;
            }
        }
        int m = delimiter.length;
        int i = from;
        while (i <= to - m) {
            if (matches(b, i, 0)) {
                int kind = follows(b, i + m, to, eof);
                if (kind == DELIMITER) {
                    return i;
                }
                if (kind == UNDECIDED) {
                    return -2 - i;
                }
                i++;
                continue;
            }
            i += shift[b[i + m - 1] & 0xff];
        }
        int end = eof ? to : Math.max(from, to - (m - 1));
        return -2 - end;
    }

    /** The end of certain content from a negative {@link #scan} result. */
    static int contentEnd(int scanResult) {
        return -2 - scanResult;
    }

    private static final int DELIMITER = 0;
    private static final int CONTENT = 1;
    private static final int UNDECIDED = 2;

    /** What the bytes after a match make of it: see the class comment. */
    private static int follows(byte[] b, int after, int to, boolean eof) {
        if (to - after < 2 && !eof) {
            return UNDECIDED;
        }
        if (after == to) {
            return DELIMITER; // the end of the input right after it: the caller reports the missing "--"
        }
        byte c = b[after];
        if (c == '-') {
            return after + 1 == to || b[after + 1] == '-' ? DELIMITER : CONTENT;
        }
        return c == '\r' || c == '\n' || c == ' ' || c == '\t' ? DELIMITER : CONTENT;
    }

    /** Whether {@code b} at {@code at} holds the delimiter from its index {@code skip} on, entirely. */
    private boolean matches(byte[] b, int at, int skip) {
        int m = delimiter.length;
        for (int j = m - 1; j >= skip; j--) {
            if (b[at + j - skip] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[at, to)} could be the start of the delimiter from its index {@code skip} on. */
    private boolean matchesPrefix(byte[] b, int at, int to, int skip) {
        int n = Math.min(to - at, delimiter.length - skip);
        for (int j = 0; j < n; j++) {
            if (b[at + j] != delimiter[skip + j]) {
                return false;
            }
        }
        return true;
    }
}
