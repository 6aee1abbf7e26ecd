package mummy.web.upload;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A completed upload, in its final place.
 *
 * @param path the file, under the upload directory, with the sanitised name
 * @param size the number of bytes saved
 * @param sha256 the SHA-256 of the content, 64 lower-case hex digits
 * @param originalFilename the name the client sent, unchanged; null if it sent none
 */
public record SavedUpload(Path path, long size, String sha256, String originalFilename) {

    /** Validates the components. */
    public SavedUpload {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        if (sha256.length() != 64) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got " + sha256.length() + " characters");
        }
    }
}
