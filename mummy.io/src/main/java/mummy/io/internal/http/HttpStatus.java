package mummy.io.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * Reason phrases (RFC 9110 section 15) and pre-encoded status lines for the codes in use.
 *
 * <p>Threading: immutable after class initialisation.
 */
public final class HttpStatus {

    private static final String[] REASONS = new String[600];
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        reason(100, "Continue");
        reason(101, "Switching Protocols");
        reason(102, "Processing");
        reason(103, "Early Hints");
        reason(200, "OK");
        reason(201, "Created");
        reason(202, "Accepted");
        reason(203, "Non-Authoritative Information");
        reason(204, "No Content");
        reason(205, "Reset Content");
        reason(206, "Partial Content");
        reason(207, "Multi-Status");
        reason(300, "Multiple Choices");
        reason(301, "Moved Permanently");
        reason(302, "Found");
        reason(303, "See Other");
        reason(304, "Not Modified");
        reason(307, "Temporary Redirect");
        reason(308, "Permanent Redirect");
        reason(400, "Bad Request");
        reason(401, "Unauthorized");
        reason(402, "Payment Required");
        reason(403, "Forbidden");
        reason(404, "Not Found");
        reason(405, "Method Not Allowed");
        reason(406, "Not Acceptable");
        reason(407, "Proxy Authentication Required");
        reason(408, "Request Timeout");
        reason(409, "Conflict");
        reason(410, "Gone");
        reason(411, "Length Required");
        reason(412, "Precondition Failed");
        reason(413, "Content Too Large");
        reason(414, "URI Too Long");
        reason(415, "Unsupported Media Type");
        reason(416, "Range Not Satisfiable");
        reason(417, "Expectation Failed");
        reason(421, "Misdirected Request");
        reason(422, "Unprocessable Content");
        reason(423, "Locked"); // RFC 4918 11.3
        reason(425, "Too Early");
        reason(426, "Upgrade Required");
        reason(428, "Precondition Required");
        reason(429, "Too Many Requests");
        reason(431, "Request Header Fields Too Large");
        reason(451, "Unavailable For Legal Reasons");
        reason(460, "Checksum Mismatch"); // tus 1.0.0, Checksum extension
        reason(500, "Internal Server Error");
        reason(501, "Not Implemented");
        reason(502, "Bad Gateway");
        reason(503, "Service Unavailable");
        reason(504, "Gateway Timeout");
        reason(505, "HTTP Version Not Supported");
        for (int code = 100; code < 600; code++) {
            STATUS_LINES[code] = ("HTTP/1.1 " + code + " " + reasonPhrase(code) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    private HttpStatus() {
    }

    private static void reason(int code, String phrase) {
        REASONS[code] = phrase;
    }

    /**
     * The reason phrase of {@code code}, or a generic one for its class.
     *
     * @param code 100 to 999
     * @return the phrase, never empty
     */
    public static String reasonPhrase(int code) {
        if (code >= 100 && code < 600 && REASONS[code] != null) {
            return REASONS[code];
        }
        return switch (code / 100) {
            case 1 -> "Informational";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            case 5 -> "Server Error";
            default -> "Unknown";
        };
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
