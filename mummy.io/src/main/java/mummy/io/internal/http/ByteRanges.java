package mummy.io.internal.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code Range} field (RFC 9110 section 14.1.1) and resolves it against a
 * representation's length (section 14.1.2). Grammar accepted:
 *
 * <pre>
 *   Range        = "bytes" "=" range-set          ; unit case-insensitive (14.1)
 *   range-set    = 1#range-spec                   ; empty list elements allowed (5.6.1)
 *   range-spec   = int-range / suffix-range
 *   int-range    = first-pos "-" [ last-pos ]     ; last-pos &gt;= first-pos, else invalid
 *   suffix-range = "-" suffix-length
 * </pre>
 *
 * <p>The outcome is one of: {@link Outcome.Ignore} (the field is invalid, names another unit, or
 * asks for more than {@link #MAX_RANGE_SPECS} ranges: send the whole representation, as section
 * 14.2 allows), {@link Outcome.Unsatisfiable} (a valid field with no satisfiable range: 416), or
 * {@link Outcome.Satisfiable} with the ranges to send. Against abuse (section 14.2: "many small
 * ranges", "overlapping ranges") ranges that overlap or lie closer than {@link #COALESCE_GAP}
 * bytes are merged into one (section 14.6 allows this regardless of order), so the parts never
 * hold more than the representation plus their headers; the rest keep the order they were
 * requested in.
 *
 * <p>Threading: stateless.
 */
public final class ByteRanges {

    /** More range-specs than this and the field is ignored: the whole representation is sent. */
    public static final int MAX_RANGE_SPECS = 32;
    /** Ranges separated by fewer bytes than this are sent as one: a part header costs about as much. */
    public static final long COALESCE_GAP = 80;

    /**
     * One resolved range of bytes, both ends inclusive.
     *
     * @param first the offset of its first byte
     * @param last the offset of its last byte, at least {@code first}
     */
    public record Range(long first, long last) {
        /** Validates the bounds. */
        public Range {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
            }
        }

        /**
         * The number of bytes in the range.
         *
         * @return {@code last - first + 1}
         */
        public long length() {
            return last - first + 1;
        }
    }

    /** What to do with a request's {@code Range}. */
    public sealed interface Outcome {
        /** Send the whole representation (200). */
        record Ignore() implements Outcome {
        }

        /** Answer 416 with {@code Content-Range: bytes *&#47;length}. */
        record Unsatisfiable() implements Outcome {
        }

        /**
         * Send these ranges (206): one as a single part, several as {@code multipart/byteranges}.
         *
         * @param ranges at least one, pairwise apart by at least {@link #COALESCE_GAP} bytes
         */
        record Satisfiable(List<Range> ranges) implements Outcome {
            /** Copies the list. */
            public Satisfiable {
                ranges = List.copyOf(ranges);
                if (ranges.isEmpty()) {
                    throw new IllegalArgumentException("no ranges");
                }
            }
        }
    }

    private static final Outcome IGNORE = new Outcome.Ignore();
    private static final Outcome UNSATISFIABLE = new Outcome.Unsatisfiable();

    private ByteRanges() {
    }

    /**
     * Resolves a {@code Range} field value against a representation of {@code length} bytes.
     *
     * @param value the field value
     * @param length the representation's length
     * @return what to send
     */
    public static Outcome resolve(String value, long length) {
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).strip().equalsIgnoreCase("bytes")) {
            return IGNORE; // 14.2: a server MUST ignore a Range with a range unit it does not understand
        }
        if (length == 0) {
            return IGNORE; // 14.2: ranges may be ignored; an empty body has no bytes to address
        }
        String[] specs = value.substring(equals + 1).split(",", -1);
        List<Range> satisfiable = new ArrayList<>();
        int count = 0;
        for (String raw : specs) {
            String spec = raw.strip();
            if (spec.isEmpty()) {
                continue; // 5.6.1: empty list elements do not count
            }
            if (++count > MAX_RANGE_SPECS) {
                return IGNORE;
            }
            long[] bounds = parseSpec(spec);
            if (bounds == null) {
                return IGNORE; // 14.2: an invalid ranges-specifier may be ignored
            }
            Range range = satisfy(bounds[0], bounds[1], length);
            if (range != null) {
                satisfiable.add(range);
            }
        }
        if (count == 0) {
            return IGNORE; // 1#range-spec: at least one is required
        }
        return satisfiable.isEmpty() ? UNSATISFIABLE : new Outcome.Satisfiable(coalesce(satisfiable));
    }

    /** {@code {first, last}} of an int-range (last -1 when absent), {@code {-1, n}} of a suffix-range, else null. */
    private static long[] parseSpec(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash);
        String last = spec.substring(dash + 1);
        if (first.isEmpty()) {
            long suffix = digits(last);
            return suffix < 0 ? null : new long[] {-1, suffix};
        }
        long from = digits(first);
        if (from < 0) {
            return null;
        }
        if (last.isEmpty()) {
            return new long[] {from, -1};
        }
        long to = digits(last);
        if (to < 0 || to < from) {
            return null; // 14.1.1: an int-range with last-pos < first-pos is invalid
        }
        return new long[] {from, to};
    }

    /** 1*DIGIT as a long (saturating at Long.MAX_VALUE), or -1 if not only digits. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
        }
        return value;
    }

    /** The satisfiable part of a parsed spec (14.1.2), or null when it has none. */
    private static Range satisfy(long first, long last, long length) {
        if (first < 0) { // suffix-range: the last n bytes
            return last == 0 ? null : new Range(Math.max(0, length - last), length - 1);
        }
        if (first >= length) {
            return null; // 14.1.1: satisfiable only if first-pos < length
        }
        return new Range(first, last < 0 || last >= length ? length - 1 : last);
    }

    /**
     * Merges ranges that overlap or nearly touch, keeping the request's order otherwise: each
     * range joins the first earlier one it comes near, and merging repeats until nothing changes.
     */
    static List<Range> coalesce(List<Range> ranges) {
        List<Range> out = new ArrayList<>(ranges);
        boolean merged = true;
        while (merged) {
            merged = false;
            for (int i = 0; i < out.size() && !merged; i++) {
                for (int j = i + 1; j < out.size() && !merged; j++) {
                    Range a = out.get(i);
                    Range b = out.get(j);
                    if (near(a, b)) {
                        out.set(i, new Range(Math.min(a.first(), b.first()), Math.max(a.last(), b.last())));
                        out.remove(j);
                        merged = true;
                    }
                }
            }
        }
        return out;
    }

    private static boolean near(Range a, Range b) {
        return b.first() <= a.last() + COALESCE_GAP && a.first() <= b.last() + COALESCE_GAP;
    }
}
