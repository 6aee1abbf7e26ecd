package mummy.api;

/**
 * The path of a request-target as the router sees it: the raw path split on {@code /}, then each
 * segment percent-decoded on its own (UTF-8, {@code +} kept), so that an encoded slash
 * ({@code %2F}) stays inside its segment and never makes a new one.
 *
 * <p>Which part of the target is the path (RFC 9112 section 3.2):
 * <ul>
 *   <li>origin-form {@code /a/b?q}: everything before the first {@code ?} (or {@code #});
 *   <li>absolute-form {@code http://host:8080/a?q}: the part after the authority, or {@code /}
 *       when that is empty (RFC 9110 section 4.2.1);
 *   <li>asterisk-form {@code *}: no segments, only {@link #isAsterisk()};
 *   <li>anything else (authority-form, garbage): no segments, so no pattern matches.
 * </ul>
 * {@code /} is one empty segment, and a trailing slash adds an empty last segment.
 *
 * <p>Threading: immutable once built; built per request on the handling thread.
 */
final class RequestPath {

    static final RequestPath ASTERISK = new RequestPath(new String[0], true);
    private static final RequestPath NONE = new RequestPath(new String[0], false);

    private final String[] segments;
    private final boolean asterisk;

    private RequestPath(String[] segments, boolean asterisk) {
        this.segments = segments;
        this.asterisk = asterisk;
    }

    /**
     * The path of {@code target}, split and decoded.
     *
     * @param target the request-target as sent
     * @return the path, with no segments when the target has no path to route
     */
    static RequestPath of(String target) {
        if (target.equals("*")) {
            return ASTERISK;
        }
        int start = pathStart(target);
        if (start < 0) {
            return NONE;
        }
        int end = pathEnd(target, start);
        if (start == end) {
            return new RequestPath(new String[] {""}, false); // absolute-form with an empty path: "/"
        }
        return new RequestPath(split(target, start, end), false);
    }

    /**
     * Whether the target was the asterisk-form {@code *}.
     *
     * @return true for {@code *}
     */
    boolean isAsterisk() {
        return asterisk;
    }

    /**
     * The number of segments.
     *
     * @return 1 for {@code /}, 0 when there is no path
     */
    int size() {
        return segments.length;
    }

    /**
     * One decoded segment.
     *
     * @param index from 0 to {@link #size()} - 1
     * @return the segment, possibly empty
     */
    String segment(int index) {
        return segments[index];
    }

    /** Where the path starts (at its {@code /}), or -1 if the target has no path to route. */
    private static int pathStart(String target) {
        if (target.startsWith("/")) {
            return 0;
        }
        int colon = schemeEnd(target);
        if (colon < 0 || !target.startsWith("//", colon + 1)) {
            return -1;
        }
        int authority = colon + 3;
        int slash = target.indexOf('/', authority);
        int end = pathEnd(target, authority);
        return slash >= 0 && slash < end ? slash : end;
    }

    /** The index of the ':' after a scheme (RFC 3986 3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), or -1. */
    private static int schemeEnd(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (c == ':' && i > 0) {
                return i;
            }
            if (!alpha && (i == 0 || !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')) {
                return -1;
            }
        }
        return -1;
    }

    private static int pathEnd(String target, int from) {
        for (int i = from; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return target.length();
    }

    /** Splits {@code target[start, end)}, which starts with '/', into decoded segments. */
    private static String[] split(String target, int start, int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            if (target.charAt(i) == '/') {
                count++;
            }
        }
        String[] segments = new String[count];
        int from = start + 1;
        for (int i = 0; i < count; i++) {
            int slash = target.indexOf('/', from);
            int to = slash < 0 || slash >= end ? end : slash;
            segments[i] = Parameters.decode(target, from, to, false);
            from = to + 1;
        }
        return segments;
    }
}
