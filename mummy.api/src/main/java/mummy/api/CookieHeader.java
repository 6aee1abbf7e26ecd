package mummy.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the {@code Cookie} request fields into {@link Request#cookies()}. RFC 6265 4.2.1 (and
 * 6265bis 4.2.1) give the syntax a user agent sends:
 *
 * <pre>
 * cookie-string = cookie-pair *( ";" SP cookie-pair )
 * cookie-pair   = cookie-name "=" cookie-value
 * cookie-value  = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )
 * </pre>
 *
 * <p>Read leniently, as browsers send what earlier servers stored and as other servers read it:
 * pairs are split at {@code ;}; whitespace (SP, HTAB) around names and values is dropped; a pair
 * without {@code =} or with an empty name is skipped; the value is everything after the first
 * {@code =}, so it may hold {@code =} itself; one pair of double quotes around the whole value is
 * removed, any other quote is kept as it is; no percent-decoding (RFC 6265 defines none). Every
 * {@code Cookie} field is read, in order (HTTP/2 proxies may split one into several, RFC 9113
 * 8.2.3), and every pair is kept: a name may come more than once, the cookie with the longest
 * path first (RFC 6265 5.4).
 *
 * <p>Threading: stateless.
 */
final class CookieHeader {

    private CookieHeader() {
    }

    /** The cookies of every {@code Cookie} field of {@code headers}, in order. */
    static Parameters parse(HttpHeaders headers) {
        List<String> fields = headers.all("Cookie");
        if (fields.isEmpty()) {
            return Parameters.empty();
        }
        List<Map.Entry<String, String>> cookies = new ArrayList<>();
        for (String field : fields) {
            parseField(field, cookies);
        }
        return Parameters.ofEntries(cookies);
    }

    private static void parseField(String field, List<Map.Entry<String, String>> cookies) {
        int start = 0;
        while (start < field.length()) {
            int semicolon = field.indexOf(';', start);
            int end = semicolon < 0 ? field.length() : semicolon;
            int equals = field.indexOf('=', start);
            if (equals >= 0 && equals < end) {
                String name = strip(field, start, equals);
                if (!name.isEmpty()) {
                    cookies.add(Map.entry(name, unquote(strip(field, equals + 1, end))));
                }
            }
            start = end + 1;
        }
    }

    /** {@code text[start, end)} without the SP and HTAB around it. */
    private static String strip(String text, int start, int end) {
        while (start < end && isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static String unquote(String value) {
        int length = value.length();
        return length >= 2 && value.charAt(0) == '"' && value.charAt(length - 1) == '"'
                ? value.substring(1, length - 1) : value;
    }
}
