package mummy.web.tus;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import mummy.api.RequestBodyException;
import mummy.api.RequestHandler;
import mummy.api.Router;

/**
 * Resumable uploads by the tus protocol 1.0.0 (<a href="https://tus.io/protocols/resumable-upload">
 * tus.io</a>): the core protocol and the {@code creation}, {@code termination} and
 * {@code checksum} extensions, stored in one directory on disk.
 *
 * <pre>{@code
 * TusUploads uploads = TusUploads.builder()
 *         .directory(Path.of("uploads"))
 *         .basePath("/files/")
 *         .maxSize(1L << 30)
 *         .onComplete(done -> System.out.println(done.file() + " " + done.metadata().text("filename")))
 *         .build();
 * Router router = uploads.addRoutes(Router.builder()).get("/", ...).build();
 * }</pre>
 * It may also serve as a server's whole handler, as it streams the bodies of its PATCH requests
 * itself ({@link #streamsBody}).
 *
 * <p>URLs: the base path ({@code /files/}, also without its final slash) is the creation URL;
 * each upload lives at the base path plus its id, 32 hex digits of 128 random bits. Answers:
 * <ul>
 *   <li>every response carries {@code Tus-Resumable: 1.0.0}; a request other than
 *       {@code OPTIONS} without {@code Tus-Resumable: 1.0.0} gets 412 with {@code Tus-Version} and
 *       is not processed;
 *   <li>{@code OPTIONS} (either URL): 204 with {@code Tus-Version}, {@code Tus-Extension},
 *       {@code Tus-Checksum-Algorithm: sha1,sha256} and, when a maximum is set,
 *       {@code Tus-Max-Size};
 *   <li>{@code POST} (creation): {@code Upload-Length} is required (no
 *       {@code creation-defer-length}; {@code Upload-Defer-Length} gets 400), over the maximum
 *       413; {@code Upload-Metadata} is checked (400 when malformed); a body gets 400 (no
 *       {@code creation-with-upload}). 201 with a relative {@code Location};
 *   <li>{@code HEAD}: 200 with {@code Upload-Offset}, {@code Upload-Length},
 *       {@code Upload-Metadata} as sent at creation, {@code Cache-Control: no-store}. During a
 *       PATCH it reports the bytes written so far; a client that PATCHes at that offset before
 *       the first one ends gets 423 and asks again;
 *   <li>{@code PATCH}: 415 unless {@code Content-Type: application/offset+octet-stream}; 409
 *       unless {@code Upload-Offset} is the current offset; 400 for a malformed or unsupported
 *       {@code Upload-Checksum}; 413 when the body would pass {@code Upload-Length} (the chunk is
 *       discarded); 460 when the checksum does not match (discarded); else 204 with the new
 *       {@code Upload-Offset}. The body is streamed to disk, never held whole in memory. When the
 *       client goes away mid-body, the bytes that arrived are kept ("the Server SHOULD always
 *       attempt to store as much of the received data as possible") so the client resumes from
 *       there, unless an {@code Upload-Checksum} was sent: then they cannot be verified and are
 *       discarded. A second PATCH (or a DELETE) of an upload while one is
 *       under way gets 423 Locked, which tus clients retry;
 *   <li>{@code DELETE} (termination): 204, the files are removed;
 *   <li>an unknown upload, a terminated one, or a path that is not an id: 404. Terminated uploads
 *       leave nothing behind to tell them from never-created ones, hence 404 rather than 410;
 *   <li>{@code X-HTTP-Method-Override} replaces the request's method, as the core protocol asks.
 * </ul>
 *
 * <p>State lives on disk only, two files per upload (data, and a small info file written once), so uploads are keyed by their URL, not by
 * a connection: a client that reconnects, or a server that restarts on the same directory,
 * resumes where the bytes end. When the last byte of an upload is stored, the
 * {@code onComplete} callback runs on that request's worker thread before the 204 goes out; what
 * it throws is logged ({@code tus.callback.failed}) and does not change the answer.
 *
 * <p>One file of about 500 lines because its javadoc is the protocol's summary and its builder is
 * nested, as {@code Server.Builder} is; header parsing, storage and body copying live in
 * package-private classes beside it.
 *
 * <p>Threading: immutable; one instance serves every worker thread at once. Logs to the
 * {@code System.Logger} "mummy.tus": {@code tus.created}, {@code tus.completed},
 * {@code tus.interrupted}, {@code tus.terminated}. *
 * <p>One file with its {@link Builder}, past the usual size: each method is one request kind of
 * the protocol and they share the same checks and answers; the file handling lives apart in
 * {@code UploadStore}, the header grammars in {@code UploadMetadata} and {@code Checksum}.
 */
