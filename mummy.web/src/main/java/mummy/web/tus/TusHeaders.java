package mummy.web.tus;

import java.util.List;
import java.util.Locale;
import mummy.api.HttpHeaders;

/**
 * Reads the tus request header fields, refusing malformed ones with a {@link TusException} that
 * carries the 400 (or other status) to answer.
 *
 * <p>Threading: stateless.
 */
final class TusHeaders {

    private TusHeaders() {
    }

    /** The {@code Upload-Checksum} of a PATCH, or null when absent. */
    static Checksum checksum(HttpHeaders headers) {
        String text = single(headers, "Upload-Checksum");
        if (text == null) {
            return null;
        }
        try {
            return Checksum.parse(text);
        } catch (IllegalArgumentException e) {
            // tus 1.0.0 Checksum: "400 Bad Request if the checksum algorithm is not supported".
            throw new TusException(400, e.getMessage());
        }
    }

    /** The value of a header that may appear at most once, or null when absent. */
    static String single(HttpHeaders headers, String name) {
        List<String> values = headers.all(name);
        if (values.size() > 1) {
            throw new TusException(400, name + " appears more than once");
        }
        return values.isEmpty() ? null : values.getFirst().strip();
    }

    /** tus 1.0.0 Upload-Offset, Upload-Length: "MUST be a non-negative integer". */
    static long nonNegative(String name, String text) {
        boolean digits = !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits) {
            throw new TusException(400, name + " must be a non-negative integer below 10^18: \"" + text + "\"");
        }
        return Long.parseLong(text);
    }

    /** The media type of a {@code Content-Type} value, without parameters, lowercase. */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
