package mummy.web.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import mummy.api.RequestBodyException;

/**
 * Saves uploads (a streamed request body, a multipart part) into one directory: first to a
 * temporary file there, hashing (SHA-256) and counting on the way, then, once complete, moved
 * under the client's file name made safe by {@link FileNames#sanitize(String, int)}.
 *
 * <pre>{@code
 * UploadDirectory uploads = UploadDirectory.builder(Path.of("/srv/uploads")).maxSize(100 << 20).build();
 * SavedUpload saved = uploads.save(part.inputStream(), part.filename());
 * }</pre>
 *
 * <p>The temporary file ({@code .upload-*.tmp}, a name {@link FileNames#sanitize} never gives) is
 * made by {@link Files#createTempFile} in the directory itself, so the final move is a rename on
 * one file system. An existing file is never replaced: the final name is first reserved with an
 * atomic create-new, then the temporary file is renamed over that reservation
 * ({@link StandardCopyOption#ATOMIC_MOVE}), so two uploads of one name at once both survive; a
 * reader may see the reserved name empty for that moment. When the name is taken,
 * {@link OnExisting#RENAME} (the default) tries {@code name-1.ext}, {@code name-2.ext}, ... and
 * {@link OnExisting#FAIL} throws {@link FileAlreadyExistsException}. On any failure the temporary
 * file is deleted.
 *
 * <p>Threading: immutable, safe to use from many threads at once.
 */
public final class UploadDirectory {

    /** What to do when the sanitised name is already taken. */
    public enum OnExisting {
        /** Add {@code -1}, {@code -2}, ... before the extension until a name is free. */
        RENAME,
        /** Fail with {@link FileAlreadyExistsException}. */
        FAIL
    }

    /** How many numbered names {@link OnExisting#RENAME} tries before giving up. */
    static final int MAX_RENAMES = 1000;
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path directory;
    private final long maxSize;
    private final int maxNameBytes;
    private final OnExisting onExisting;

    private UploadDirectory(Builder builder) {
        directory = builder.directory;
        maxSize = builder.maxSize;
        maxNameBytes = builder.maxNameBytes;
        onExisting = builder.onExisting;
    }

    /**
     * A builder for uploads into {@code directory}, which must exist when saving.
     *
     * @param directory where the files go
     * @return a new builder
     */
    public static Builder builder(Path directory) {
        return new Builder(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * The directory files are saved in.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Reads {@code in} to its end into a new file named after {@code clientFilename}. The stream
     * is not closed.
     *
     * @param in the content
     * @param clientFilename the name the client sent, or null for a generated name
     * @return where the file went, its size and SHA-256
     * @throws RequestBodyException 413 if the content is longer than the maximum size, or what
     *     reading {@code in} throws
     * @throws FileAlreadyExistsException if the name is taken and the policy is {@link OnExisting#FAIL}
     * @throws IOException if reading or writing fails
     */
    public SavedUpload save(InputStream in, String clientFilename) throws IOException {
        Objects.requireNonNull(in, "in");
        String name = FileNames.sanitize(clientFilename, maxNameBytes);
        Path temp = Files.createTempFile(directory, ".upload-", ".tmp");
        try {
            HashingOutput out = new HashingOutput(Files.newOutputStream(temp), maxSize);
            try (out) {
                in.transferTo(out);
            }
            Path target = moveIntoPlace(temp, name);
            return new SavedUpload(target, out.count, HexFormat.of().formatHex(out.digest.digest()), clientFilename);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Reserves a free name with create-new, then renames the temporary file over it. */
    private Path moveIntoPlace(Path temp, String name) throws IOException {
        for (int attempt = 0; attempt <= MAX_RENAMES; attempt++) {
            Path target = directory.resolve(attempt == 0 ? name : numbered(name, attempt));
            try {
                Files.createFile(target);
            } catch (FileAlreadyExistsException e) {
                if (onExisting == OnExisting.FAIL) {
                    throw e;
                }
                continue;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            return target;
        }
        throw new FileAlreadyExistsException(directory.resolve(name).toString(), null,
                "taken, and so are its " + MAX_RENAMES + " numbered variants");
    }

    /** {@code name-n.ext}: the number goes before the last extension. */
    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
    }

    /** Writes through to a file while counting, hashing and enforcing the size limit. */
    private static final class HashingOutput extends OutputStream {
        private final OutputStream out;
        private final long maxSize;
        final MessageDigest digest;
        long count;

        HashingOutput(OutputStream out, long maxSize) {
            this.out = out;
            this.maxSize = maxSize;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (count + len > maxSize) {
                throw new RequestBodyException(413, "the upload is larger than " + maxSize + " bytes");
            }
            count += len;
            digest.update(b, off, len);
            // Large writes are split so the file stream never asks for a huge native buffer.
            for (int done = 0; done < len; done += COPY_BUFFER) {
                out.write(b, off + done, Math.min(COPY_BUFFER, len - done));
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Builds an {@link UploadDirectory}; validates in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private long maxSize = Long.MAX_VALUE;
        private int maxNameBytes = FileNames.DEFAULT_MAX_BYTES;
        private OnExisting onExisting = OnExisting.RENAME;

        private Builder(Path directory) {
            this.directory = directory;
        }

        /**
         * Sets the most bytes one upload may have; more fails with a 413 {@link RequestBodyException}.
         *
         * @param bytes at least 0; {@link Long#MAX_VALUE} (the default) for no limit
         * @return this builder
         */
        public Builder maxSize(long bytes) {
            maxSize = bytes;
            return this;
        }

        /**
         * Sets the most UTF-8 bytes of a saved file's name, before any {@code -n} suffix.
         *
         * @param bytes from 32 to 240; the default is {@link FileNames#DEFAULT_MAX_BYTES}
         * @return this builder
         */
        public Builder maxNameBytes(int bytes) {
            maxNameBytes = bytes;
            return this;
        }

        /**
         * Sets what happens when the name is taken; the default is {@link OnExisting#RENAME}.
         *
         * @param policy rename or fail
         * @return this builder
         */
        public Builder onExisting(OnExisting policy) {
            onExisting = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The upload directory.
         *
         * @return an immutable upload directory
         * @throws IllegalArgumentException if a value is out of its range
         */
        public UploadDirectory build() {
            if (maxSize < 0) {
                throw new IllegalArgumentException("maxSize must not be negative, got " + maxSize);
            }
            if (maxNameBytes < 32 || maxNameBytes > 240) {
                throw new IllegalArgumentException("maxNameBytes must be from 32 to 240, got " + maxNameBytes);
            }
            return new UploadDirectory(this);
        }
    }
}
