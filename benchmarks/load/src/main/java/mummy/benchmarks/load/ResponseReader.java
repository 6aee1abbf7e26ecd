package mummy.benchmarks.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 responses one after another from a blocking stream, so that pipelined responses
 * come apart; bodies framed by {@code Content-Length} or chunked (RFC 9112 6.3, 7.1). Strict enough
 * to notice a broken server, not a conformance checker.
 *
 * <p>Threading: one reader per connection, one thread at a time.
 */
final class ResponseReader {

    private static final int MAX_LINE = 16 * 1024;

    private final InputStream in;

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next response.
     *
     * @param bodyless whether the request was HEAD (no body whatever the headers say)
     * @return the response
     * @throws IOException on a read error, end of stream or malformed framing
     */
    HttpResponse next(boolean bodyless) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String field = line(); !field.isEmpty(); field = line()) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header field: " + field);
            }
            headers.put(field.substring(0, colon).trim().toLowerCase(Locale.ROOT), field.substring(colon + 1).trim());
        }
        byte[] body = bodyless || status / 100 == 1 || status == 204 || status == 304 ? new byte[0] : body(headers);
        return new HttpResponse(status, headers, body);
    }

    private byte[] body(Map<String, String> headers) throws IOException {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            return chunked();
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IOException("response without Content-Length or chunked framing");
        }
        return in.readNBytes(exact(Integer.parseInt(length)));
    }

    private byte[] chunked() throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                while (!line().isEmpty()) {
                    // trailer fields are read and dropped
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(exact(length)));
            if (!line().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private int exact(int length) throws IOException {
        if (length < 0 || length > 64 * 1024 * 1024) {
            throw new IOException("unreasonable body length " + length);
        }
        return length;
    }

    /** A line without its CRLF; a bare LF is an error. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed" + (line.isEmpty() ? "" : " inside a line: " + line));
            }
            if (b == '\n') {
                throw new IOException("bare LF after: " + line);
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("CR not followed by LF after: " + line);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE);
            }
            line.append((char) (b & 0xff));
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
