package mummy.io.internal.http;

/**
 * A cursor over the comma-separated elements of a field value, each trimmed of OWS, without
 * allocating (RFC 9110 section 5.6.1: {@code #element} lists).
 *
 * <p>Empty elements are visited too; callers that follow RFC 9110 section 5.6.1 skip them with
 * {@link #isEmpty()}, callers that must be strict (Content-Length) refuse them.
 *
 * <p>Threading: confined to the thread that created it.
 */
final class ListElements {

    private final String list;
    /** Where the next element starts, or past the end when none is left. */
    private int next;
    private int start;
    private int end;

    /**
     * A cursor before the first element of {@code list}.
     *
     * @param list the field value
     */
    ListElements(String list) {
        this.list = list;
    }

    /**
     * Moves to the next element.
     *
     * @return false when there is none left
     */
    boolean advance() {
        if (next > list.length()) {
            return false;
        }
        int comma = list.indexOf(',', next);
        int stop = comma < 0 ? list.length() : comma;
        start = next;
        end = stop;
        while (start < end && CharClass.isWhitespace(list.charAt(start))) {
            start++;
        }
        while (end > start && CharClass.isWhitespace(list.charAt(end - 1))) {
            end--;
        }
        next = stop + 1;
        return true;
    }

    /**
     * Whether the current element is empty after trimming.
     *
     * @return true if empty
     */
    boolean isEmpty() {
        return start == end;
    }

    /**
     * Whether the current element equals {@code token}, ignoring ASCII case.
     *
     * @param token the expected text
     * @return true on a match
     */
    boolean is(String token) {
        return end - start == token.length() && list.regionMatches(true, start, token, 0, token.length());
    }

    /**
     * Whether the current element is {@code 1*DIGIT} (RFC 9110 section 8.6).
     *
     * @return true for a non-empty run of digits
     */
    boolean isDigits() {
        for (int i = start; i < end; i++) {
            if (!CharClass.is(list.charAt(i), CharClass.DIGIT)) {
                return false;
            }
        }
        return start < end;
    }

    /**
     * The current element without leading zeros ({@code "0"} for zero), so that equal numbers
     * give equal strings.
     *
     * @return the digits, for an element where {@link #isDigits()} holds
     */
    String digitsWithoutLeadingZeros() {
        int first = start;
        while (first < end - 1 && list.charAt(first) == '0') {
            first++;
        }
        return list.substring(first, end);
    }
}
