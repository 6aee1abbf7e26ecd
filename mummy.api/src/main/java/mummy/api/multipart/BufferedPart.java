package mummy.api.multipart;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import mummy.api.HttpHeaders;
import mummy.api.RequestBodyException;

/**
 * One part of a buffered multipart body ({@link MultipartDecoder}): its header fields and where
 * its content lies in the body array, which is shared, not copied.
 *
 * <p>Threading: immutable as long as nobody changes the body array; safe to share.
 */
public final class BufferedPart {

    private final PartHead head;
    private final byte[] body;
    private final int offset;
    private final int length;

    BufferedPart(PartHead head, byte[] body, int offset, int length) {
        this.head = head;
        this.body = body;
        this.offset = offset;
        this.length = length;
    }

    /**
     * The part's header fields, in order.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return head.headers();
    }

    /**
     * The form field's name: {@code Content-Disposition}'s {@code name} parameter (RFC 7578 4.2).
     *
     * @return the name; null only in a multipart body other than form-data
     */
    public String name() {
        return head.name();
    }

    /**
     * The file name the client sent: {@code filename*} decoded (RFC 8187) when present, else
     * {@code filename}. Never use it as a path without {@link mummy.api.upload.FileNames#sanitize(String)}.
     *
     * @return the file name, or null when the part is not a file
     */
    public String filename() {
        return head.filename();
    }

    /**
     * Whether the part is a file: its {@code Content-Disposition} has a file name.
     *
     * @return whether {@link #filename()} is not null
     */
    public boolean isFile() {
        return head.filename() != null;
    }

    /**
     * The part's {@code Content-Type}, or {@code text/plain} when it has none (RFC 7578 4.4).
     *
     * @return the media type with its parameters
     */
    public String contentType() {
        return head.contentType() == null ? PartHead.DEFAULT_CONTENT_TYPE : head.contentType();
    }

    /**
     * The whole body array the content lies in: do not change it.
     *
     * @return the body, shared
     */
    public byte[] body() {
        return body;
    }

    /**
     * Where the content starts in {@link #body()}.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /**
     * The content's length in bytes.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * A copy of the content.
     *
     * @return new bytes
     */
    public byte[] bytes() {
        return Arrays.copyOfRange(body, offset, offset + length);
    }

    /**
     * The content as a read-only buffer over the body, without a copy.
     *
     * @return a read-only buffer positioned at 0
     */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(body, offset, length).slice().asReadOnlyBuffer();
    }

    /**
     * The content as a stream over the body, without a copy.
     *
     * @return a new stream
     */
    public InputStream inputStream() {
        return new ByteArrayInputStream(body, offset, length);
    }

    /**
     * The content as text in the charset of its {@code Content-Type}, UTF-8 when it names none
     * (RFC 7578 5.1.2) or one this runtime does not know.
     *
     * @return the text
     */
    public String text() {
        return new String(body, offset, length, charset());
    }

    private Charset charset() {
        if (head.contentType() != null) {
            try {
                String name = HeaderValue.parse("Content-Type", head.contentType()).parameters().get("charset");
                if (name != null && Charset.isSupported(name)) {
                    return Charset.forName(name);
                }
            } catch (RequestBodyException | IllegalArgumentException e) {
                // A malformed Content-Type only matters here for its charset: fall back to UTF-8.
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return "BufferedPart[name=" + name() + (isFile() ? ", filename=" + filename() : "") + ", " + length + " bytes]";
    }
}