public final class TusUploads implements RequestHandler {

    /** The protocol version spoken, for {@code Tus-Resumable} and {@code Tus-Version}. */
    public static final String VERSION = "1.0.0";
    /** The {@code Tus-Extension} value. */
    public static final String EXTENSIONS = "creation,termination,checksum";

    private static final System.Logger LOG = System.getLogger("mummy.tus");
    private static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    /** tus 1.0.0, Checksum: "460 Checksum Mismatch". */
    private static final int CHECKSUM_MISMATCH = 460;
    /** RFC 4918 section 11.3; tus clients retry it. */
    private static final int LOCKED = 423;
    private static final List<String> COLLECTION_METHODS = List.of("POST", "OPTIONS");
    private static final List<String> UPLOAD_METHODS = List.of("HEAD", "PATCH", "DELETE", "OPTIONS");

    private final UploadStore store;
    private final String basePath;
    private final long maxSize;
    private final Consumer<CompletedUpload> onComplete;

    private TusUploads(Builder builder) {
        this.store = new UploadStore(builder.directory);
        this.basePath = builder.basePath;
        this.maxSize = builder.maxSize;
        this.onComplete = builder.onComplete;
    }

    /**
     * A builder; {@link Builder#directory} must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base path, ending in {@code /}: the creation URL, and the prefix of every upload URL.
     *
     * @return the base path
     */
    public String basePath() {
        return basePath;
    }

    /**
     * The directory holding the uploads' files.
     *
     * @return the absolute directory
     */
    public Path directory() {
        return store.directory();
    }

    /**
     * Adds the tus routes to a router: {@code OPTIONS} and {@code POST} at the base path (with and
     * without its final slash), and {@code HEAD}, {@code PATCH} (marked
     * {@link Router.Builder#streaming() streaming}), {@code DELETE}, {@code OPTIONS} and
     * {@code POST} (for {@code X-HTTP-Method-Override}, also streaming) at each upload URL.
     *
     * @param router the router being built
     * @return {@code router}
     */
    public Router.Builder addRoutes(Router.Builder router) {
        String upload = basePath + "@id";
        if (basePath.length() > 1) {
            String bare = basePath.substring(0, basePath.length() - 1);
            router.options(bare, this).post(bare, this);
        }
        return router.options(basePath, this).post(basePath, this)
                .head(upload, this)
                .patch(upload, this).streaming()
                .delete(upload, this)
                .options(upload, this)
                .post(upload, this).streaming();
    }

    /**
     * Streams the bodies of {@code PATCH} requests to upload URLs, and of {@code POST} requests
     * to them (which can only be {@code PATCH}es in {@code X-HTTP-Method-Override}).
     *
     * @param method the method token
     * @param target the request-target as sent
     * @return true for a PATCH or POST below the base path
     */
    @Override
    public boolean streamsBody(String method, String target) {
        return (method.equals("PATCH") || method.equals("POST"))
                && target.startsWith(basePath) && target.length() > basePath.length()
                && target.charAt(basePath.length()) != '?';
    }

