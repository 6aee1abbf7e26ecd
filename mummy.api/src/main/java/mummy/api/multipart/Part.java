package mummy.api.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import mummy.api.HttpHeaders;
import mummy.api.RequestBodyException;

/**
 * One part of a multipart body being read by a {@link MultipartReader}: its header fields, what
 * RFC 7578 reads from them, and its content as a stream that ends at the part's boundary. The
 * content can be read until {@link MultipartReader#next()} is called again.
 *
 * <p>Threading: not thread-safe, like its reader.
 */
public final class Part {

    private final PartHead head;
    private final InputStream content;

    Part(PartHead head, InputStream content) {
        this.head = head;
        this.content = content;
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
     * The file name the client sent, as sent: {@code filename*} decoded (RFC 8187) when present,
     * else {@code filename}. It may hold a path or anything else: never use it as a path
     * without {@link mummy.api.upload.FileNames#sanitize(String)}.
     *
     * @return the file name, or null when the part is not a file
     */
    public String filename() {
        return head.filename();
    }

    /**
     * Whether the part is a file: its {@code Content-Disposition} has a file name, even an empty one.
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
     * The content, ending at the part's boundary. Every call returns the same stream; closing it
     * does nothing. Its {@code transferTo} writes from the reader's buffer without a copy.
     *
     * @return the content stream
     */
    public InputStream inputStream() {
        return content;
    }

    /**
     * Reads the rest of the content as text in the charset of its {@code Content-Type}, UTF-8
     * when it names none (RFC 7578 5.1.2) or one this runtime does not know.
     *
     * @param maxBytes the most bytes to accept
     * @return the text
     * @throws RequestBodyException 413 if the content is longer than {@code maxBytes}, or as
     *     {@link MultipartReader#next()} does
     * @throws IOException if the body stream fails
     */
    public String text(int maxBytes) throws IOException {
        byte[] bytes = content.readNBytes(maxBytes);
        if (content.read() >= 0) {
            throw new RequestBodyException(413, "part \"" + name() + "\" is longer than " + maxBytes + " bytes");
        }
        return new String(bytes, charset());
    }

    /**
     * Saves the rest of the content to a new file; nothing is left at {@code file} when it fails.
     * For client-named files use {@link mummy.api.upload.UploadDirectory}, which also sanitises
     * the name and hashes the content.
     *
     * @param file where to save; must not exist
     * @return the number of bytes saved
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
     * @throws IOException if reading the body or writing the file fails
     */
    public long saveTo(Path file) throws IOException {
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            try {
                return content.transferTo(out);
            } catch (IOException | RuntimeException e) {
                out.close();
                Files.deleteIfExists(file);
                throw e;
            }
        }
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
                return java.nio.charset.StandardCharsets.UTF_8;
            }
        }
        return java.nio.charset.StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return "Part[name=" + name() + (isFile() ? ", filename=" + filename() : "") + "]";
    }
}
