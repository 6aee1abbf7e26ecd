package mummy.io.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} header line (RFC 9110 section 6.6.1, IMF-fixdate), recomputed at most once a
 * second.
 *
 * <p>Threading: any thread. NOTE: benign race — two threads may both recompute the same second;
 * each publishes a complete immutable {@link Line} through one volatile write, so a reader sees an
 * old or a new line, never a torn one.
 */
public final class DateCache {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    private record Line(long second, byte[] bytes) {
    }

    private static volatile Line current = new Line(-1, new byte[0]);

    private DateCache() {
    }

    /**
     * {@code Date: <IMF-fixdate>\r\n} for the current second; the array is shared, do not change it.
     *
     * @return the encoded header line
     */
    public static byte[] headerLine() {
        long now = System.currentTimeMillis();
        long second = now / 1000;
        Line line = current;
        if (line.second != second) {
            String text = "Date: " + IMF_FIXDATE.format(Instant.ofEpochSecond(second)) + "\r\n";
            line = new Line(second, text.getBytes(StandardCharsets.US_ASCII));
            current = line;
        }
        return line.bytes;
    }
}
