package mummy.web.tus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One upload as the {@link UploadStore} keeps it: what its creation request fixed, and where its
 * bytes are. The offset is not stored: it is the data file's size, which every {@code PATCH}
 * grows by what it wrote (or truncates back when it discards a chunk), so the two cannot disagree
 * after a crash or a restart.
 *
 * @param id the upload's id, the last segment of its URL
 * @param length the {@code Upload-Length} given at creation
 * @param metadata the {@code Upload-Metadata} given at creation
 * @param data the file holding the bytes received so far
 */
record StoredUpload(String id, long length, UploadMetadata metadata, Path data) {

    /**
     * The {@code Upload-Offset}: how many bytes are stored.
     *
     * @return the data file's size
     * @throws java.nio.file.NoSuchFileException if the upload was terminated meanwhile
     * @throws IOException if the file cannot be read
     */
    long offset() throws IOException {
        return Files.size(data);
    }
}
