package mummy.topics.spi;

/**
 * Message ids of the form {@code <milliseconds>-<sequence>} (Redis Streams' entry ids; a bare
 * {@code <milliseconds>} means sequence 0), compared as the pair of unsigned numbers they are.
 */
public final class MessageIds {

    private MessageIds() {
    }

    /**
     * Whether a string is such an id.
     *
     * @param id the string, or null
     * @return true if it parses
     */
    public static boolean isValid(String id) {
        return id != null && parse(id) != null;
    }

    /**
     * Compares two ids.
     *
     * @param a one id
     * @param b another
     * @return negative, zero or positive as {@code a} is older than, the same as, or newer than {@code b}
     * @throws IllegalArgumentException if either is not a valid id
     */
    public static int compare(String a, String b) {
        long[] x = require(a);
        long[] y = require(b);
        int first = Long.compareUnsigned(x[0], y[0]);
        return first != 0 ? first : Long.compareUnsigned(x[1], y[1]);
    }

    /**
     * The id made of a time and a sequence.
     *
     * @param millis the milliseconds part
     * @param sequence the sequence part
     * @return {@code millis-sequence}
     */
    public static String of(long millis, long sequence) {
        return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
    }

    private static long[] require(String id) {
        long[] parts = id == null ? null : parse(id);
        if (parts == null) {
            throw new IllegalArgumentException("not a message id (<milliseconds>-<sequence>): " + id);
        }
        return parts;
    }

    private static long[] parse(String id) {
        int dash = id.indexOf('-');
        String millis = dash < 0 ? id : id.substring(0, dash);
        String sequence = dash < 0 ? "0" : id.substring(dash + 1);
        if (!digits(millis) || !digits(sequence)) {
            return null;
        }
        try {
            return new long[] {Long.parseUnsignedLong(millis), Long.parseUnsignedLong(sequence)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > 20) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
