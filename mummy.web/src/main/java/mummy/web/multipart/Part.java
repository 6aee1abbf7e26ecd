package mummy.web.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mummy.api.RequestBodyException;

/**
 * One part of a multipart body being read by a {@link MultipartReader}: its header fields, what
 * RFC 7578 reads from them, and its content as a stream that ends at the part's boundary. The
 * content can be read until {@link MultipartReader#next()} is called again.
 *
 * <p>Threading: not thread-safe, like its reader.
 */
public final class Part extends FormPart {

    private final InputStream content;

    Part(PartHead head, InputStream content) {
        super(head);
        this.content = content;
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
     * For client-named files use {@link mummy.web.upload.UploadDirectory}, which also sanitises
     * the name and hashes the content.
     *
     * @param file where to save; must not exist
     * @return the number of bytes saved
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
     * @throws IOException if reading the body or writing the file fails
     */
    public long saveTo(Path file) throws IOException {
        var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        try (out) {
            return content.transferTo(out);
        } catch (IOException | RuntimeException e) {
            // out is closed by now: the resource closes before the catch runs
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Part[name=" + name() + (isFile() ? ", filename=" + filename() : "") + "]";
    }
}
