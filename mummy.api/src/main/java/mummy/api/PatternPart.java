package mummy.api;

import java.util.List;
import java.util.Objects;

/**
 * One compiled part of a route pattern, standing for one path segment, or for a run of segments
 * in the case of {@link MultiSegment}. Every text held here is percent-decoded, because it is
 * compared with decoded path segments.
 *
 * <p>Threading: immutable.
 */
sealed interface PatternPart {

    /**
     * A literal segment such as {@code users}: the decoded segment must equal the text.
     *
     * @param text the decoded literal, empty only for a trailing slash
     */
    record Literal(String text) implements PatternPart {
        /** Checks the text is not null. */
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * {@code @name}: any non-empty segment, whose decoded value becomes parameter {@code index}.
     *
     * @param name the parameter name, without the {@code @}
     * @param index the parameter's position among the pattern's parameters
     */
    record Param(String name, int index) implements PatternPart {
        /** Checks the name is not null. */
        public Param {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code *}: exactly one non-empty segment. */
    record AnySegment() implements PatternPart {
    }

    /**
     * A segment with wildcards inside, such as {@code *.json}, {@code page_*} or {@code a*b}: the
     * literal pieces between the stars must appear in order and each star stands for at least one
     * character.
     *
     * @param pieces the literal pieces around the stars, one more than there are stars; the first
     *     or last is empty when the segment starts or ends with a star
     */
    record Glob(List<String> pieces) implements PatternPart {
        /** Copies the pieces and checks there is at least one star. */
        public Glob {
            pieces = List.copyOf(pieces);
            if (pieces.size() < 2) {
                throw new IllegalArgumentException("a glob needs at least one star: " + pieces);
            }
        }

        /**
         * Whether {@code segment} matches. Taking each middle piece at its leftmost possible place
         * leaves the most room for the rest, so no backtracking is needed.
         *
         * @param segment a decoded path segment
         * @return true if it matches
         */
        boolean matches(String segment) {
            String first = pieces.getFirst();
            String last = pieces.getLast();
            if (!segment.startsWith(first) || !segment.endsWith(last)) {
                return false;
            }
            int position = first.length();
            for (int i = 1; i < pieces.size() - 1; i++) {
                int found = segment.indexOf(pieces.get(i), position + 1);
                if (found < 0) {
                    return false;
                }
                position = found + pieces.get(i).length();
            }
            return segment.length() - last.length() >= position + 1;
        }
    }

    /** {@code **}: one or more whole segments, at least one of them non-empty. */
    record MultiSegment() implements PatternPart {
    }
}
