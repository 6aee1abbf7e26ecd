package mummy.web.multipart;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One part of a buffered multipart body ({@link MultipartDecoder}): its header fields and where
 * its content lies in the body array, which is shared, not copied.
 *
 * <p>Threading: immutable as long as nobody changes the body array; safe to share.
 */
public final class BufferedPart extends FormPart {

    private final byte[] body;
    private final int offset;
    private final int length;

    BufferedPart(PartHead head, byte[] body, int offset, int length) {
        super(head);
        this.body = body;
        this.offset = offset;
        this.length = length;
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

    @Override
    public String toString() {
        return "BufferedPart[name=" + name() + (isFile() ? ", filename=" + filename() : "") + ", " + length + " bytes]";
    }
}
