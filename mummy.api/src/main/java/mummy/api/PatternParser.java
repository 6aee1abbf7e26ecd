package mummy.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compiles route pattern text into a {@link RoutePattern}, rejecting anything ambiguous with an
 * {@link IllegalArgumentException} that quotes the pattern and says what is wrong.
 *
 * <p>Grammar (Mummy's router syntax, made strict):
 * <pre>
 * pattern  = "*" / 1*( "/" segment )          ; "*" only matches the target "*"
 * segment  = literal / "@" name / "*" / "**" / glob
 * name     = 1*( letter / digit / "_" / "-" )  ; unique within the pattern
 * glob     = a segment with one or more single "*" among literal text ("*.json", "page_*", "a*b")
 * literal  = text without "*" and not starting with "@"; may be percent-encoded
 * </pre>
 * Only the last segment may be empty (a trailing slash). {@code ?}, {@code #}, whitespace and
 * control characters are not allowed: a pattern matches the path only, never the query.
 * Literal text is percent-decoded here because it is compared with decoded path segments, so
 * {@code %2A} and {@code %40} write a literal star or a leading at-sign.
 */
final class PatternParser {

    private PatternParser() {
    }

    /**
     * Parses and validates {@code source}.
     *
     * @param source the pattern as registered
     * @return the compiled pattern
     * @throws IllegalArgumentException naming the pattern and what is wrong with it
     */
    static RoutePattern parse(String source) {
        Objects.requireNonNull(source, "pattern");
        if (source.equals("*")) {
            return new RoutePattern(source, List.of(), List.of());
        }
        if (!source.startsWith("/")) {
            throw invalid(source, "it must start with \"/\" (or be \"*\", which matches only the target \"*\")");
        }
        checkCharacters(source);
        String[] segments = source.substring(1).split("/", -1);
        List<PatternPart> parts = new ArrayList<>(segments.length);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            parts.add(parsePart(source, segments[i], i + 1, i == segments.length - 1, names));
        }
        return new RoutePattern(source, parts, names);
    }

    private static PatternPart parsePart(String source, String segment, int number, boolean last,
            List<String> names) {
        if (segment.isEmpty()) {
            if (!last) {
                throw invalid(source, "segment " + number + " is empty (\"//\"); only a trailing slash may"
                        + " leave the last segment empty");
            }
            return new PatternPart.Literal("");
        }
        if (segment.equals("**")) {
            return new PatternPart.MultiSegment();
        }
        if (segment.contains("**")) {
            throw invalid(source, "\"**\" must be a whole segment, but segment " + number + " is \""
                    + segment + "\"");
        }
        if (segment.equals("*")) {
            return new PatternPart.AnySegment();
        }
        if (segment.startsWith("@")) {
            return parseParam(source, segment.substring(1), number, names);
        }
        if (segment.indexOf('*') >= 0) {
            List<String> pieces = new ArrayList<>();
            for (String piece : segment.split("\\*", -1)) {
                pieces.add(decode(piece));
            }
            return new PatternPart.Glob(pieces);
        }
        return new PatternPart.Literal(decode(segment));
    }

    private static PatternPart parseParam(String source, String name, int number, List<String> names) {
        if (name.isEmpty()) {
            throw invalid(source, "segment " + number + " is \"@\" without a parameter name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
                throw invalid(source, "parameter name \"" + name + "\" in segment " + number + " has '" + c
                        + "'; names are letters, digits, '_' and '-', and a parameter is a whole segment");
            }
        }
        if (names.contains(name)) {
            throw invalid(source, "parameter name \"" + name + "\" is used twice");
        }
        names.add(name);
        return new PatternPart.Param(name, names.size() - 1);
    }

    private static void checkCharacters(String source) {
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '?' || c == '#') {
                throw invalid(source, "'" + c + "' at index " + i + " is not allowed; a pattern matches the"
                        + " path only, never the query or fragment");
            }
            if (c <= ' ' || c == 0x7f) {
                throw invalid(source, "whitespace or control character U+" + String.format("%04X", (int) c)
                        + " at index " + i);
            }
        }
    }

    private static String decode(String text) {
        return Parameters.decode(text, 0, text.length(), false);
    }

    private static IllegalArgumentException invalid(String source, String reason) {
        return new IllegalArgumentException("invalid route pattern \"" + source + "\": " + reason);
    }
}
