package mummy.benchmarks.load;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The body of one {@code POST /upload}: random bytes made and hashed as they are sent, framed by
 * {@code Content-Length} or chunked (RFC 9112 7.1), sent in parts so that a client can pace it or
 * stop in the middle. {@link #answer} is what EchoServer must reply once all of it arrived.
 *
 * <p>Threading: one thread at a time.
 */
final class UploadBody {

    private static final int PIECE = 64 * 1024;

    private final OutputStream out;
    private final long length;
    private final boolean chunked;
    private final MessageDigest sha256;
    private final byte[] piece = new byte[PIECE];
    private long sent;

    UploadBody(OutputStream out, long length, boolean chunked) {
        this.out = out;
        this.length = length;
        this.chunked = chunked;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The framing fields of the request head, each ending in CRLF. */
    String fields() {
        return "Content-Type: application/octet-stream\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n");
    }

    long length() {
        return length;
    }

    long sent() {
        return sent;
    }

    /** Sends the body up to byte {@code upTo} (or its end), one chunk per piece when chunked. */
    void sendUpTo(long upTo) throws IOException {
        long end = Math.min(upTo, length);
        while (sent < end) {
            int n = (int) Math.min(PIECE, end - sent);
            ThreadLocalRandom.current().nextBytes(piece);
            sha256.update(piece, 0, n);
            if (chunked) {
                out.write(ResponseReader.ascii(Integer.toHexString(n) + "\r\n"));
            }
            out.write(piece, 0, n);
            if (chunked) {
                out.write(ResponseReader.ascii("\r\n"));
            }
            sent += n;
        }
    }

    /** Sends the rest and, when chunked, the last chunk. */
    void finish() throws IOException {
        sendUpTo(length);
        if (chunked) {
            out.write(ResponseReader.ascii("0\r\n\r\n"));
        }
        out.flush();
    }

    /** EchoServer's answer to the whole body, byte for byte. */
    String answer() {
        return "{\"bytes\": " + length + ", \"sha256\": \"" + HexFormat.of().formatHex(sha256.digest()) + "\"}";
    }

    /** Why {@code response} is not EchoServer's answer to this body, or null when it is. */
    String problem(HttpResponse response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.status() != 200) {
            return "upload of " + length + " bytes answered " + response.status() + ": " + body;
        }
        String expected = answer();
        return body.equals(expected) ? null : "upload of " + length + " bytes answered " + body + ", expected " + expected;
    }
}
