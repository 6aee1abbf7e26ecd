package mummy.web.tus;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An upload whose last byte arrived, as given to the {@code onComplete} callback of
 * {@link TusUploads}. The file stays where it is until the upload is terminated ({@code DELETE});
 * the application may copy it, or move it away (its URL then still reports the upload as
 * complete, from the info file).
 *
 * @param id the upload's id, the last segment of its URL
 * @param file the file holding the upload's bytes, in the storage directory
 * @param length the number of bytes, the {@code Upload-Length} given at creation
 * @param metadata the {@code Upload-Metadata} given at creation
 */
public record CompletedUpload(String id, Path file, long length, UploadMetadata metadata) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the length is negative
     */
    public CompletedUpload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(metadata, "metadata");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
    }
}