    /**
     * Answers a tus request as described in the class documentation.
     *
     * @param request the request
     * @throws IOException when the storage fails, or the client went away during a PATCH (what
     *     arrived is kept unless a checksum was sent)
     */
    @Override
    public void handle(Request request) throws IOException {
        String path = request.path();
        boolean collection = path.equals(basePath) || path.equals(basePath.substring(0, basePath.length() - 1));
        String id = collection ? null : uploadId(path);
        if (!collection && id == null) {
            fail(request, 404, "no such upload");
            return;
        }
        String method = request.headers().contains("X-HTTP-Method-Override")
                ? request.headers().get("X-HTTP-Method-Override").strip() : request.method();
        try {
            if (method.equals("OPTIONS")) {
                options(request);
            } else if (!VERSION.equals(request.headers().get("Tus-Resumable"))) {
                // tus 1.0.0 Tus-Resumable: 412 with Tus-Version, and "MUST NOT process the request".
                fail(request, 412, "Tus-Resumable: " + VERSION + " is required", "Tus-Version", VERSION);
            } else if (collection) {
                dispatchCollection(request, method);
            } else {
                dispatchUpload(request, method, id);
            }
        } catch (TusException e) {
            fail(request, e.status(), e.getMessage());
        } catch (NoSuchFileException e) {
            // Terminated by a concurrent DELETE after it was looked up.
            fail(request, 404, "no such upload");
        }
    }

    private void dispatchCollection(Request request, String method) throws IOException {
        if (method.equals("POST")) {
            create(request);
        } else {
            notAllowed(request, COLLECTION_METHODS);
        }
    }

    private void dispatchUpload(Request request, String method, String id) throws IOException {
        if (!UPLOAD_METHODS.contains(method)) {
            notAllowed(request, UPLOAD_METHODS);
            return;
        }
        StoredUpload upload = store.find(id);
        if (upload == null) {
            fail(request, 404, "no such upload");
            return;
        }
        switch (method) {
            case "HEAD" -> head(request, upload);
            case "PATCH" -> patch(request, upload);
            default -> terminate(request, upload);
        }
    }

    /** tus 1.0.0 OPTIONS; Checksum: {@code Tus-Checksum-Algorithm} "MUST be included". */
    private void options(Request request) {
        HttpHeaders.Builder headers = HttpHeaders.builder()
                .add("Tus-Resumable", VERSION)
                .add("Tus-Version", VERSION)
                .add("Tus-Extension", EXTENSIONS)
                .add("Tus-Checksum-Algorithm", Checksum.Algorithm.NAMES);
        if (maxSize != Long.MAX_VALUE) {
            headers.add("Tus-Max-Size", Long.toString(maxSize));
        }
        request.respond(204, headers.build(), new byte[0]);
    }

    /** tus 1.0.0 Creation, POST. */
    private void create(Request request) throws IOException {
        HttpHeaders headers = request.headers();
        if (headers.contains("Upload-Defer-Length")) {
            throw new TusException(400, "Upload-Defer-Length is not supported (no creation-defer-length);"
                    + " send Upload-Length");
        }
        String lengthText = TusHeaders.single(headers, "Upload-Length");
        if (lengthText == null) {
            throw new TusException(400, "Upload-Length is required");
        }
        long length = TusHeaders.nonNegative("Upload-Length", lengthText);
        if (length > maxSize) {
            throw new TusException(413, "Upload-Length " + length + " is over Tus-Max-Size " + maxSize);
        }
        String metadataText = TusHeaders.single(headers, "Upload-Metadata");
        UploadMetadata metadata;
        try {
            metadata = metadataText == null ? UploadMetadata.empty() : UploadMetadata.parse(metadataText);
        } catch (IllegalArgumentException e) {
            throw new TusException(400, e.getMessage());
        }
        if (request.bodyStream().read() != -1) {
            throw new TusException(400, "a creation request has no body here (no creation-with-upload)");
        }
        StoredUpload upload = store.create(length, metadata);
        LOG.log(System.Logger.Level.DEBUG, "tus.created: {0} length {1} {2}", upload.id(), length, metadata);
        if (length == 0) {
            complete(upload);
        }
        request.respond(201, HttpHeaders.of("Tus-Resumable", VERSION, "Location", basePath + upload.id()), new byte[0]);
    }

