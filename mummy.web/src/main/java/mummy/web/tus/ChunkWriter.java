package mummy.web.tus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Appends the body of one {@code PATCH} request to an upload's data file as it arrives, through a
 * 64 KiB buffer, so a chunk of any size costs the same memory. What happens to the bytes:
 * <ul>
 *   <li>the body ends: they are forced to disk and the new offset is returned;
 *   <li>the body holds more than the upload has room for: the chunk is discarded (the file is
 *       truncated back to where it started) and nothing more is read;
 *   <li>an {@code Upload-Checksum} was sent and does not match: the chunk is discarded
 *       (tus 1.0.0, Checksum: "the uploaded chunk MUST be discarded");
 *   <li>reading fails (the client went away, the body broke): without a checksum the bytes
 *       written so far are kept and forced to disk, as "the Server SHOULD always attempt to store
 *       as much of the received data as possible" (tus 1.0.0, PATCH), so the client resumes from
 *       there; with a checksum they cannot be verified and are discarded. The exception is
 *       rethrown.
 * </ul>
 *
 * <p>Threading: one call per upload at a time (the caller holds the upload's lock).
 */
final class ChunkWriter {

    private static final int BUFFER_SIZE = 64 * 1024;

    /** How a chunk ended when the body could be read to its end (or was refused). */
    sealed interface Outcome {
        /** The chunk is stored; {@code offset} is the upload's new offset. */
        record Stored(long offset) implements Outcome {
        }

        /** The body was longer than the upload's remaining length; nothing was kept. */
        record TooLong(long room) implements Outcome {
        }

        /** The checksum did not match; nothing was kept. */
        record Mismatch() implements Outcome {
        }
    }

    private ChunkWriter() {
    }

    /**
     * Appends {@code body} to the upload at {@code offset}, which must be its current offset.
     *
     * @param upload the upload
     * @param offset where the chunk starts
     * @param body the request body
     * @param checksum the request's checksum, or null
     * @return how it ended
     * @throws IOException when reading the body or writing the file fails, after keeping or
     *     discarding what was written as described above
     */
    static Outcome append(StoredUpload upload, long offset, InputStream body, Checksum checksum) throws IOException {
        long room = upload.length() - offset;
        MessageDigest digest = checksum == null ? null : checksum.newDigest();
        try (FileChannel file = FileChannel.open(upload.data(), StandardOpenOption.WRITE)) {
            file.position(offset);
            long written;
            try {
                written = copy(body, file, room, digest);
            } catch (IOException failure) {
                keepOrDiscard(file, offset, checksum != null, failure);
                throw failure;
            }
            if (written < 0) {
                file.truncate(offset);
                return new Outcome.TooLong(room);
            }
            if (checksum != null && !checksum.matches(digest.digest())) {
                file.truncate(offset);
                return new Outcome.Mismatch();
            }
            // The 204 promises the new offset: the bytes must survive a crash once it is sent.
            file.force(false);
            return new Outcome.Stored(offset + written);
        }
    }

    /** Copies the body into the file; the count, or -1 as soon as it passes {@code room}. */
    private static long copy(InputStream body, FileChannel file, long room, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long written = 0;
        // Bounded: each round consumes at least one byte of a body of at most `room` bytes.
        for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
            if (n > room - written) {
                return -1;
            }
            if (digest != null) {
                digest.update(buffer, 0, n);
            }
            wrapped.clear().limit(n);
            while (wrapped.hasRemaining()) {
                file.write(wrapped);
            }
            written += n;
        }
        return written;
    }

    private static void keepOrDiscard(FileChannel file, long offset, boolean discard, IOException failure) {
        try {
            if (discard) {
                file.truncate(offset);
            } else {
                file.force(false);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
