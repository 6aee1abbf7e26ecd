package mummy.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Named string parameters in order, names possibly repeated: query parameters, form fields and
 * the path parameters of a route.
 *
 * <p>Threading: immutable.
 */
public final class Parameters {

    private static final Parameters EMPTY = new Parameters(List.of());

    private final List<Map.Entry<String, String>> entries;

    private Parameters(List<Map.Entry<String, String>> entries) {
        this.entries = entries;
    }

    /**
     * No parameters.
     *
     * @return the empty parameters
     */
    public static Parameters empty() {
        return EMPTY;
    }

    /**
     * Parameters from a map, in its iteration order.
     *
     * @param map names to values
     * @return the parameters
     */
    public static Parameters of(Map<String, String> map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        List<Map.Entry<String, String>> list = new ArrayList<>(map.size());
        map.forEach((name, value) -> list.add(Map.entry(name, value)));
        return new Parameters(List.copyOf(list));
    }

    /**
     * Parameters of these entries, in order, names possibly repeated, as parsers make them (such
     * as mummy.web's {@code FormFields}). The list is copied.
     *
     * @param entries names and values, none null
     * @return the parameters
     */
    public static Parameters ofEntries(List<Map.Entry<String, String>> entries) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        List<Map.Entry<String, String>> copy = new ArrayList<>(entries.size());
        entries.forEach(entry -> copy.add(Map.entry(entry.getKey(), entry.getValue())));
        return new Parameters(List.copyOf(copy));
    }

    /**
     * Parses {@code application/x-www-form-urlencoded} text, such as a query: pairs separated by
     * {@code &}, {@code +} as space, percent-escapes decoded as UTF-8 (malformed escapes are kept
     * as written). A pair without {@code =} has the empty value.
     *
     * @param encoded the encoded text, possibly empty
     * @return the parameters in order
     */
    public static Parameters parseUrlEncoded(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.isEmpty()) {
            return EMPTY;
        }
        List<Map.Entry<String, String>> list = new ArrayList<>();
        int start = 0;
        while (start <= encoded.length()) {
            int amp = encoded.indexOf('&', start);
            int end = amp < 0 ? encoded.length() : amp;
            if (end > start) {
                int eq = encoded.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    list.add(Map.entry(decode(encoded, start, end, true), ""));
                } else {
                    list.add(Map.entry(decode(encoded, start, eq, true), decode(encoded, eq + 1, end, true)));
                }
            }
            start = end + 1;
        }
        return list.isEmpty() ? EMPTY : new Parameters(List.copyOf(list));
    }

    /**
     * Decodes percent-escapes in {@code text[start, end)} as UTF-8; malformed escapes are kept.
     *
     * @param text the text
     * @param start first index
     * @param end index after the last
     * @param plusIsSpace whether {@code +} means a space (form encoding) or itself (paths)
     * @return the decoded text
     */
    public static String decode(String text, int start, int end, boolean plusIsSpace) {
        if (!needsDecoding(text, start, end, plusIsSpace)) {
            return text.substring(start, end);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < end ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < end ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high >= 0 && low >= 0) {
                    out.write(high << 4 | low);
                    i += 2;
                    continue;
                }
            }
            if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean needsDecoding(String text, int start, int end, boolean plusIsSpace) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '%' || (plusIsSpace && c == '+')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first value of {@code name}.
     *
     * @param name the parameter name, case-sensitive
     * @return the value, or null if absent
     */
    public String get(String name) {
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * The first value of {@code name}, or {@code fallback}.
     *
     * @param name the parameter name
     * @param fallback the value when absent
     * @return the value or the fallback
     */
    public String getOrDefault(String name, String fallback) {
        String value = get(name);
        return value == null ? fallback : value;
    }

    /**
     * Every value of {@code name}, in order.
     *
     * @param name the parameter name
     * @return the values, possibly empty
     */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equals(name)) {
                values.add(entry.getValue());
            }
        }
        return List.copyOf(values);
    }

    /**
     * The distinct names, in order of first appearance.
     *
     * @return the names
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        entries.forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    /**
     * The number of parameters, counting repeated names separately.
     *
     * @return the count
     */
    public int size() {
        return entries.size();
    }

    /**
     * Whether there are none.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The first value of each name, in order.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(entry -> map.putIfAbsent(entry.getKey(), entry.getValue()));
        return java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameters parameters && entries.equals(parameters.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "Parameters" + entries;
    }
}
