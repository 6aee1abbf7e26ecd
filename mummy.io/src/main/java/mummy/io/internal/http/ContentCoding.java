package mummy.io.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Response compression: negotiation of {@code Accept-Encoding} (RFC 9110 section 12.5.3) and the
 * {@code gzip} / {@code deflate} codings (RFC 9110 section 8.4.1).
 *
 * <p>Threading: stateless; runs on worker threads while they encode a response.
 */
public enum ContentCoding {
    /** {@code gzip} (RFC 1952). */
    GZIP("gzip"),
    /** {@code deflate}: the zlib format (RFC 1950), as RFC 9110 8.4.1.2 defines it. */
    DEFLATE("deflate");

    /**
     * The compression level: 1, as nginx's {@code gzip_comp_level} default. On-the-fly compression
     * is paid per response; level 1 costs about half of level 6 (JMH, ResponseEncodeBenchmark) for
     * a few percent larger bodies.
     */
    static final int LEVEL = Deflater.BEST_SPEED;

    /** Bodies up to this size are never compressed: the savings would not pay for the work. */
    public static final int MIN_LENGTH = 860;

    private final String token;

    ContentCoding(String token) {
        this.token = token;
    }

    /**
     * The coding's token for {@code Content-Encoding}.
     *
     * @return {@code gzip} or {@code deflate}
     */
    public String token() {
        return token;
    }

    /**
     * Picks the coding the client prefers among gzip and deflate: the highest q-value above 0,
     * gzip on a tie; {@code *} stands for any coding not listed; {@code q=0} excludes.
     *
     * @param acceptEncoding the request's {@code Accept-Encoding} value, or null
     * @return the coding, or null for identity
     */
    public static ContentCoding negotiate(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isEmpty()) {
            return null;
        }
        double gzip = -1;
        double deflate = -1;
        double any = -1;
        for (String member : acceptEncoding.split(",")) {
            String[] parts = member.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = qValue(parts);
            switch (coding) {
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                case "deflate" -> deflate = Math.max(deflate, q);
                case "*" -> any = Math.max(any, q);
                default -> { }
            }
        }
        if (gzip < 0) {
            gzip = any;
        }
        if (deflate < 0) {
            deflate = any;
        }
        if (gzip <= 0 && deflate <= 0) {
            return null;
        }
        return gzip >= deflate ? GZIP : DEFLATE;
    }

    /** The weight of a member (RFC 9110 12.4.2); malformed weights count as 0. */
    private static double qValue(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(parameter.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * Whether a media type is worth compressing: text, JSON, XML, JavaScript, SVG and the like.
     *
     * @param contentType the {@code Content-Type} value, or null
     * @return true if compressible
     */
    public static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.strip();
        return type.startsWith("text/")
                || type.endsWith("+json") || type.endsWith("+xml")
                || type.equals("application/json") || type.equals("application/xml")
                || type.equals("application/javascript") || type.equals("application/x-javascript")
                || type.equals("application/ecmascript") || type.equals("application/wasm")
                || type.equals("application/x-www-form-urlencoded") || type.equals("image/svg+xml");
    }

    /** A gzip stream at {@link #LEVEL}. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(LEVEL);
        }
    }

    /**
     * Compresses {@code body} with this coding.
     *
     * @param body the bytes
     * @return the encoded bytes
     */
    public byte[] encode(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        if (this == GZIP) {
            try (GZIPOutputStream gzip = new FastGzip(out)) {
                gzip.write(body);
            } catch (IOException e) {
                throw new UncheckedIOException("gzip into memory failed", e);
            }
            return out.toByteArray();
        }
        Deflater deflater = new Deflater(LEVEL, false);
        try {
            deflater.setInput(body);
            deflater.finish();
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
