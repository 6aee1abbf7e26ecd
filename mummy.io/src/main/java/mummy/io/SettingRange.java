package mummy.io;

import java.time.Duration;
import java.util.Objects;

/**
 * The values one kind of {@link Server.Builder} setting allows, and the words that name them in
 * the error: every setter checks its argument against one of these, so the message names the
 * setting, its range and the value refused ({@code maxBodyLength must be between 1 and 2^31-9
 * bytes: 0}).
 *
 * <p>Threading: immutable.
 *
 * @param min the smallest value allowed
 * @param max the largest value allowed
 * @param text the range in words, with its unit
 */
record SettingRange(long min, long max, String text) {

    /** A byte count that fits in an {@code int}. */
    static final SettingRange INT_BYTES = new SettingRange(1, Integer.MAX_VALUE, "between 1 and 2^31-1 bytes");
    /** A count that fits in an {@code int}. */
    static final SettingRange INT_COUNT = new SettingRange(1, Integer.MAX_VALUE, "between 1 and 2^31-1");
    /** A byte count held in one array: at most {@code Integer.MAX_VALUE - 8}, as the parser's and assembler's limit. */
    static final SettingRange ARRAY_BYTES = new SettingRange(1, Integer.MAX_VALUE - 8, "between 1 and 2^31-9 bytes");
    /** A byte count that fits in a {@code long}. */
    static final SettingRange LONG_BYTES = new SettingRange(1, Long.MAX_VALUE, "between 1 and 2^63-1 bytes");
    /** A high-water mark: the cut-off at four times it must still fit in a {@code long}. */
    static final SettingRange HIGH_WATER_MARK = new SettingRange(1, 1L << 60, "between 1 and 2^60 bytes");
    /** A minimum data rate; zero for none. */
    static final SettingRange RATE = new SettingRange(0, 1L << 30, "between 0 (off) and 2^30 bytes per second");
    /** A scheduler's parallelism: the most a {@link java.util.concurrent.ForkJoinPool} allows. */
    static final SettingRange THREADS = new SettingRange(0, 0x7fff, "between 0 (the provider's default) and 32767");
    /** IO loops: 0 for one per available processor, at most 256. */
    static final SettingRange IO_THREADS = new SettingRange(0, 256, "between 0 (one per available processor) and 256");

    /** The longest duration any setting takes, far from where nanosecond arithmetic overflows. */
    static final Duration MAX_DURATION = Duration.ofDays(1);

    /**
     * Checks a numeric setting.
     *
     * @param setting the setting's name, as its builder method
     * @param value the value given
     * @return {@code value}
     * @throws IllegalArgumentException naming the setting and this range if {@code value} is outside it
     */
    long check(String setting, long value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(setting + " must be " + text + ": " + value);
        }
        return value;
    }

    /**
     * Checks an {@code int} setting.
     *
     * @param setting the setting's name, as its builder method
     * @param value the value given
     * @return {@code value}
     * @throws IllegalArgumentException naming the setting and this range if {@code value} is outside it
     */
    int check(String setting, int value) {
        return Math.toIntExact(check(setting, (long) value));
    }

    /**
     * Checks a timeout: more than zero and at most {@link #MAX_DURATION}.
     *
     * @param setting the setting's name, as its builder method
     * @param value the duration given
     * @return {@code value}
     * @throws IllegalArgumentException naming the setting and the range if {@code value} is outside it
     * @throws NullPointerException if {@code value} is null
     */
    static Duration positive(String setting, Duration value) {
        return duration(setting, value, false, "between 1 ns and 24 h");
    }

    /**
     * Checks a duration that may be zero: zero or more and at most {@link #MAX_DURATION}.
     *
     * @param setting the setting's name, as its builder method
     * @param value the duration given
     * @param zeroMeans what zero does, such as {@code "never"}
     * @return {@code value}
     * @throws IllegalArgumentException naming the setting and the range if {@code value} is outside it
     * @throws NullPointerException if {@code value} is null
     */
    static Duration zeroOrPositive(String setting, Duration value, String zeroMeans) {
        return duration(setting, value, true, "between 0 (" + zeroMeans + ") and 24 h");
    }

    private static Duration duration(String setting, Duration value, boolean zeroAllowed, String text) {
        Objects.requireNonNull(value, setting);
        boolean tooSmall = value.isNegative() || (value.isZero() && !zeroAllowed);
        if (tooSmall || value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(setting + " must be " + text + ": " + value);
        }
        return value;
    }

    /**
     * Checks a name: not blank.
     *
     * @param setting the setting's name, as its builder method
     * @param value the name given
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is blank
     * @throws NullPointerException if {@code value} is null
     */
    static String name(String setting, String value) {
        if (Objects.requireNonNull(value, setting).isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank: \"" + value + "\"");
        }
        return value;
    }
}
