package mummy.io.internal.http;

/**
 * Byte classes of the HTTP and URI grammars, one table lookup per byte.
 *
 * <p>Each byte value maps to a set of flag bits; {@link #is(byte, int)} tests one flag. Bytes from
 * 0x80 up belong only to {@link #FIELD_VALUE} and {@link #QDTEXT} (obs-text).
 *
 * <p>Threading: immutable tables, any thread.
 */
final class CharClass {

    /** tchar: {@code ALPHA / DIGIT / "!#$%&'*+-.^_`|~"} (RFC 9110 section 5.6.2). */
    static final int TCHAR = 1;
    /** A byte allowed in a field value: field-vchar, obs-text, SP, HTAB (RFC 9110 section 5.5). */
    static final int FIELD_VALUE = 1 << 1;
    /** qdtext: HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text (RFC 9110 section 5.6.4). */
    static final int QDTEXT = 1 << 2;
    /** A byte of an absolute-path other than {@code %}: pchar or {@code /} (RFC 3986 section 3.3). */
    static final int PATH = 1 << 3;
    /** A byte of a query: pchar, {@code /}, {@code ?}, and {@code %} (RFC 3986 section 3.4). */
    static final int QUERY = 1 << 4;
    /** A byte of a reg-name other than {@code %}: unreserved / sub-delims (RFC 3986 section 3.2.2). */
    static final int REG_NAME = 1 << 5;
    /** A byte inside the brackets of an IP-literal: unreserved / sub-delims / {@code :} (RFC 3986 3.2.2). */
    static final int IP_LITERAL = 1 << 6;
    /** A visible US-ASCII byte, %x21-7E: the only bytes a request-target may hold (RFC 9112 3.2). */
    static final int VISIBLE = 1 << 7;
    /** DIGIT (RFC 5234 appendix B.1). */
    static final int DIGIT = 1 << 8;

    private static final String ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    /** RFC 3986 section 2.3. */
    private static final String UNRESERVED = ALPHA + DIGITS + "-._~";
    /** RFC 3986 section 2.2. */
    private static final String SUB_DELIMS = "!$&'()*+,;=";

    private static final short[] TABLE = new short[256];

    static {
        mark(TCHAR, ALPHA + DIGITS + "!#$%&'*+-.^_`|~");
        mark(PATH, UNRESERVED + SUB_DELIMS + ":@/");
        mark(QUERY, UNRESERVED + SUB_DELIMS + ":@/?%");
        mark(REG_NAME, UNRESERVED + SUB_DELIMS);
        mark(IP_LITERAL, UNRESERVED + SUB_DELIMS + ":");
        mark(DIGIT, DIGITS);
        for (int b = 0x21; b <= 0x7e; b++) {
            TABLE[b] |= VISIBLE | FIELD_VALUE;
            if (b != '"' && b != '\\') {
                TABLE[b] |= QDTEXT;
            }
        }
        for (int b = 0x80; b <= 0xff; b++) {
            TABLE[b] |= FIELD_VALUE | QDTEXT;
        }
        TABLE[' '] |= FIELD_VALUE | QDTEXT;
        TABLE['\t'] |= FIELD_VALUE | QDTEXT;
    }

    private CharClass() {
    }

    /**
     * Whether byte {@code b} has {@code flag}.
     *
     * @param b a byte as read from the wire
     * @param flag one of the flag constants
     * @return true if {@code b} is in the class
     */
    static boolean is(byte b, int flag) {
        return (TABLE[b & 0xff] & flag) != 0;
    }

    /**
     * Whether char {@code c} of a string decoded as ISO-8859-1 has {@code flag}.
     *
     * @param c a char; chars above 0xFF are in no class
     * @param flag one of the flag constants
     * @return true if {@code c} is in the class
     */
    static boolean is(char c, int flag) {
        return c <= 0xff && (TABLE[c] & flag) != 0;
    }

    /**
     * The value of a hexadecimal digit (RFC 5234 HEXDIG, either case).
     *
     * @param b a byte or char
     * @return 0 to 15, or -1 if {@code b} is not a hex digit
     */
    static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /**
     * Whether {@code b} is optional whitespace, SP or HTAB (RFC 9110 section 5.6.3).
     *
     * @param b a byte or char
     * @return true for SP and HTAB
     */
    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t';
    }

    private static void mark(int flag, String members) {
        for (int i = 0; i < members.length(); i++) {
            TABLE[members.charAt(i)] |= (short) flag;
        }
    }
}
