package mummy.io.internal.http;

import java.nio.charset.StandardCharsets;
import mummy.api.HttpHeaders;

/**
 * Encodes responses into the exact bytes written to the socket: status line with reason phrase,
 * the handler's fields, and the fields the server adds (RFC 9110, RFC 9112 section 6): {@code Date},
 * {@code Content-Length} (never for 1xx and 204; HEAD keeps the GET length; 304 only if given),
 * {@code Connection: close} / {@code keep-alive} (the server's decision, whatever the handler's
 * {@code Connection} field said), and {@code Content-Encoding} with
 * {@code Vary: Accept-Encoding} when the body is compressed. Head and body go into one array so
 * that one {@code send} carries both.
 *
 * <p>Threading: stateless; runs on the worker thread that responds, keeping that work off the IO
 * thread.
 */
public final class ResponseEncoder {

    private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * What the encoder needs to know about the request being answered.
     *
     * @param head whether the method was HEAD (no body is sent)
     * @param keepAlive whether the request allows the connection to stay open
     * @param http10 whether the request was HTTP/1.0 (keep-alive must then be announced)
     * @param acceptEncoding the request's {@code Accept-Encoding}, or null
     */
    public record RequestInfo(boolean head, boolean keepAlive, boolean http10, String acceptEncoding) {
    }

    /**
     * An encoded final response.
     *
     * @param bytes head and body, ready to send
     * @param close whether the connection closes after it
     */
    public record Encoded(byte[] bytes, boolean close) {
    }

    private ResponseEncoder() {
    }

    /**
     * Encodes a final response.
     *
     * @param status 200 to 999
     * @param headers the handler's fields
     * @param body the body (sent unless the method is HEAD or the status forbids one)
     * @param request the request being answered
     * @return the bytes and whether to close afterwards
     * @throws IllegalArgumentException if the fields contradict the framing the server controls
     */
    public static Encoded encodeFinal(int status, HttpHeaders headers, byte[] body, RequestInfo request) {
        if (status < 200 || status > 999) {
            throw new IllegalArgumentException("not a final status code (200-999): " + status);
        }
        checkFraming(status, headers, body, request);
        boolean noBody = HttpStatus.forbidsBody(status);
        byte[] content = body;
        String coding = null;
        boolean vary = false;
        if (!noBody && content.length > ContentCoding.MIN_LENGTH && !headers.contains("Content-Encoding")
                && !headers.contains("Content-Length") && ContentCoding.compressible(headers.get("Content-Type"))) {
            vary = true;
            ContentCoding chosen = ContentCoding.negotiate(request.acceptEncoding());
            if (chosen != null) {
                content = chosen.encode(content);
                coding = chosen.token();
            }
        }
        boolean close = !request.keepAlive() || headers.containsToken("Connection", "close");
        boolean sendBody = !noBody && !request.head();
        ByteBuilder out = new ByteBuilder(256 + headers.size() * 48 + (sendBody ? content.length : 0));
        startHead(out, status, headers);
        if (coding != null) {
            out.field("Content-Encoding", coding);
        }
        if (vary) {
            out.field("Vary", "Accept-Encoding");
        }
        if (!noBody && !headers.contains("Content-Length")) {
            out.append("Content-Length: ").append(content.length).crlf();
        }
        connectionField(out, headers, close, request);
        out.crlf();
        if (sendBody) {
            out.append(content);
        }
        return new Encoded(out.toArray(0), close);
    }

    /**
     * Encodes the head of a response whose body the IO thread sends from a file (never
     * compressed): status line, the given fields, {@code Date}, {@code Content-Length} (a
     * {@code long}: files may pass 2 GiB) and {@code Connection} as needed.
     *
     * @param status 200 to 999 with a body, or 304
     * @param headers the fields, without Content-Length or Transfer-Encoding
     * @param contentLength the body's length (for HEAD, the length a GET would send)
     * @param request the request being answered
     * @return the head's bytes and whether the connection closes after the body
     */
    public static Encoded encodeFileHead(int status, HttpHeaders headers, long contentLength, RequestInfo request) {
        if (status < 200 || status > 999 || (HttpStatus.forbidsBody(status) && status != 304)) {
            throw new IllegalArgumentException("not a status for a file response: " + status);
        }
        boolean close = !request.keepAlive() || headers.containsToken("Connection", "close");
        ByteBuilder out = new ByteBuilder(256 + headers.size() * 48);
        startHead(out, status, headers);
        if (status != 304) {
            out.append("Content-Length: ").append(Long.toString(contentLength)).crlf();
        }
        connectionField(out, headers, close, request);
        return new Encoded(out.crlf().toArray(0), close);
    }

