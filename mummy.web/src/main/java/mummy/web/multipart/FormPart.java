package mummy.web.multipart;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import mummy.api.HttpHeaders;
import mummy.api.RequestBodyException;

/**
 * What every part of a multipart body says about itself through its header fields, as RFC 7578
 * reads them; {@link Part} (streamed) and {@link BufferedPart} (in a buffered body) add how its
 * content is read.
 *
 * <p>Threading: immutable.
 */
public abstract sealed class FormPart permits Part, BufferedPart {

    private final PartHead head;

    FormPart(PartHead head) {
        this.head = head;
    }

    /** The parsed head, for subclasses. */
    final PartHead head() {
        return head;
    }

    /**
     * The part's header fields, in order, their values the octets as ISO-8859-1 (as the server's
     * request fields are); {@link #name()} and {@link #filename()} are the decoded parameters.
     *
     * @return the headers
     */
    public final HttpHeaders headers() {
        return head.headers();
    }

    /**
     * The form field's name: {@code Content-Disposition}'s {@code name} parameter (RFC 7578 4.2).
     *
     * @return the name; null only in a multipart body other than form-data
     */
    public final String name() {
        return head.name();
    }

    /**
     * The file name the client sent: {@code filename*} decoded (RFC 8187) when present, else
     * {@code filename}. Never use it as a path without {@link mummy.web.upload.FileNames#sanitize(String)}.
     *
     * @return the file name, or null when the part is not a file
     */
    public final String filename() {
        return head.filename();
    }

    /**
     * Whether the part is a file: its {@code Content-Disposition} has a file name.
     *
     * @return whether {@link #filename()} is not null
     */
    public final boolean isFile() {
        return head.filename() != null;
    }

    /**
     * The part's {@code Content-Type}, or {@code text/plain} when it has none (RFC 7578 4.4).
     *
     * @return the media type with its parameters
     */
    public final String contentType() {
        return head.contentType() == null ? PartHead.DEFAULT_CONTENT_TYPE : head.contentType();
    }

    /** The charset of the part's {@code Content-Type}, UTF-8 when it names none or one not supported. */
    final Charset charset() {
        if (head.contentType() != null) {
            try {
                String charset = HeaderValue.parse("Content-Type", head.contentType()).parameters().get("charset");
                if (charset != null && Charset.isSupported(charset)) {
                    return Charset.forName(charset);
                }
            } catch (RequestBodyException | IllegalArgumentException e) {
                // A malformed Content-Type only matters here for its charset: fall back to UTF-8.
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }
}
