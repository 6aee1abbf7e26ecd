package mummy.web.multipart;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.api.RequestBodyException;

/**
 * A part's header block, parsed: its fields and what RFC 7578 reads from them.
 *
 * <p>The block is {@code *( field-name ":" OWS field-value OWS CRLF ) CRLF} (RFC 2046 5.1.1 with
 * RFC 5322 2.2 fields). Lines must end with CRLF: a bare LF is rejected rather than guessed at
 * (RFC 2046 5.1.1 and RFC 7578 4.1 both say CRLF), as are folded lines, whitespace before the
 * colon and control characters other than HT. The fields keep their octets as ISO-8859-1, as the
 * server's request headers do, so that they hold what {@link HttpHeaders#of(String...)} accepts; the
 * {@code name} and {@code filename} parameters are read as UTF-8 when they are valid UTF-8
 * (browsers send file names that way, RFC 7578 5.1.3) and as ISO-8859-1 otherwise.
 *
 * @param headers the fields in order
 * @param name the {@code name} parameter of {@code Content-Disposition}, or null
 * @param filename {@code filename*} decoded, else {@code filename}, else null
 * @param contentType the {@code Content-Type} field, or null when absent
 */
record PartHead(HttpHeaders headers, String name, String filename, String contentType) {

    /** RFC 7578 4.4: a part without Content-Type is text/plain. */
    static final String DEFAULT_CONTENT_TYPE = "text/plain";

    /**
     * Finds the end of a header block starting at {@code from}: the index after its blank line,
     * or -1 if {@code b[from, to)} does not hold all of it yet.
     *
     * @throws RequestBodyException 400 for a bare LF, 413 when the block passes {@code maxBytes}
     */
    static int findEnd(byte[] b, int from, int to, int maxBytes) throws RequestBodyException {
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (b[i] != '\n') {
                continue;
            }
            if (i == lineStart || b[i - 1] != '\r') {
                throw new RequestBodyException(400, "part header line ends with a bare LF; RFC 2046 5.1.1 requires CRLF");
            }
            if (i - 1 == lineStart) {
                return i + 1;
            }
            lineStart = i + 1;
            if (lineStart - from > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        if (to - from > maxBytes + 2) {
            throw tooLarge(maxBytes);
        }
        return -1;
    }

    /**
     * Parses the block {@code b[from, end)}, {@code end} as returned by {@link #findEnd}.
     *
     * @param formData whether the body is multipart/form-data, whose parts must have
     *     {@code Content-Disposition: form-data; name=...} (RFC 7578 4.2)
     * @throws RequestBodyException 400 if malformed, 413 past {@link MultipartOptions#maxHeaderCount}
     */
    static PartHead parse(byte[] b, int from, int end, MultipartOptions options, boolean formData)
            throws RequestBodyException {
        List<String> fields = new ArrayList<>();
        int lineStart = from;
        while (lineStart < end - 2) {
            int lineEnd = lineStart;
            while (b[lineEnd] != '\r') {
                lineEnd++;
            }
            if (b[lineEnd + 1] != '\n') {
                throw new RequestBodyException(400, "part header has a CR not followed by LF");
            }
            if (fields.size() / 2 == options.maxHeaderCount()) {
                throw new RequestBodyException(413, "a part has more than " + options.maxHeaderCount()
                        + " header fields (MultipartOptions.maxHeaderCount)");
            }
            parseField(b, lineStart, lineEnd, fields);
            lineStart = lineEnd + 2;
        }
        HttpHeaders headers = HttpHeaders.of(fields.toArray(String[]::new));
        return of(headers, formData);
    }

    private static PartHead of(HttpHeaders headers, boolean formData) throws RequestBodyException {
        List<String> dispositions = headers.all("Content-Disposition");
        if (dispositions.size() > 1) {
            throw new RequestBodyException(400, "a part has " + dispositions.size() + " Content-Disposition fields");
        }
        if (dispositions.isEmpty()) {
            if (formData) {
                throw new RequestBodyException(400, "a multipart/form-data part has no Content-Disposition (RFC 7578 4.2)");
            }
            return new PartHead(headers, null, null, headers.get("Content-Type"));
        }
        HeaderValue disposition = HeaderValue.parse("Content-Disposition", dispositions.getFirst());
        String name = utf8OrLatin1(disposition.parameters().get("name"));
        if (formData && (!disposition.type().equals("form-data") || name == null)) {
            throw new RequestBodyException(400, "a multipart/form-data part needs \"Content-Disposition: form-data;"
                    + " name=...\" (RFC 7578 4.2), got \"" + dispositions.getFirst() + "\"");
        }
        String extended = disposition.parameters().get("filename*");
        String filename = extended != null
                ? HeaderValue.decodeExtValue("Content-Disposition filename*", extended)
                : utf8OrLatin1(disposition.parameters().get("filename"));
        return new PartHead(headers, name, filename, headers.get("Content-Type"));
    }

    /** RFC 5322 2.2: name ":" value; HTTP's stricter rules on whitespace (RFC 9112 5.1). */
    private static void parseField(byte[] b, int start, int end, List<String> fields) throws RequestBodyException {
        if (b[start] == ' ' || b[start] == '\t') {
            throw new RequestBodyException(400, "part header line is folded (obs-fold); send each field on one line");
        }
        int colon = start;
        while (colon < end && isTchar(b[colon])) {
            colon++;
        }
        if (colon == start || colon == end || b[colon] != ':') {
            throw new RequestBodyException(400, "malformed part header line: expected a field name (token) and ':'");
        }
        int valueStart = colon + 1;
        int valueEnd = end;
        while (valueStart < valueEnd && (b[valueStart] == ' ' || b[valueStart] == '\t')) {
            valueStart++;
        }
        while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) {
            valueEnd--;
        }
        for (int i = valueStart; i < valueEnd; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new RequestBodyException(400, "part header field "
                        + new String(b, start, colon - start, StandardCharsets.US_ASCII)
                        + " has a control character (RFC 9110 5.5)");
            }
        }
        fields.add(new String(b, start, colon - start, StandardCharsets.US_ASCII));
        fields.add(new String(b, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
    }

    /** The octets of {@code latin1} read as UTF-8 when they are valid UTF-8, else {@code latin1}; null stays null. */
    private static String utf8OrLatin1(String latin1) {
        if (latin1 == null || latin1.chars().allMatch(c -> c < 0x80)) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    private static boolean isTchar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c > 0 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static RequestBodyException tooLarge(int maxBytes) {
        return new RequestBodyException(413, "a part's header block is larger than " + maxBytes
                + " bytes (MultipartOptions.maxHeaderBytes)");
    }
}
