package mummy.web.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import mummy.api.Request;
import mummy.api.RequestBodyException;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578, framed as RFC 2046 section 5.1) from a
 * stream, one part at a time, holding one fixed buffer ({@link MultipartOptions#bufferSize})
 * whatever the parts' sizes:
 *
 * <pre>{@code
 * MultipartReader reader = MultipartReader.of(request);   // request.bodyStream() and its Content-Type
 * for (Part part = reader.next(); part != null; part = reader.next()) {
 *     if (part.isFile()) {
 *         uploads.save(part.inputStream(), part.filename());
 *     } else {
 *         fields.put(part.name(), part.text(1024));
 *     }
 * }
 * }</pre>
 *
 * <p>The grammar read is RFC 2046 5.1.1's:
 *
 * <pre>
 * multipart-body := [preamble CRLF] dash-boundary transport-padding CRLF body-part
 *                   *( delimiter transport-padding CRLF body-part ) close-delimiter [epilogue]
 * body-part      := MIME-part-headers [CRLF *OCTET]
 * </pre>
 *
 * <p>The preamble and the epilogue are ignored; the epilogue is not read at all. Lines must end
 * with CRLF: a body written with bare LFs is rejected with a 400 that says so, not guessed at. A
 * body with no part at all ({@code --boundary--}) reads as zero parts. Errors are
 * {@link RequestBodyException}s carrying the status to answer: 400 for a malformed body, 413 past
 * a limit of {@link MultipartOptions}, 415 for a request that is not multipart; errors of the
 * underlying stream pass through unchanged. After an error every call throws it again.
 *
 * <p>Threading: not thread-safe; one thread (or one at a time) reads the reader and its parts.
 */
public final class MultipartReader {

    /** Transport padding (RFC 2046 5.1.1) longer than this is taken as garbage, not padding. */
    static final int MAX_PADDING = 64;

    private final InputStream in;
    private final Boundary boundary;
    private final boolean formData;
    private final MultipartOptions options;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    /** Whether the close-delimiter has been read. */
    private boolean closed;
    private int parts;
    /** The content being read: the preamble first, then each part's. */
    private Content current;
    private IOException failure;

    private MultipartReader(InputStream in, MultipartType type, MultipartOptions options) {
        this.in = in;
        this.boundary = type.boundary();
        this.formData = type.formData();
        this.options = options;
        this.buf = new byte[options.bufferSize()];
        this.current = new Content(null, false);
    }

    /**
     * A reader of a request's body stream ({@link Request#bodyStream()}) with the default options.
     *
     * @param request a request with a {@code multipart/*} body
     * @return the reader
     * @throws RequestBodyException 415 if the request is not multipart, 400 if its boundary is
     *     missing or not valid
     */
    public static MultipartReader of(Request request) throws RequestBodyException {
        return of(request, MultipartOptions.defaults());
    }

    /**
     * A reader of a request's body stream ({@link Request#bodyStream()}).
     *
     * @param request a request with a {@code multipart/*} body
     * @param options the limits
     * @return the reader
     * @throws RequestBodyException 415 if the request is not multipart, 400 if its boundary is
     *     missing or not valid
     */
    public static MultipartReader of(Request request, MultipartOptions options) throws RequestBodyException {
        return of(request.bodyStream(), request.headers().get("Content-Type"), options);
    }

    /**
     * A reader of {@code in} with the default options.
     *
     * @param in the body
     * @param contentType the body's {@code Content-Type}, with its boundary parameter
     * @return the reader
     * @throws RequestBodyException 415 if {@code contentType} is null or not {@code multipart/*},
     *     400 if its boundary is missing or not valid
     */
    public static MultipartReader of(InputStream in, String contentType) throws RequestBodyException {
        return of(in, contentType, MultipartOptions.defaults());
    }

    /**
     * A reader of {@code in}.
     *
     * @param in the body
     * @param contentType the body's {@code Content-Type}, with its boundary parameter
     * @param options the limits
     * @return the reader
     * @throws RequestBodyException 415 if {@code contentType} is null or not {@code multipart/*},
     *     400 if its boundary is missing or not valid
     */
    public static MultipartReader of(InputStream in, String contentType, MultipartOptions options)
            throws RequestBodyException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        MultipartReader reader = new MultipartReader(in, MultipartType.of(contentType), options);
        // The body's first dash-boundary has no CRLF before it; with one in front it is found as
        // an ordinary delimiter, and whatever precedes it is the preamble.
        reader.buf[0] = '\r';
        reader.buf[1] = '\n';
        reader.lim = 2;
        return reader;
    }

    /**
     * The next part, after reading past the rest of the current one; null after the last part.
     * Each part's content is read from {@link Part#inputStream()} until this is called again.
     *
     * @return the next part, or null at the close-delimiter
     * @throws RequestBodyException 400 if the body is malformed, 413 past a limit
     * @throws IOException if the body stream fails
     */
    public Part next() throws IOException {
        checkNotFailed();
        try {
            drain(current);
            if (closed) {
                return null;
            }
            if (++parts > options.maxParts()) {
                throw new RequestBodyException(413, "the body has more than " + options.maxParts()
                        + " parts (MultipartOptions.maxParts)");
            }
            PartHead head = readHead();
            current = new Content(head.name() == null ? "#" + parts : head.name(), true);
            return new Part(head, current);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void checkNotFailed() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    private PartHead readHead() throws IOException {
        while (true) {
            int end = PartHead.findEnd(buf, pos, lim, options.maxHeaderBytes());
            if (end >= 0) {
                PartHead head = PartHead.parse(buf, pos, end, options, formData);
                pos = end;
                return head;
            }
            if (!fill()) {
                throw new RequestBodyException(400, "the body ended inside a part's header block");
            }
        }
    }

    private void drain(Content content) throws IOException {
        for (int n = ready(content); n > 0; n = ready(content)) {
            consume(content, n);
        }
    }

    /**
     * Makes content of {@code content} available at {@code pos}: returns how many bytes (at least
     * one), or -1 at its end, with the delimiter after it read.
     */
    private int ready(Content content) throws IOException {
        if (content.done) {
            return -1;
        }
        while (true) {
            int found = boundary.scan(buf, pos, lim, eof, content.atStart);
            if (found >= 0) {
                if (found > pos) {
                    return found - pos;
                }
                content.done = true;
                readDelimiterEnd(found);
                return -1;
            }
            int end = Boundary.contentEnd(found);
            if (end > pos) {
                return end - pos;
            }
            if (eof) {
                throw new RequestBodyException(400, "the body ended before the closing boundary delimiter"
                        + " (RFC 2046 5.1.1)");
            }
            fill();
        }
    }

    /** Hands {@code n} available bytes of {@code content} over, checking the part size limit first. */
    private void consume(Content content, int n) throws RequestBodyException {
        if (content.limited && content.count + n > options.maxPartSize()) {
            throw new RequestBodyException(413, "part \"" + content.label + "\" is larger than "
                    + options.maxPartSize() + " bytes (MultipartOptions.maxPartSize)");
        }
        content.count += n;
        content.atStart = false;
        pos += n;
    }

    /**
     * Reads the delimiter at {@code at} and what follows it: "--" (the close-delimiter), or
     * transport padding and CRLF before the next part's headers (RFC 2046 5.1.1).
     */
    private void readDelimiterEnd(int at) throws IOException {
        pos = at + (buf[at] == '\r' ? boundary.delimiterLength() : boundary.dashBoundaryLength());
        need(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            closed = true;
            pos += 2;
            return;
        }
        for (int padding = 0; need(1) && (buf[pos] == ' ' || buf[pos] == '\t'); padding++) {
            if (padding == MAX_PADDING) {
                throw new RequestBodyException(400, "more than " + MAX_PADDING + " bytes of whitespace after a"
                        + " boundary delimiter");
            }
            pos++;
        }
        need(2);
        if (lim - pos < 2) {
            throw new RequestBodyException(400, "the body ended right after a boundary delimiter, without CRLF or"
                    + " the closing \"--\" (RFC 2046 5.1.1)");
        }
        if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
            pos += 2;
            return;
        }
        throw new RequestBodyException(400, buf[pos] == '\n'
                ? "a boundary delimiter line ends with a bare LF; RFC 2046 5.1.1 requires CRLF"
                : "a boundary delimiter is followed by neither CRLF nor \"--\" (RFC 2046 5.1.1)");
    }

    /** Reads until {@code n} bytes are buffered at {@code pos} or the body ends; whether they are. */
    private boolean need(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Reads more of the body after {@code lim}, first moving unread bytes to the front if needed. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0 && (lim == buf.length || pos >= buf.length / 2)) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            // Unreachable: content keeps at most a delimiter's length unread, header blocks are
            // bounded below the buffer size by MultipartOptions, padding by MAX_PADDING.
            throw new IllegalStateException("multipart buffer full at " + lim + " bytes");
        }
        for (int zeroReads = 0; zeroReads < 1000; zeroReads++) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
                return false;
            }
            if (n > 0) {
                lim += n;
                return true;
            }
        }
        throw new IOException("the body stream returned 0 bytes 1000 times in a row");
    }

    /** One part's content (or the preamble) as a stream ending at the next delimiter. */
    final class Content extends InputStream {
        /** The part's name, for messages. */
        final String label;
        /** Whether the part size limit applies: not to the preamble. */
        final boolean limited;
        boolean done;
        /** Whether nothing has been read yet: the delimiter may then come without a CRLF. */
        boolean atStart = true;
        long count;
        private final byte[] one = new byte[1];

        Content(String label, boolean limited) {
            this.label = label;
            this.limited = limited;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            checkNotFailed();
            if (len == 0) {
                return 0;
            }
            try {
                int n = ready(this);
                if (n < 0) {
                    return -1;
                }
                n = Math.min(n, len);
                int from = pos;
                consume(this, n);
                System.arraycopy(buf, from, b, off, n);
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        /**
         * Writes the rest of the content to {@code out} straight from the reader's buffer, without
         * a copy; {@code out} must not keep or change the arrays it is given.
         */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            checkNotFailed();
            long total = 0;
            try {
                for (int n = ready(this); n > 0; n = ready(this)) {
                    int from = pos;
                    consume(this, n);
                    out.write(buf, from, n);
                    total += n;
                }
                return total;
            } catch (RequestBodyException e) {
                failure = e;
                throw e;
            }
        }

        /** Does nothing: the body stream belongs to the request, and {@link #next()} skips the rest. */
        @Override
        public void close() {
        }
    }
}
