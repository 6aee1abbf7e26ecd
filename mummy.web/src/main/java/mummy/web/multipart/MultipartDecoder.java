package mummy.web.multipart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import mummy.api.Request;
import mummy.api.RequestBodyException;

/**
 * Decodes a whole buffered multipart body at once (Mummy's {@code decodeMultipart}): the parts'
 * contents are offsets into the body, not copies. Same grammar, rules and statuses as
 * {@link MultipartReader}; {@link MultipartOptions#bufferSize()} does not apply.
 *
 * <p>Threading: stateless, safe from any thread.
 */
public final class MultipartDecoder {

    private MultipartDecoder() {
    }

    /**
     * Decodes a request's buffered body ({@link Request#body()}) with the default options.
     *
     * @param request a request with a buffered {@code multipart/*} body
     * @return the parts in order
     * @throws RequestBodyException 400 if malformed, 413 past a limit, 415 if not multipart
     */
    public static List<BufferedPart> decode(Request request) throws RequestBodyException {
        return decode(request.body(), request.headers().get("Content-Type"), MultipartOptions.defaults());
    }

    /**
     * Decodes a body with the default options.
     *
     * @param body the whole body; the parts refer to it, so do not change it
     * @param contentType the body's {@code Content-Type}, with its boundary parameter
     * @return the parts in order
     * @throws RequestBodyException 400 if malformed, 413 past a limit, 415 if not multipart
     */
    public static List<BufferedPart> decode(byte[] body, String contentType) throws RequestBodyException {
        return decode(body, contentType, MultipartOptions.defaults());
    }

    /**
     * Decodes a body.
     *
     * @param body the whole body; the parts refer to it, so do not change it
     * @param contentType the body's {@code Content-Type}, with its boundary parameter
     * @param options the limits
     * @return the parts in order
     * @throws RequestBodyException 400 if malformed, 413 past a limit, 415 if not multipart
     */
    public static List<BufferedPart> decode(byte[] body, String contentType, MultipartOptions options)
            throws RequestBodyException {
        Objects.requireNonNull(body, "body");
        MultipartType type = MultipartType.of(contentType);
        Boundary boundary = type.boundary();
        List<BufferedPart> parts = new ArrayList<>();
        int at = findDelimiter(boundary, body, 0); // the preamble is skipped
        while (true) {
            int pos = afterDelimiter(boundary, body, at);
            if (pos < 0) {
                return parts;
            }
            if (parts.size() == options.maxParts()) {
                throw new RequestBodyException(413, "the body has more than " + options.maxParts()
                        + " parts (MultipartOptions.maxParts)");
            }
            int headEnd = PartHead.findEnd(body, pos, body.length, options.maxHeaderBytes());
            if (headEnd < 0) {
                throw new RequestBodyException(400, "the body ended inside a part's header block");
            }
            PartHead head = PartHead.parse(body, pos, headEnd, options, type.formData());
            at = findDelimiter(boundary, body, headEnd);
            if (at - headEnd > options.maxPartSize()) {
                throw new RequestBodyException(413, "part \"" + head.name() + "\" is larger than "
                        + options.maxPartSize() + " bytes (MultipartOptions.maxPartSize)");
            }
            parts.add(new BufferedPart(head, body, headEnd, at - headEnd));
        }
    }

    /** The index of the delimiter ending content that starts at {@code from}. */
    private static int findDelimiter(Boundary boundary, byte[] body, int from) throws RequestBodyException {
        if (from == 0 && body.length >= boundary.dashBoundaryLength() && body[0] == '-') {
            // The body may open with the dash-boundary, without the CRLF a delimiter starts with.
            int found = boundary.scan(body, 0, body.length, true, true);
            if (found == 0) {
                return 0;
            }
        }
        int found = boundary.scan(body, from, body.length, true, from > 0);
        if (found < 0) {
            throw new RequestBodyException(400, "the body ended before the closing boundary delimiter (RFC 2046 5.1.1)");
        }
        return found;
    }

    /**
     * Reads past the delimiter at {@code at}: the index of the next part's header block, or -1
     * after the close-delimiter (RFC 2046 5.1.1).
     */
    private static int afterDelimiter(Boundary boundary, byte[] body, int at) throws RequestBodyException {
        int pos = at + (body[at] == '\r' ? boundary.delimiterLength() : boundary.dashBoundaryLength());
        if (body.length - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-') {
            return -1;
        }
        int padding = 0;
        while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
            if (++padding > MultipartReader.MAX_PADDING) {
                throw new RequestBodyException(400, "more than " + MultipartReader.MAX_PADDING
                        + " bytes of whitespace after a boundary delimiter");
            }
            pos++;
        }
        if (body.length - pos < 2) {
            throw new RequestBodyException(400, "the body ended right after a boundary delimiter, without CRLF or"
                    + " the closing \"--\" (RFC 2046 5.1.1)");
        }
        if (body[pos] == '\r' && body[pos + 1] == '\n') {
            return pos + 2;
        }
        throw new RequestBodyException(400, body[pos] == '\n'
                ? "a boundary delimiter line ends with a bare LF; RFC 2046 5.1.1 requires CRLF"
                : "a boundary delimiter is followed by neither CRLF nor \"--\" (RFC 2046 5.1.1)");
    }
}
