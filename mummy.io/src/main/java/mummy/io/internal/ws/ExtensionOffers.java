package mummy.io.internal.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code Sec-WebSocket-Extensions} field values into offers (RFC 6455 section 9.1):
 *
 * <pre>
 *   extension-list  = 1#extension
 *   extension       = extension-token *( ";" extension-param )
 *   extension-param = token [ "=" ( token | quoted-string ) ]
 * </pre>
 *
 * <p>Whitespace around separators is optional (RFC 9110 5.6.3), empty list elements are skipped
 * (RFC 9110 5.6.1). A malformed element is dropped (its offer is declined) and parsing resumes
 * after the next comma outside a quoted string; a quoted value is unescaped, and must then be a
 * token itself (RFC 6455 9.1).
 *
 * <p>Threading: stateless, any thread.
 */
final class ExtensionOffers {

    /**
     * One offered extension.
     *
     * @param name the extension token, such as {@code permessage-deflate}
     * @param params its parameters, in order
     */
    record Offer(String name, List<Param> params) {
    }

    /**
     * One extension parameter.
     *
     * @param name the parameter name
     * @param value the value, unquoted, or null when the parameter has none
     */
    record Param(String name, String value) {
    }

    private ExtensionOffers() {
    }

    /**
     * The well-formed offers of every field value, in order.
     *
     * @param fieldValues the values of every {@code Sec-WebSocket-Extensions} field
     * @return the offers; malformed elements are left out
     */
    static List<Offer> parse(List<String> fieldValues) {
        List<Offer> offers = new ArrayList<>();
        for (String value : fieldValues) {
            for (String element : split(value, ',', true)) {
                Offer offer = element(element);
                if (offer != null) {
                    offers.add(offer);
                }
            }
        }
        return offers;
    }

    /**
     * Splits at {@code separator} outside quoted strings, stripping whitespace and dropping empty
     * parts when asked; an unterminated quote runs to the end (and fails later, in
     * {@link #unquote}).
     */
    static List<String> split(String text, char separator, boolean dropEmpty) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i == text.length() ? separator : text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && (!quoted || i == text.length())) {
                String part = text.substring(from, i).strip();
                if (!part.isEmpty() || !dropEmpty) {
                    parts.add(part);
                }
                from = i + 1;
            }
        }
        return parts;
    }

    /** One list element; null when malformed. */
    private static Offer element(String element) {
        List<String> parts = split(element, ';', false);
        if (!isToken(parts.getFirst())) {
            return null;
        }
        List<Param> params = new ArrayList<>();
        for (String part : parts.subList(1, parts.size())) {
            Param param = param(part);
            if (param == null) {
                return null;
            }
            params.add(param);
        }
        return new Offer(parts.getFirst(), List.copyOf(params));
    }

    private static Param param(String part) {
        int equals = part.indexOf('=');
        String name = (equals < 0 ? part : part.substring(0, equals)).strip();
        if (!isToken(name)) {
            return null;
        }
        if (equals < 0) {
            return new Param(name, null);
        }
        String value = unquote(part.substring(equals + 1).strip());
        return value != null && isToken(value) ? new Param(name, value) : null;
    }

    /** A token as is, a quoted-string unescaped (RFC 9110 5.6.4); null if neither. */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"') {
            return value;
        }
        if (value.charAt(value.length() - 1) != '"') {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (++i == value.length() - 1) {
                    return null;
                }
                c = value.charAt(i);
            } else if (c == '"') {
                return null;
            }
            text.append(c);
        }
        return text.toString();
    }

    /** RFC 9110 5.6.2: token = 1*tchar. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