    /**
     * The status line, the handler's fields in order but {@code Connection} (which
     * {@link #connectionField} writes), and {@code Date} unless the handler set one.
     */
    private static void startHead(ByteBuilder out, int status, HttpHeaders headers) {
        out.append(HttpStatus.statusLine(status));
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.name(i).equalsIgnoreCase("Connection")) {
                out.field(headers.name(i), headers.value(i));
            }
        }
        if (!headers.contains("Date")) {
            out.append(DateCache.headerLine());
        }
    }

    /**
     * The {@code Connection} field: {@code close} when the connection closes after this response
     * (RFC 9112 9.6), {@code keep-alive} for an HTTP/1.0 client that keeps it (RFC 9112 9.3), then
     * the handler's other connection options (RFC 9110 7.6.1). Whether the connection persists is
     * the server's decision ({@code close}, which a handler's {@code close} token forces): the
     * handler's own {@code close} and {@code keep-alive} tokens are replaced by it, so the field
     * never says the opposite of what the server does.
     */
    private static void connectionField(ByteBuilder out, HttpHeaders headers, boolean close, RequestInfo request) {
        if (!headers.contains("Connection")) {
            if (close) {
                out.append(CONNECTION_CLOSE);
            } else if (request.http10()) {
                out.append(CONNECTION_KEEP_ALIVE);
            }
            return;
        }
        StringBuilder options = new StringBuilder(close ? "close" : request.http10() ? "keep-alive" : "");
        for (String value : headers.all("Connection")) {
            for (String token : value.split(",")) {
                String option = token.strip();
                if (!option.isEmpty() && !option.equalsIgnoreCase("close") && !option.equalsIgnoreCase("keep-alive")) {
                    options.append(options.isEmpty() ? "" : ", ").append(option);
                }
            }
        }
        if (!options.isEmpty()) {
            out.field("Connection", options.toString());
        }
    }

    /** How a streamed body is delimited (RFC 9112 6.3). */
    public enum StreamFraming {
        /** {@code Transfer-Encoding: chunked}. */
        CHUNKED,
        /** The handler declared {@code Content-Length}: raw bytes, exactly that many. */
        FIXED,
        /** HTTP/1.0 client: raw bytes, the body ends when the connection closes. */
        UNTIL_CLOSE
    }

    /**
     * Encodes the head of a streamed response.
     *
     * @param status 200 to 999, not 204 or 304
     * @param headers the handler's fields (no Transfer-Encoding)
     * @param framing how the body will be delimited
     * @param request the request being answered
     * @return the head's bytes and whether the connection closes after the body
     */
    public static Encoded encodeStreamHead(int status, HttpHeaders headers, StreamFraming framing, RequestInfo request) {
        if (status < 200 || status > 999 || HttpStatus.forbidsBody(status)) {
            throw new IllegalArgumentException("a streamed response needs a status that allows a body: " + status);
        }
        if (headers.contains("Transfer-Encoding")) {
            throw new IllegalArgumentException("a stream may not set Transfer-Encoding: the server frames it");
        }
        // A HEAD response ends with its head (RFC 9110 9.3.2): no body to delimit by closing.
        boolean close = !request.keepAlive() || (framing == StreamFraming.UNTIL_CLOSE && !request.head())
                || headers.containsToken("Connection", "close");
        ByteBuilder out = new ByteBuilder(256 + headers.size() * 48);
        startHead(out, status, headers);
        if (framing == StreamFraming.CHUNKED) {
            out.field("Transfer-Encoding", "chunked");
        }
        connectionField(out, headers, close, request);
        return new Encoded(out.crlf().toArray(0), close);
    }

    /**
     * One chunk of a chunked body (RFC 9112 7.1): size in hex, CRLF, data, CRLF.
     *
     * @param data the bytes
     * @param offset where they start
     * @param length how many (more than 0)
     * @return the chunk
     */
    public static byte[] chunk(byte[] data, int offset, int length) {
        String size = Integer.toHexString(length);
        byte[] chunk = new byte[size.length() + 2 + length + 2];
        for (int i = 0; i < size.length(); i++) {
            chunk[i] = (byte) size.charAt(i);
        }
        chunk[size.length()] = '\r';
        chunk[size.length() + 1] = '\n';
        System.arraycopy(data, offset, chunk, size.length() + 2, length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    /**
     * The last chunk and trailer section that end a chunked body (RFC 9112 7.1.2).
     *
     * @param trailers trailer fields, possibly empty
     * @return the bytes
     */
    public static byte[] lastChunk(HttpHeaders trailers) {
        ByteBuilder out = new ByteBuilder(8 + trailers.size() * 48);
        out.append("0").crlf();
        for (int i = 0; i < trailers.size(); i++) {
            out.field(trailers.name(i), trailers.value(i));
        }
        return out.crlf().toArray(0);
    }

    /**
     * Encodes an interim (1xx) response.
     *
     * @param status 100 to 199
     * @param headers its fields
     * @return the bytes
     */
    public static byte[] encodeInterim(int status, HttpHeaders headers) {
        ByteBuilder out = new ByteBuilder(64 + headers.size() * 48);
        out.append(HttpStatus.statusLine(status));
        for (int i = 0; i < headers.size(); i++) {
            out.field(headers.name(i), headers.value(i));
        }
        return out.crlf().toArray(0);
    }

    /**
     * Encodes a response the server itself sends for a request it refuses: a short
     * {@code text/plain} body, {@code Date}, and {@code Connection: close} when the connection
     * will close.
     *
     * @param status the status
     * @param message the body text, one line
     * @param close whether the connection closes after it
     * @return the bytes
     */
    public static byte[] encodeError(int status, String message, boolean close) {
        return encodeError(status, message, close, null);
    }

    /**
     * Encodes a response the server itself sends for a request it refuses, with the body
     * {@code responder} builds; see {@link #encodeError(int, String, boolean)}.
     *
     * @param status the status
     * @param message the detail, one line
     * @param close whether the connection closes after it
     * @param responder the server's error responder, or null for the plain-text line
     * @return the bytes
     */
    public static byte[] encodeError(int status, String message, boolean close, mummy.api.ErrorResponder responder) {
        byte[] body;
        String contentType;
        if (responder == null) {
            body = (message + "\n").getBytes(StandardCharsets.UTF_8);
            contentType = "text/plain; charset=utf-8";
        } else {
            mummy.api.ErrorResponder.Body rendered = mummy.api.internal.ErrorBodies.render(responder, status, message);
            body = rendered.content();
            contentType = rendered.contentType();
        }
        ByteBuilder out = new ByteBuilder(160 + body.length);
        out.append(HttpStatus.statusLine(status));
        out.append(DateCache.headerLine());
        out.field("Content-Type", contentType);
        out.append("Content-Length: ").append(body.length).crlf();
        if (close) {
            out.append(CONNECTION_CLOSE);
        }
        return out.crlf().append(body).toArray(0);
    }

    /** The server owns message framing: handlers may not contradict it (RFC 9112 6). */
    private static void checkFraming(int status, HttpHeaders headers, byte[] body, RequestInfo request) {
        if (headers.contains("Transfer-Encoding")) {
            throw new IllegalArgumentException("a response may not set Transfer-Encoding: the server frames"
                    + " whole responses with Content-Length");
        }
        String length = headers.get("Content-Length");
        if (length == null) {
            return;
        }
        if (HttpStatus.forbidsBody(status) && status != 304) {
            throw new IllegalArgumentException("a " + status + " response may not have Content-Length (RFC 9110 8.6)");
        }
        boolean bodiless = request.head() || status == 304;
        if (!(bodiless && body.length == 0) && !length.equals(Integer.toString(body.length))) {
            throw new IllegalArgumentException("Content-Length " + length + " does not match the body's "
                    + body.length + " bytes");
        }
        if (headers.all("Content-Length").size() > 1) {
            throw new IllegalArgumentException("Content-Length given more than once");
        }
    }
}
