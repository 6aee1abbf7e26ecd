package mummy.io.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings for method tokens and field names read from the wire, reusing a constant for the common
 * ones instead of allocating a new string per request.
 *
 * <p>A constant is reused only for an exact byte match, so the spelling as sent is always kept.
 *
 * <p>Threading: immutable tables, any thread.
 */
final class WireStrings {

    /** The method that asks for a tunnel (RFC 9110 section 9.3.6), not supported by this server. */
    static final String CONNECT = "CONNECT";

    /** The only method allowed with the asterisk-form target (RFC 9112 section 3.2.4). */
    static final String OPTIONS = "OPTIONS";

    private static final String[] METHODS = {
        "GET", "POST", "PUT", "HEAD", "DELETE", OPTIONS, "PATCH", CONNECT, "TRACE",
    };

    private static final String[] FIELD_NAMES = {
        "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Connection",
        "Content-Length", "Content-Type", "Transfer-Encoding", "Expect", "Cookie", "Authorization",
        "Cache-Control", "Origin", "Referer", "Upgrade", "If-None-Match", "If-Modified-Since",
        "host", "user-agent", "accept", "accept-encoding", "content-length", "content-type",
    };

    private static final byte[][] METHOD_BYTES = bytesOf(METHODS);
    private static final byte[][] FIELD_NAME_BYTES = bytesOf(FIELD_NAMES);

    private WireStrings() {
    }

    /**
     * The method token in {@code buf[from, to)}.
     *
     * @param buf the bytes, already checked to be a token
     * @param from the first byte
     * @param to one past the last byte
     * @return a shared constant for a common method, else a new string
     */
    static String method(byte[] buf, int from, int to) {
        return lookUp(METHODS, METHOD_BYTES, buf, from, to);
    }

    /**
     * The field name in {@code buf[from, to)}.
     *
     * @param buf the bytes, already checked to be a token
     * @param from the first byte
     * @param to one past the last byte
     * @return a shared constant for a common name in its exact spelling, else a new string
     */
    static String fieldName(byte[] buf, int from, int to) {
        return lookUp(FIELD_NAMES, FIELD_NAME_BYTES, buf, from, to);
    }

    /**
     * The bytes {@code buf[from, to)} as a string, one char per byte.
     *
     * @param buf the bytes
     * @param from the first byte
     * @param to one past the last byte
     * @return the text, the shared empty string when the range is empty
     */
    static String latin1(byte[] buf, int from, int to) {
        return from == to ? "" : new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String lookUp(String[] known, byte[][] knownBytes, byte[] buf, int from, int to) {
        int length = to - from;
        for (int k = 0; k < knownBytes.length; k++) {
            byte[] candidate = knownBytes[k];
            if (candidate.length == length && Arrays.equals(candidate, 0, length, buf, from, to)) {
                return known[k];
            }
        }
        return latin1(buf, from, to);
    }

    private static byte[][] bytesOf(String[] texts) {
        byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