    /** tus 1.0.0 HEAD: the offset, the length, the metadata, and never from a cache. */
    private void head(Request request, StoredUpload upload) throws IOException {
        HttpHeaders.Builder headers = HttpHeaders.builder()
                .add("Tus-Resumable", VERSION)
                .add("Upload-Offset", Long.toString(upload.offset()))
                .add("Upload-Length", Long.toString(upload.length()))
                .add("Cache-Control", "no-store");
        if (!upload.metadata().isEmpty()) {
            headers.add("Upload-Metadata", upload.metadata().header());
        }
        request.respond(200, headers.build(), new byte[0]);
    }

    /** tus 1.0.0 PATCH, with the Checksum extension. */
    private void patch(Request request, StoredUpload upload) throws IOException {
        HttpHeaders headers = request.headers();
        String type = headers.get("Content-Type");
        if (type == null || !TusHeaders.mediaType(type).equals(OFFSET_OCTET_STREAM)) {
            throw new TusException(415, "Content-Type must be " + OFFSET_OCTET_STREAM);
        }
        String offsetText = TusHeaders.single(headers, "Upload-Offset");
        if (offsetText == null) {
            throw new TusException(400, "Upload-Offset is required");
        }
        long offset = TusHeaders.nonNegative("Upload-Offset", offsetText);
        Checksum checksum = TusHeaders.checksum(headers);
        if (!store.tryLock(upload.id())) {
            throw new TusException(LOCKED, "another request to this upload is under way");
        }
        long stored;
        try {
            stored = patchLocked(request, upload, offset, checksum);
        } finally {
            store.unlock(upload.id());
        }
        // Unlocked before answering: the client sends its next PATCH as soon as it reads the 204,
        // and must not find this one still holding the upload.
        if (stored == upload.length() && stored > offset) {
            complete(upload);
        }
        request.respond(204, HttpHeaders.of("Tus-Resumable", VERSION, "Upload-Offset", Long.toString(stored)),
                new byte[0]);
    }

    /** Appends the body at {@code offset}; the new offset, or a {@link TusException} to answer. */
    private long patchLocked(Request request, StoredUpload upload, long offset, Checksum checksum)
            throws IOException {
        long current = upload.offset();
        if (offset != current) {
            throw new TusException(409, "Upload-Offset is " + offset + " but the upload is at " + current);
        }
        String contentLength = request.headers().get("Content-Length");
        if (contentLength != null && Long.parseLong(contentLength.strip()) > upload.length() - offset) {
            throw new TusException(413, "the chunk would pass Upload-Length " + upload.length());
        }
        ChunkWriter.Outcome outcome;
        try {
            outcome = ChunkWriter.append(upload, offset, request.bodyStream(), checksum);
        } catch (IOException e) {
            throw interrupted(upload, offset, checksum, e);
        }
        return switch (outcome) {
            case ChunkWriter.Outcome.Stored stored -> stored.offset();
            case ChunkWriter.Outcome.TooLong tooLong -> throw new TusException(413,
                    "the chunk is longer than the " + tooLong.room() + " bytes left of Upload-Length");
            case ChunkWriter.Outcome.Mismatch mismatch -> throw new TusException(CHECKSUM_MISMATCH,
                    "Checksum Mismatch");
        };
    }

    /**
     * The body could not be read to its end: logs it, and gives what to throw. A body the server
     * refused (400, 413) is answered with that status; when the client went away (status 0), or
     * the failure is not the body's, the exception goes to the server, which has no one to answer
     * or answers 500.
     */
    private static IOException interrupted(StoredUpload upload, long offset, Checksum checksum, IOException e)
            throws IOException {
        LOG.log(System.Logger.Level.DEBUG, "tus.interrupted: {0} chunk at {1}, now at {2} ({3}): {4}",
                upload.id(), offset, upload.offset(), checksum == null ? "kept" : "checksum: discarded",
                e.toString());
        if (e instanceof RequestBodyException body && body.status() != 0) {
            throw new TusException(body.status(), body.getMessage());
        }
        return e;
    }

