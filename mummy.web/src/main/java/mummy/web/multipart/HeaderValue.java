package mummy.web.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import mummy.api.RequestBodyException;

/**
 * A header value with parameters, as in {@code Content-Type} (RFC 9110 section 8.3.1) and
 * {@code Content-Disposition} (RFC 6266 section 4.1):
 *
 * <pre>
 * value      = token [ "/" token ] *( OWS ";" OWS [ parameter ] )
 * parameter  = token BWS "=" BWS ( token / quoted-string )
 * </pre>
 *
 * <p>The type and parameter names are lower-cased; a repeated parameter name is an error, since
 * two different {@code name}s or {@code boundary}s would make the part mean two things. Inside a
 * quoted-string only {@code \"} and {@code \\} are unescaped and any other backslash is kept: old
 * browsers send Windows paths such as {@code "C:\x\a.txt"} unescaped, and the WHATWG form encoding
 * escapes quotes as {@code %22} rather than with a backslash.
 *
 * @param type the lower-cased type, e.g. {@code multipart/form-data} or {@code form-data}
 * @param parameters lower-cased names to values, in order
 */
record HeaderValue(String type, Map<String, String> parameters) {

    /**
     * Parses {@code value}, naming {@code field} in error messages.
     *
     * @throws RequestBodyException with status 400 if the value does not follow the grammar
     */
    static HeaderValue parse(String field, String value) throws RequestBodyException {
        int[] at = {0};
        String type = token(value, at);
        if (at[0] < value.length() && value.charAt(at[0]) == '/') {
            at[0]++;
            String subtype = token(value, at);
            if (type.isEmpty() || subtype.isEmpty()) {
                throw malformed(field, value, "a type/subtype");
            }
            type = type + "/" + subtype;
        }
        if (type.isEmpty()) {
            throw malformed(field, value, "a type token");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            skipWhitespace(value, at);
            if (at[0] == value.length()) {
                break;
            }
            if (value.charAt(at[0]) != ';') {
                throw malformed(field, value, "';' before a parameter at index " + at[0]);
            }
            at[0]++;
            skipWhitespace(value, at);
            if (at[0] == value.length() || value.charAt(at[0]) == ';') {
                continue; // RFC 9110 5.6.6 allows empty parameters
            }
            String name = token(value, at).toLowerCase(Locale.ROOT);
            skipWhitespace(value, at);
            if (name.isEmpty() || at[0] == value.length() || value.charAt(at[0]) != '=') {
                throw malformed(field, value, "name=value parameters");
            }
            at[0]++;
            skipWhitespace(value, at);
            String parameterValue = at[0] < value.length() && value.charAt(at[0]) == '"'
                    ? quotedString(field, value, at)
                    : token(value, at);
            if (parameters.putIfAbsent(name, parameterValue) != null) {
                throw new RequestBodyException(400, field + " repeats the parameter \"" + name + "\"");
            }
        }
        return new HeaderValue(type.toLowerCase(Locale.ROOT), Map.copyOf(parameters));
    }

    /**
     * Decodes an RFC 8187 ext-value, {@code charset "'" [ language ] "'" value-chars}, such as
     * {@code UTF-8''na%C3%AFve.txt}; charsets UTF-8 and ISO-8859-1 (RFC 8187 section 3.2.1).
     *
     * @throws RequestBodyException with status 400 if the value is malformed or not valid in its charset
     */
    static String decodeExtValue(String field, String value) throws RequestBodyException {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            throw malformed(field, value, "an RFC 8187 ext-value: charset'language'value");
        }
        String charset = value.substring(0, first);
        boolean utf8 = charset.equalsIgnoreCase("UTF-8");
        if (!utf8 && !charset.equalsIgnoreCase("ISO-8859-1")) {
            throw new RequestBodyException(400, field + " uses the charset \"" + charset
                    + "\"; RFC 8187 ext-values must be UTF-8 (or ISO-8859-1)");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = second + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
                if (low < 0) {
                    throw malformed(field, value, "%XX escapes (RFC 8187 pct-encoded)");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (isAttrChar(c)) {
                bytes.write(c);
            } else {
                throw malformed(field, value, "only attr-char and %XX (RFC 8187 3.2.1), not '" + c + "'");
            }
        }
        if (!utf8) {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new RequestBodyException(400, field + " is not valid UTF-8 after percent-decoding (RFC 8187)");
        }
    }

    /** RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&amp;" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~". */
    private static boolean isAttrChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }

    /** RFC 9110 5.6.2 tchar. */
    private static boolean isTchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String token(String value, int[] at) {
        int start = at[0];
        while (at[0] < value.length() && isTchar(value.charAt(at[0]))) {
            at[0]++;
        }
        return value.substring(start, at[0]);
    }

    /** RFC 9110 5.6.4 quoted-string, starting at the opening quote. */
    private static String quotedString(String field, String value, int[] at) throws RequestBodyException {
        StringBuilder text = new StringBuilder();
        for (int i = at[0] + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                at[0] = i + 1;
                return text.toString();
            }
            if (c == '\\' && i + 1 < value.length() && (value.charAt(i + 1) == '"' || value.charAt(i + 1) == '\\')) {
                c = value.charAt(++i);
            }
            text.append(c);
        }
        throw malformed(field, value, "a closing '\"' for the quoted-string");
    }

    private static void skipWhitespace(String value, int[] at) {
        while (at[0] < value.length() && (value.charAt(at[0]) == ' ' || value.charAt(at[0]) == '\t')) {
            at[0]++;
        }
    }

    private static RequestBodyException malformed(String field, String value, String expected) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return new RequestBodyException(400, "malformed " + field + " \"" + shown + "\": expected " + expected);
    }
}
