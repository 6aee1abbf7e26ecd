package mummy.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled route pattern: a list of {@link PatternPart}s matched against the decoded segments
 * of a {@link RequestPath}, with backtracking only where a {@code **} is followed by more parts.
 * Built by {@link PatternParser}; the special pattern {@code *} matches only the asterisk-form
 * target ({@code OPTIONS *}).
 *
 * <p>Threading: immutable; {@link #match} may run on many threads at once.
 */
final class RoutePattern {

    private final String source;
    private final PatternPart[] parts;
    private final List<String> paramNames;
    private final boolean hasMultiSegment;

    /**
     * A pattern of checked parts; use {@link #compile}.
     *
     * @param source the pattern as registered
     * @param parts the parts in order, none for the asterisk pattern
     * @param paramNames the names of the {@link PatternPart.Param}s, by index
     */
    RoutePattern(String source, List<PatternPart> parts, List<String> paramNames) {
        this.source = source;
        this.parts = parts.toArray(PatternPart[]::new);
        this.paramNames = List.copyOf(paramNames);
        this.hasMultiSegment = parts.stream().anyMatch(part -> part instanceof PatternPart.MultiSegment);
    }

    /**
     * Compiles a pattern.
     *
     * @param source the pattern text
     * @return the compiled pattern
     * @throws IllegalArgumentException naming the pattern and what is wrong with it
     */
    static RoutePattern compile(String source) {
        return PatternParser.parse(source);
    }

    /**
     * Whether this is the pattern {@code *} for the asterisk-form target.
     *
     * @return true for {@code *}
     */
    boolean isAsterisk() {
        return parts.length == 0;
    }

    /**
     * The parameter names.
     *
     * @return the names, in pattern order
     */
    List<String> paramNames() {
        return paramNames;
    }

    /**
     * Matches a whole path: every part consumed and every segment consumed.
     *
     * @param path the request's path
     * @return the path parameters, or null when the path does not match
     */
    Parameters match(RequestPath path) {
        if (isAsterisk() || path.isAsterisk()) {
            return isAsterisk() && path.isAsterisk() ? Parameters.empty() : null;
        }
        int size = path.size();
        if (hasMultiSegment ? size < parts.length : size != parts.length) {
            return null;
        }
        String[] values = new String[paramNames.size()];
        return matchFrom(0, 0, path, values) ? toParameters(values) : null;
    }

    private boolean matchFrom(int part, int segment, RequestPath path, String[] values) {
        for (; part < parts.length; part++, segment++) {
            if (segment >= path.size()) {
                return false;
            }
            String text = path.segment(segment);
            switch (parts[part]) {
                case PatternPart.MultiSegment multi -> {
                    return matchRun(part, segment, path, values);
                }
                case PatternPart.Literal literal -> {
                    if (!literal.text().equals(text)) {
                        return false;
                    }
                }
                case PatternPart.AnySegment any -> {
                    if (text.isEmpty()) {
                        return false;
                    }
                }
                case PatternPart.Param param -> {
                    if (text.isEmpty()) {
                        return false;
                    }
                    values[param.index()] = text;
                }
                case PatternPart.Glob glob -> {
                    if (!glob.matches(text)) {
                        return false;
                    }
                }
            }
        }
        return segment == path.size();
    }

    /**
     * Matches the {@code **} at {@code part} against runs of one segment, then two, and so on,
     * stopping at the first run after which the rest of the pattern matches.
     */
    private boolean matchRun(int part, int start, RequestPath path, String[] values) {
        int lastEnd = path.size() - (parts.length - part - 1); // every later part needs a segment
        boolean nonEmpty = false;
        for (int end = start + 1; end <= lastEnd; end++) {
            nonEmpty |= !path.segment(end - 1).isEmpty();
            if (nonEmpty && matchFrom(part + 1, end, path, values)) {
                return true;
            }
        }
        return false;
    }

    private Parameters toParameters(String[] values) {
        if (values.length == 0) {
            return Parameters.empty();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(paramNames.get(i), values[i]);
        }
        return Parameters.of(map);
    }

    /** The pattern as registered. */
    @Override
    public String toString() {
        return source;
    }
}