    /** tus 1.0.0 Termination, DELETE. */
    private void terminate(Request request, StoredUpload upload) throws IOException {
        if (!store.tryLock(upload.id())) {
            throw new TusException(LOCKED, "another request to this upload is under way");
        }
        try {
            store.delete(upload);
        } finally {
            store.unlock(upload.id());
        }
        LOG.log(System.Logger.Level.DEBUG, "tus.terminated: {0}", upload.id());
        request.respond(204, HttpHeaders.of("Tus-Resumable", VERSION), new byte[0]);
    }

    private void complete(StoredUpload upload) {
        LOG.log(System.Logger.Level.DEBUG, "tus.completed: {0} length {1}", upload.id(), upload.length());
        try {
            onComplete.accept(new CompletedUpload(upload.id(), upload.data(), upload.length(), upload.metadata()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "tus.callback.failed: onComplete of upload " + upload.id(), e);
        }
    }

    /** The id named by a path below the base path, or null when it is not a well-formed id. */
    private String uploadId(String path) {
        if (!path.startsWith(basePath)) {
            return null;
        }
        String id = path.substring(basePath.length());
        return UploadStore.isValidId(id) ? id : null;
    }

    private static void notAllowed(Request request, List<String> allowed) {
        fail(request, 405, "Method Not Allowed", "Allow", String.join(", ", allowed));
    }

    /** A text answer with {@code Tus-Resumable} and any extra fields. */
    private static void fail(Request request, int status, String message, String... extra) {
        HttpHeaders.Builder headers = HttpHeaders.builder()
                .add("Tus-Resumable", VERSION)
                .add("Content-Type", "text/plain; charset=utf-8");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            headers.add(extra[i], extra[i + 1]);
        }
        request.respond(status, headers.build(), message);
    }

    /**
     * Collects the settings of a {@link TusUploads}. Not thread-safe.
     */
    public static final class Builder {
        private Path directory;
        private String basePath = "/files/";
        private long maxSize = Long.MAX_VALUE;
        private Consumer<CompletedUpload> onComplete = upload -> { };

        private Builder() {
        }

        /**
         * Sets the directory that holds the uploads' files (created when missing). Required.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets the base path (default {@code /files/}): the creation URL, and the prefix of the
         * upload URLs.
         *
         * @param basePath an absolute path ending in {@code /}
         * @return this builder
         * @throws IllegalArgumentException if it does not start and end with {@code /}, or holds a
         *     {@code ?}, {@code #}, {@code %} or {@code @}
         */
        public Builder basePath(String basePath) {
            Objects.requireNonNull(basePath, "basePath");
            if (!basePath.startsWith("/") || !basePath.endsWith("/") || basePath.contains("//")
                    || basePath.chars().anyMatch(c -> c == '?' || c == '#' || c == '%' || c == '@' || c == '*'
                            || c <= ' ' || c >= 0x7F)) {
                throw new IllegalArgumentException("basePath must be a plain absolute path ending in /, such as"
                        + " /files/: \"" + basePath + "\"");
            }
            this.basePath = basePath;
            return this;
        }

        /**
         * Sets the largest {@code Upload-Length} accepted, announced as {@code Tus-Max-Size}
         * (default: no limit and no header).
         *
         * @param bytes the maximum, at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxSize must not be negative: " + bytes);
            }
            this.maxSize = bytes;
            return this;
        }

        /**
         * Sets what learns of each completed upload (default: nothing). It runs on the worker
         * thread of the request that stored the last byte, before that request's 204.
         *
         * @param onComplete the callback
         * @return this builder
         */
        public Builder onComplete(Consumer<CompletedUpload> onComplete) {
            this.onComplete = Objects.requireNonNull(onComplete, "onComplete");
            return this;
        }

        /**
         * Builds the handler, creating the directory when missing.
         *
         * @return the handler
         * @throws IllegalStateException if no directory was set
         * @throws java.io.UncheckedIOException if the directory cannot be created
         */
        public TusUploads build() {
            if (directory == null) {
                throw new IllegalStateException("TusUploads needs a directory(...) to store uploads in");
            }
            return new TusUploads(this);
        }
    }
}
