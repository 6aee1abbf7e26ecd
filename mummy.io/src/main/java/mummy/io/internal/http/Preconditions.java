package mummy.io.internal.http;

import java.util.ArrayList;
import java.util.List;
import mummy.api.HttpHeaders;

/**
 * Evaluates the conditional request fields of RFC 9110 section 13 against a representation's
 * validators (a strong entity-tag and a modification time), in the order of section 13.2.2:
 * {@code If-Match}, else {@code If-Unmodified-Since}; then {@code If-None-Match}, else
 * {@code If-Modified-Since}; {@code If-Range} is evaluated separately, only when a
 * {@code Range} will be honoured ({@link #ifRangeHolds}).
 *
 * <p>Entity-tag lists follow section 8.8.3: {@code "*"} or a list of {@code [W/] DQUOTE *etagc
 * DQUOTE}; commas may occur inside the quotes. A list that does not parse matches nothing.
 *
 * <p>Threading: immutable.
 *
 * @param etag the current entity-tag, strong, with its quotes ({@code "abc"})
 * @param lastModified the modification time in seconds since the epoch
 */
public record Preconditions(String etag, long lastModified) {

    /** The outcome of sections 13.2.2 steps 1 to 4. */
    public enum Result {
        /** Go on and send the representation (subject to {@code Range}). */
        PROCEED,
        /** 304 Not Modified (GET/HEAD only). */
        NOT_MODIFIED,
        /** 412 Precondition Failed. */
        PRECONDITION_FAILED
    }

    /**
     * Steps 1 to 4 of RFC 9110 section 13.2.2.
     *
     * @param method the request method
     * @param headers the request's fields
     * @return what to answer
     */
    public Result evaluate(String method, HttpHeaders headers) {
        boolean getOrHead = method.equals("GET") || method.equals("HEAD");
        String ifMatch = joined(headers, "If-Match");
        if (ifMatch != null) {
            if (!matches(ifMatch, true)) { // 13.1.1: strong comparison
                return Result.PRECONDITION_FAILED;
            }
        } else {
            long since = date(headers, "If-Unmodified-Since");
            if (since != Long.MIN_VALUE && lastModified > since) { // 13.1.4
                return Result.PRECONDITION_FAILED;
            }
        }
        String ifNoneMatch = joined(headers, "If-None-Match");
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, false)) { // 13.1.2: weak comparison
                return getOrHead ? Result.NOT_MODIFIED : Result.PRECONDITION_FAILED;
            }
        } else if (getOrHead) {
            long since = date(headers, "If-Modified-Since"); // 13.1.3: GET and HEAD only
            if (since != Long.MIN_VALUE && lastModified <= since) {
                return Result.NOT_MODIFIED;
            }
        }
        return Result.PROCEED;
    }

    /**
     * Step 5: whether a {@code Range} may be honoured given {@code If-Range} (section 13.1.5):
     * true without the field; with an entity-tag, true if it strongly matches; with an HTTP-date,
     * true if it equals the modification time and that time is a strong validator (at least a
     * second before {@code now}, section 8.8.2.2); false for anything else.
     *
     * @param headers the request's fields
     * @param nowSecond the current time in seconds
     * @return whether to send the requested ranges
     */
    public boolean ifRangeHolds(HttpHeaders headers, long nowSecond) {
        List<String> values = headers.all("If-Range");
        if (values.isEmpty()) {
            return true;
        }
        if (values.size() > 1) {
            return false;
        }
        String value = values.getFirst().strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            List<String> tags = parseTags(value);
            return tags != null && tags.size() == 1 && !tags.getFirst().startsWith("W/") && tags.getFirst().equals(etag);
        }
        long date = HttpDates.parse(value);
        return date != Long.MIN_VALUE && date == lastModified && lastModified < nowSecond;
    }

    /** Whether a field's entity-tag list matches {@link #etag}; "*" matches any existing representation. */
    private boolean matches(String list, boolean strong) {
        if (list.strip().equals("*")) {
            return true;
        }
        List<String> tags = parseTags(list);
        if (tags == null) {
            return false;
        }
        for (String tag : tags) {
            boolean weak = tag.startsWith("W/");
            if (strong ? !weak && tag.equals(etag) : (weak ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The entity-tags of a list, with any {@code W/} prefix; null if the list is malformed. */
    static List<String> parseTags(String list) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            int start = i;
            if (list.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= n || list.charAt(i) != '"') {
                return null;
            }
            int close = i + 1;
            while (close < n && list.charAt(close) != '"') {
                char e = list.charAt(close);
                if (e < 0x21 || e == 0x7F) { // etagc = %x21 / %x23-7E / obs-text
                    return null;
                }
                close++;
            }
            if (close >= n) {
                return null;
            }
            tags.add(list.substring(start, close + 1));
            i = close + 1;
            if (i < n && list.charAt(i) != ',' && list.charAt(i) != ' ' && list.charAt(i) != '\t') {
                return null;
            }
        }
        return tags.isEmpty() ? null : tags;
    }

    /** All lines of a list field joined with commas (RFC 9110 5.3), or null when absent. */
    private static String joined(HttpHeaders headers, String name) {
        List<String> values = headers.all(name);
        return values.isEmpty() ? null : String.join(",", values);
    }

    /** A date field's value, or MIN_VALUE when absent, repeated or not an HTTP-date (13.1.3, 13.1.4: ignore it). */
    private static long date(HttpHeaders headers, String name) {
        List<String> values = headers.all(name);
        return values.size() == 1 ? HttpDates.parse(values.getFirst()) : Long.MIN_VALUE;
    }
}
