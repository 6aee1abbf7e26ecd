package mummy.json.jackson;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns a Jackson exception into the one-line message of a 400: where the JSON broke and why,
 * without the source excerpt, the stack or package names.
 *
 * <p>Threading: stateless.
 */
final class JacksonErrors {

    /** A class name Jackson quotes in backticks, such as {@code `com.example.Todo`}: its package part. */
    private static final Pattern QUALIFIED = Pattern.compile("`(?:[\\w$]+\\.)+([\\w$\\[\\]]+)");

    private JacksonErrors() {
    }

    /**
     * The message for {@code error}, such as
     * {@code malformed JSON at line 1, column 10: Unexpected character ('}' (code 125))...} for a
     * syntax error, or {@code JSON does not fit at $.done (line 1, column 9): Cannot deserialize...}
     * for a value of the wrong shape.
     */
    static String describe(JacksonException error) {
        StringBuilder message = new StringBuilder(error instanceof StreamReadException
                ? "malformed JSON" : "JSON does not fit");
        String path = path(error);
        if (!path.isEmpty()) {
            message.append(" at ").append(path);
        }
        TokenStreamLocation location = error.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message.append(path.isEmpty() ? " at " : " (").append("line ").append(location.getLineNr())
                    .append(", column ").append(location.getColumnNr()).append(path.isEmpty() ? "" : ")");
        }
        return message.append(": ").append(reason(error)).toString();
    }

    /** The JSONPath-like way to the value, such as {@code $.items[2].done}; empty at the root. */
    private static String path(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : "$" + path;
    }

    /** Jackson's reason: its first line, simple class names, at most {@link JacksonJsonCodec#MAX_REASON_LENGTH}. */
    private static String reason(JacksonException error) {
        String original = error.getOriginalMessage();
        if (original == null || original.isBlank()) {
            return "unreadable";
        }
        int newline = original.indexOf('\n');
        String line = QUALIFIED.matcher(newline < 0 ? original : original.substring(0, newline)).replaceAll("`$1")
                .strip();
        return line.length() <= JacksonJsonCodec.MAX_REASON_LENGTH ? line
                : line.substring(0, JacksonJsonCodec.MAX_REASON_LENGTH - 3) + "...";
    }
}
