package mummy.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import mummy.api.internal.TrustedHeaders;

/**
 * An immutable list of HTTP header fields: names and values in their original order and spelling,
 * repeated names kept, names looked up case-insensitively (RFC 9110 section 5.1).
 *
 * <p>Threading: immutable, safe to share between threads.
 */
public final class HttpHeaders implements Iterable<HttpHeaders.Field> {

    /**
     * One header field.
     *
     * @param name the field name as sent
     * @param value the field value, without leading or trailing whitespace
     */
    public record Field(String name, String value) {
        /** Validates that neither part is null. */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final HttpHeaders EMPTY = new HttpHeaders(new String[0]);

    static {
        // The server's parser checks each field as it reads it; it alone may skip checkField.
        TrustedHeaders.setFactory(namesAndValues -> namesAndValues.length == 0 ? EMPTY
                : new HttpHeaders(namesAndValues));
    }

    /** name0, value0, name1, value1, ... */
    private final String[] fields;

    private HttpHeaders(String[] fields) {
        this.fields = fields;
    }

    /**
     * Headers with no fields.
     *
     * @return the empty headers
     */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /**
     * Headers from alternating names and values: {@code of("Content-Type", "text/plain")}.
     *
     * @param namesAndValues name, value, name, value, ...
     * @return the headers
     * @throws IllegalArgumentException if the count is odd or a name or value is not valid on the wire
     */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("HttpHeaders.of needs name/value pairs, got an odd count: "
                    + namesAndValues.length);
        }
        String[] copy = namesAndValues.clone();
        for (int i = 0; i < copy.length; i += 2) {
            checkField(copy[i], copy[i + 1]);
        }
        return copy.length == 0 ? EMPTY : new HttpHeaders(copy);
    }

    /**
     * A builder for headers.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of fields, counting repeated names separately.
     *
     * @return the field count
     */
    public int size() {
        return fields.length / 2;
    }

    /**
     * Whether there are no fields.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return fields.length == 0;
    }

    /**
     * The name of field {@code index}, as sent.
     *
     * @param index from 0 to {@link #size()} - 1
     * @return the name
     */
    public String name(int index) {
        return fields[2 * Objects.checkIndex(index, size())];
    }

    /**
     * The value of field {@code index}.
     *
     * @param index from 0 to {@link #size()} - 1
     * @return the value
     */
    public String value(int index) {
        return fields[2 * Objects.checkIndex(index, size()) + 1];
    }

    /**
     * The value of the first field named {@code name}, ignoring case.
     *
     * @param name the field name
     * @return the value, or null if there is no such field
     */
    public String get(String name) {
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                return fields[i + 1];
            }
        }
        return null;
    }

    /**
     * The values of every field named {@code name}, ignoring case, in order.
     *
     * @param name the field name
     * @return the values, possibly empty
     */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                values.add(fields[i + 1]);
            }
        }
        return List.copyOf(values);
    }

    /**
     * Whether a field named {@code name} is present, ignoring case.
     *
     * @param name the field name
     * @return true if present
     */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * Whether a field named {@code name} holds {@code token} in its comma-separated list,
     * ignoring case, as {@code Connection: keep-alive, Upgrade} holds {@code upgrade}.
     *
     * @param name the field name
     * @param token the token to look for
     * @return true if any such field lists the token
     */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equalsIgnoreCase(name) && listContains(fields[i + 1], token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * These headers with one more field at the end.
     *
     * @param name the field name
     * @param value the field value
     * @return new headers
     */
    public HttpHeaders with(String name, String value) {
        checkField(name, value);
        String[] copy = Arrays.copyOf(fields, fields.length + 2);
        copy[fields.length] = name;
        copy[fields.length + 1] = value;
        return new HttpHeaders(copy);
    }

    @Override
    public Iterator<Field> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < fields.length;
            }

            @Override
            public Field next() {
                if (next >= fields.length) {
                    throw new NoSuchElementException();
                }
                Field field = new Field(fields[next], fields[next + 1]);
                next += 2;
                return field;
            }
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpHeaders headers && Arrays.equals(fields, headers.fields);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fields);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("HttpHeaders[");
        for (int i = 0; i < fields.length; i += 2) {
            text.append(i == 0 ? "" : ", ").append(fields[i]).append(": ").append(fields[i + 1]);
        }
        return text.append(']').toString();
    }

    private static boolean listContains(String list, String token) {
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            if (list.substring(start, end).strip().equalsIgnoreCase(token)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /**
     * Checks a name is a token (RFC 9110 5.1) and a value holds only HTAB, SP, VCHAR and obs-text
     * (RFC 9110 5.5 field-content): no CR, LF or NUL, no other control character, nothing above
     * 0xFF, which could not be sent as one octet. So no handler can split a response or add a
     * field by accident, and every value can be written as ISO-8859-1.
     */
    static void checkField(String name, String value) {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        if (name.isEmpty() || !Tokens.isToken(name)) {
            throw new IllegalArgumentException("not a valid header name (RFC 9110 5.1 token): \"" + name + "\"");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("header " + name + " has a character not allowed in a field value"
                        + " (RFC 9110 5.5): U+" + String.format("%04X", (int) c) + " at index " + i);
            }
        }
    }

    /** Accumulates header fields in order. Not thread-safe. */
    public static final class Builder {
        private final List<String> fields = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a field at the end, keeping any of the same name.
         *
         * @param name the field name, a token
         * @param value the field value
         * @return this builder
         */
        public Builder add(String name, String value) {
            checkField(name, value);
            fields.add(name);
            fields.add(value);
            return this;
        }

        /**
         * Adds a {@code Set-Cookie} field for {@code cookie}, keeping any other: each cookie has a
         * field of its own (RFC 6265bis 3: they are never joined with commas).
         *
         * <pre>{@code
         * HttpHeaders.builder().addCookie(SetCookie.builder("theme", "dark").path("/").build()).build()
         * }</pre>
         *
         * @param cookie the cookie
         * @return this builder
         */
        public Builder addCookie(SetCookie cookie) {
            return add("Set-Cookie", cookie.headerValue());
        }

        /**
         * Replaces every field named {@code name} (ignoring case) by one field.
         *
         * @param name the field name, a token
         * @param value the field value
         * @return this builder
         */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /**
         * Removes every field named {@code name}, ignoring case.
         *
         * @param name the field name
         * @return this builder
         */
        public Builder remove(String name) {
            for (int i = fields.size() - 2; i >= 0; i -= 2) {
                if (fields.get(i).equalsIgnoreCase(name)) {
                    fields.remove(i + 1);
                    fields.remove(i);
                }
            }
            return this;
        }

        /**
         * Adds every field of {@code headers}.
         *
         * @param headers the fields to add
         * @return this builder
         */
        public Builder addAll(HttpHeaders headers) {
            fields.addAll(Arrays.asList(headers.fields));
            return this;
        }

        /**
         * The headers built so far.
         *
         * @return immutable headers
         */
        public HttpHeaders build() {
            return fields.isEmpty() ? EMPTY : new HttpHeaders(fields.toArray(String[]::new));
        }
    }
}
