package mummy.io.internal.http;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * HTTP-date (RFC 9110 section 5.6.7): formats IMF-fixdate, and parses all three forms a recipient
 * must accept: IMF-fixdate, the obsolete RFC 850 form and ANSI C's asctime form.
 *
 * <p>Threading: stateless; the formatters are immutable.
 */
public final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    /** {@code Sunday, 06-Nov-94 08:49:37 GMT}: a two-digit year more than 50 years ahead is in the past. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now(ZoneOffset.UTC).minusYears(49))
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** {@code Sun Nov  6 08:49:37 1994}: the day of month is padded with a space. */
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
            .appendPattern("EEE MMM ").padNext(2, ' ').appendValue(ChronoField.DAY_OF_MONTH)
            .appendPattern(" HH:mm:ss uuuu")
            .toFormatter(Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /**
     * Formats seconds since the epoch as IMF-fixdate.
     *
     * @param epochSecond the time
     * @return such as {@code Sun, 06 Nov 1994 08:49:37 GMT}
     */
    public static String format(long epochSecond) {
        return IMF_FIXDATE.format(java.time.Instant.ofEpochSecond(epochSecond));
    }

    /**
     * Parses an HTTP-date.
     *
     * @param value the field value
     * @return seconds since the epoch, or {@link Long#MIN_VALUE} when it is not a valid HTTP-date
     */
    public static long parse(String value) {
        String text = value.strip();
        for (DateTimeFormatter format : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
            try {
                return format.parse(text, java.time.Instant::from).getEpochSecond();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Long.MIN_VALUE;
    }
}
