package mummy.web.tus;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uploads of one {@link TusUploads}, on disk in one directory: for upload {@code ID},
 * {@code ID.bin} holds the bytes received and {@code ID.info} what the creation request fixed
 * ({@code length}, {@code metadata}) as a properties file written once, atomically. Everything is
 * on disk, nothing in memory, so a client that reconnects, or a server that restarts, finds the
 * upload by its URL alone. The data file's modification time is the upload's last activity
 * ({@link #touch}), from which {@link UnfinishedUploads} counts its expiry, after a restart too.
 *
 * <p>Ids are 128 random bits from {@link SecureRandom} as 32 lowercase hex digits: unguessable, so
 * the URL is the capability to the upload, and of a shape ({@link #isValidId}) that can never name
 * a path outside the directory.
 *
 * <p>Threading: safe for any number of workers. Creation, lookup and deletion rely on the file
 * system's atomic create, rename and delete; writers of one upload are kept to one at a time by
 * {@link #tryLock} (in this process only: two servers must not share a directory).
 */
final class UploadStore {

    private static final HexFormat HEX = HexFormat.of();
    private static final int ID_BYTES = 16;
    private static final String LENGTH = "length";
    private static final String METADATA = "metadata";

    private final Path directory;
    private final SecureRandom random = new SecureRandom();
    /** Ids with a PATCH, DELETE or expiry under way; at most one entry per request in progress. */
    private final Set<String> locked = ConcurrentHashMap.newKeySet();

    /**
     * A store in {@code directory}, created when missing.
     *
     * @param directory where the files go
     * @throws UncheckedIOException if the directory cannot be created
     */
    UploadStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the tus upload directory " + this.directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /**
     * Whether {@code id} has the shape of an id this store makes: 32 lowercase hex digits. Checked
     * before any path is built from a URL, so {@code ..}, slashes, NULs and the like never reach
     * the file system.
     *
     * @param id the last segment of a request's path, decoded
     * @return true if it may name an upload
     */
    static boolean isValidId(String id) {
        if (id.length() != 2 * ID_BYTES) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Creates an empty upload.
     *
     * @param length its {@code Upload-Length}
     * @param metadata its {@code Upload-Metadata}
     * @return the new upload, at offset 0
     * @throws IOException if the files cannot be written
     */
    StoredUpload create(long length, UploadMetadata metadata) throws IOException {
        String id = newId();
        Path data = data(id);
        // The data file first, then the info file by an atomic rename: find() sees an upload only
        // once both exist, and CREATE_NEW makes a (128-bit, so never seen) id clash fail loudly.
        Files.createFile(data);
        Properties info = new Properties();
        info.setProperty(LENGTH, Long.toString(length));
        info.setProperty(METADATA, metadata.header());
        Path temporary = directory.resolve(id + ".info.tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            info.store(out, "tus upload " + id);
        }
        Files.move(temporary, info(id), StandardCopyOption.ATOMIC_MOVE);
        return new StoredUpload(id, length, metadata, data);
    }

    /**
     * The upload with this id.
     *
     * @param id a valid id (see {@link #isValidId})
     * @return the upload, or null when there is none (never created, or terminated)
     * @throws IOException if its info file cannot be read or is damaged
     */
    StoredUpload find(String id) throws IOException {
        Properties info = new Properties();
        try (Reader in = Files.newBufferedReader(info(id), StandardCharsets.UTF_8)) {
            info.load(in);
        } catch (NoSuchFileException e) {
            return null;
        }
        String length = info.getProperty(LENGTH);
        String metadata = info.getProperty(METADATA);
        if (length == null || metadata == null) {
            throw new IOException("damaged tus info file " + info(id) + ": no " + (length == null ? LENGTH : METADATA));
        }
        try {
            return new StoredUpload(id, Long.parseLong(length),
                    metadata.isEmpty() ? UploadMetadata.empty() : UploadMetadata.parse(metadata), data(id));
        } catch (IllegalArgumentException e) {
            throw new IOException("damaged tus info file " + info(id) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes an upload's files; its URL answers 404 from then on. The info file goes first, so a
     * concurrent {@link #find} sees either the whole upload or none.
     *
     * @param upload the upload
     * @throws IOException if a file cannot be deleted
     */
    void delete(StoredUpload upload) throws IOException {
        delete(upload.id());
    }

    /**
     * Removes the files of the upload with this id, as {@link #delete(StoredUpload)} does.
     *
     * @param id a valid id
     * @throws IOException if a file cannot be deleted
     */
    void delete(String id) throws IOException {
        Files.deleteIfExists(info(id));
        Files.deleteIfExists(data(id));
    }

    /**
     * Records {@code time} as the upload's last activity: its data file's modification time.
     *
     * @param id a valid id
     * @param time when the upload was created or last written
     * @throws IOException if the file is gone or its time cannot be set
     */
    void touch(String id, Instant time) throws IOException {
        Files.setLastModifiedTime(data(id), FileTime.from(time));
    }

    /**
     * The upload's last activity, as recorded by {@link #touch} (or by the file system's clock
     * when the file was written since).
     *
     * @param id a valid id
     * @return its data file's modification time
     * @throws IOException if the file is gone or cannot be read
     */
    Instant lastActivity(String id) throws IOException {
        return Files.getLastModifiedTime(data(id)).toInstant();
    }

    /**
     * The ids of every upload in the directory: each valid id with an info file.
     *
     * @return the ids, in no particular order
     * @throws IOException if the directory cannot be listed
     */
    List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        try (var files = Files.newDirectoryStream(directory, "*.info")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ".info".length());
                if (isValidId(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /**
     * Deletes what a crash in the middle of {@link #create} or {@link #delete} can leave: an
     * {@code ID.info.tmp}, or an {@code ID.bin} without its {@code ID.info}. Only when no
     * request is under way, as when a {@link TusUploads} starts: a creation in progress has
     * exactly those files.
     *
     * @return how many files were deleted
     * @throws IOException if the directory cannot be listed or a file cannot be deleted
     */
    int removeLeftovers() throws IOException {
        int removed = 0;
        try (var files = Files.newDirectoryStream(directory, "*.{bin,info.tmp}")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.indexOf('.'));
                boolean leftover = name.endsWith(".info.tmp") || !Files.exists(info(id));
                if (isValidId(id) && leftover && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Takes the upload's writer lock without waiting.
     *
     * @param id the upload's id
     * @return true if taken; false when another PATCH, DELETE or expiry of it is under way
     */
    boolean tryLock(String id) {
        return locked.add(id);
    }

    /**
     * Releases a lock taken with {@link #tryLock}.
     *
     * @param id the upload's id
     */
    void unlock(String id) {
        locked.remove(id);
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    private Path data(String id) {
        return directory.resolve(id + ".bin");
    }

    private Path info(String id) {
        return directory.resolve(id + ".info");
    }
}
