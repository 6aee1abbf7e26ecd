package mummy.io.internal.http;

import java.nio.charset.StandardCharsets;
import mummy.api.Status;

/**
 * Reason phrases and pre-encoded status lines: {@link Status#reasonPhrase(int)}'s phrases (the
 * IANA registry's, else the class's), plus 460 Checksum Mismatch of tus, computed once.
 *
 * <p>Threading: immutable after class initialisation.
 */
public final class HttpStatus {

    private static final String[] REASONS = new String[600];
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        for (int code = 100; code < 600; code++) {
            REASONS[code] = Status.reasonPhrase(code);
        }
        REASONS[460] = "Checksum Mismatch"; // tus 1.0.0, Checksum extension; not in the IANA registry
        for (int code = 100; code < 600; code++) {
            STATUS_LINES[code] = ("HTTP/1.1 " + code + " " + REASONS[code] + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    private HttpStatus() {
    }

    /**
     * The reason phrase of {@code code}: {@link Status#reasonPhrase(int)}'s, tus's for 460, and
     * {@code Unknown} from 600 on.
     *
     * @param code 100 to 999
     * @return the phrase, never empty
     */
    public static String reasonPhrase(int code) {
        if (code >= 100 && code < 600) {
            return REASONS[code];
        }
        return "Unknown";
    }

    /**
     * {@code HTTP/1.1 <code> <reason>\r\n}; the array is shared, do not change it.
     *
     * @param code 100 to 999
     * @return the encoded status line
     */
    public static byte[] statusLine(int code) {
        if (code >= 100 && code < 600) {
            return STATUS_LINES[code];
        }
        return ("HTTP/1.1 " + code + " " + reasonPhrase(code) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Whether a response with this status has no content (RFC 9110 6.4.1: 1xx, 204, 304).
     *
     * @param code the status
     * @return true if the response never carries a body
     */
    public static boolean forbidsBody(int code) {
        return code < 200 || code == 204 || code == 304;
    }
}
