package mummy.web.tus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import mummy.api.HttpHeaders;
import mummy.api.Request;

/**
 * The answers every tus request kind shares: refusals as text with {@code Tus-Resumable}, and the
 * {@code Upload-Expires} field.
 *
 * <p>Threading: stateless; the formatter is immutable.
 */
final class TusResponses {

    /**
     * RFC 9110 section 5.6.7, IMF-fixdate: {@code Sun, 06 Nov 1994 08:49:37 GMT}, always two
     * digits of day (which {@link DateTimeFormatter#RFC_1123_DATE_TIME} does not give).
     */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final byte[] EMPTY = new byte[0];

    private TusResponses() {
    }

    /** A body-less answer with {@code Tus-Resumable} and the given fields, in name-value pairs. */
    static void empty(Request request, int status, String... fields) {
        request.respond(status, headers(fields).build(), EMPTY);
    }

    /** A text answer with {@code Tus-Resumable} and any extra fields, in name-value pairs. */
    static void fail(Request request, int status, String message, String... fields) {
        request.respond(status, headers(fields).add("Content-Type", "text/plain; charset=utf-8").build(), message);
    }

    /** 405 with {@code Allow}. */
    static void notAllowed(Request request, List<String> allowed) {
        fail(request, 405, "Method Not Allowed", "Allow", String.join(", ", allowed));
    }

    /**
     * Adds {@code Upload-Expires} when the upload expires. tus 1.0.0, Expiration: it "MUST be in
     * RFC 7231 datetime format", the HTTP-date now in RFC 9110 section 5.6.7, sent as IMF-fixdate.
     *
     * @param headers the answer being built
     * @param expires when the upload expires, or null for none (it is complete)
     * @return {@code headers}
     */
    static HttpHeaders.Builder uploadExpires(HttpHeaders.Builder headers, Instant expires) {
        return expires == null ? headers : headers.add("Upload-Expires", httpDate(expires));
    }

    /**
     * Formats an instant as an HTTP-date, rounded down to the second: a client told the earlier
     * second resumes no later than the server allows.
     *
     * @param time the time
     * @return such as {@code Sun, 06 Nov 1994 08:49:37 GMT}
     */
    static String httpDate(Instant time) {
        return IMF_FIXDATE.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    private static HttpHeaders.Builder headers(String... fields) {
        HttpHeaders.Builder headers = HttpHeaders.builder().add("Tus-Resumable", TusUploads.VERSION);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            headers.add(fields[i], fields[i + 1]);
        }
        return headers;
    }
}
