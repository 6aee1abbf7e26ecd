package mummy.web.tus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Consumer;
import mummy.api.Request;
import mummy.api.RequestHandler;
import mummy.api.Router;

/**
 * Resumable uploads by the tus protocol 1.0.0 (<a href="https://tus.io/protocols/resumable-upload">
 * tus.io</a>): the core protocol and the {@code creation}, {@code termination}, {@code checksum}
 * and {@code expiration} extensions, stored in one directory on disk, with limits that hold
 * against any client.
 *
 * <pre>{@code
 * TusUploads uploads = TusUploads.builder()
 *         .directory(Path.of("uploads"))
 *         .basePath("/files/")
 *         .maxSize(100L << 20)
 *         .expireAfter(Duration.ofHours(6))
 *         .onComplete(done -> System.out.println(done.file() + " " + done.metadata().text("filename")))
 *         .build();
 * Router router = uploads.addRoutes(Router.builder()).get("/", ...).build();
 * }</pre>
 * It may also serve as a server's whole handler, as it streams the bodies of its PATCH requests
 * itself ({@link #streamsBody}).
 *
 * <p>Limits, each a {@link Builder} setting with a default:
 * <ul>
 *   <li>{@link Builder#maxSize maxSize}, {@value #DEFAULT_MAX_SIZE} bytes (1 GiB): the largest
 *       {@code Upload-Length}, announced as {@code Tus-Max-Size}; a larger one gets 413;
 *   <li>{@link Builder#maxUploads maxUploads}, {@value #DEFAULT_MAX_UPLOADS}: the most unfinished
 *       uploads stored at once; past it a creation gets 503 Service Unavailable with
 *       {@code Retry-After}: the condition is the server's, shared by all clients, and passes by
 *       itself as uploads complete or expire (not 507, which WebDAV defines for a representation
 *       that does not fit, nor 429, which is about one client's rate);
 *   <li>{@link Builder#expireAfter expireAfter}, {@link #DEFAULT_EXPIRE_AFTER} (24 hours): an
 *       unfinished upload that long without a PATCH expires, and its files are deleted.
 * </ul>
 * So what clients may store is bounded: at most {@code maxUploads × maxSize} bytes in unfinished
 * uploads, each gone {@code expireAfter} after its client stopped. Completed uploads are the
 * application's (see {@link CompletedUpload}): they are neither counted nor expired.
 *
 * <p>URLs: the base path ({@code /files/}, also without its final slash) is the creation URL;
 * each upload lives at the base path plus its id, 32 hex digits of 128 random bits. Answers:
 * <ul>
 *   <li>every response carries {@code Tus-Resumable: 1.0.0}; a request other than
 *       {@code OPTIONS} without {@code Tus-Resumable: 1.0.0} gets 412 with {@code Tus-Version} and
 *       is not processed;
 *   <li>{@code OPTIONS} (either URL): 204 with {@code Tus-Version}, {@code Tus-Extension}
 *       ({@value #EXTENSIONS}), {@code Tus-Max-Size} and
 *       {@code Tus-Checksum-Algorithm: sha1,sha256};
 *   <li>{@code POST} (creation): {@code Upload-Length} is required (no
 *       {@code creation-defer-length}; {@code Upload-Defer-Length} gets 400), over the maximum
 *       413; {@code Upload-Metadata} is checked (400 when malformed); a body gets 400 (no
 *       {@code creation-with-upload}); 503 when {@code maxUploads} unfinished uploads are stored.
 *       201 with a relative {@code Location} and {@code Upload-Expires};
 *   <li>{@code HEAD}: 200 with {@code Upload-Offset}, {@code Upload-Length},
 *       {@code Upload-Metadata} as sent at creation, {@code Upload-Expires} while unfinished,
 *       {@code Cache-Control: no-store}. During a PATCH it reports the bytes written so far; a
 *       client that PATCHes at that offset before the first one ends gets 423 and asks again;
 *   <li>{@code PATCH}: 415 unless {@code Content-Type: application/offset+octet-stream}; 409
 *       unless {@code Upload-Offset} is the current offset; 400 for a malformed or unsupported
 *       {@code Upload-Checksum}; 413 when the body would pass {@code Upload-Length} (the chunk is
 *       discarded); 460 when the checksum does not match (discarded); else 204 with the new
 *       {@code Upload-Offset} and, while the upload is unfinished, the renewed
 *       {@code Upload-Expires}. The body is streamed to disk, never held whole in memory. When the
 *       client goes away mid-body, the bytes that arrived are kept ("the Server SHOULD always
 *       attempt to store as much of the received data as possible") so the client resumes from
 *       there, unless an {@code Upload-Checksum} was sent: then they cannot be verified and are
 *       discarded. A second PATCH (or a DELETE) of an upload while one is under way gets 423
 *       Locked, which tus clients retry;
 *   <li>{@code DELETE} (termination): 204, the files are removed;
 *   <li>an expired upload: 410 Gone, and its files are deleted; an unknown upload, a terminated
 *       or swept one, or a path that is not an id: 404. Terminated uploads leave nothing behind
 *       to tell them from never-created ones, hence 404;
 *   <li>{@code X-HTTP-Method-Override} replaces the request's method, as the core protocol asks.
 * </ul>
 * {@code Upload-Expires} is an HTTP-date (IMF-fixdate, RFC 9110 section 5.6.7), rounded down to
 * the second.
 *
 * <p>State lives on disk, two files per upload (data, and a small info file written once), so
 * uploads are keyed by their URL, not by a connection: a client that reconnects, or a server that
 * restarts on the same directory, resumes where the bytes end. The count and expiry of unfinished
 * uploads are kept in memory and rebuilt from the directory when the handler is built (the data
 * file's modification time is the last activity). Expired uploads are deleted without a thread of
 * their own: by the request that finds one, and by a sweep that a request runs after its answer
 * when the last sweep is a minute old ({@code UnfinishedUploads}); there is nothing to close. When the last byte of an upload is
 * stored, the {@code onComplete} callback runs on that request's worker thread before the 204 goes
 * out; what it throws is logged ({@code tus.callback.failed}) and does not change the answer.
 *
 * <p>This class holds the settings and the public face; the requests are sorted by
 * {@code TusRequests} and answered there or by {@code CreationHandler} and {@code PatchHandler};
 * the files live in {@code UploadStore}, the header grammars in {@code UploadMetadata} and
 * {@code Checksum}.
 *
 * <p>Threading: safe for any number of worker threads at once; the only shared state is the count
 * and expiry of unfinished uploads and the per-upload locks, all in concurrent structures. Logs to
 * the {@code System.Logger} "mummy.tus": {@code tus.created}, {@code tus.completed},
 * {@code tus.interrupted}, {@code tus.terminated}, {@code tus.expired}, {@code tus.refused} (at
 * DEBUG), {@code tus.leftovers.removed} (INFO), and {@code tus.callback.failed},
 * {@code tus.expiry.failed}, {@code tus.touch.failed}, {@code tus.load.skipped} (WARNING).
 */
public final class TusUploads implements RequestHandler {

    /** The protocol version spoken, for {@code Tus-Resumable} and {@code Tus-Version}. */
    public static final String VERSION = "1.0.0";
    /** The {@code Tus-Extension} value. */
    public static final String EXTENSIONS = "creation,termination,checksum,expiration";
    /** The default {@link Builder#maxSize}: 1 GiB. */
    public static final long DEFAULT_MAX_SIZE = 1L << 30;
    /** The default {@link Builder#maxUploads}. */
    public static final int DEFAULT_MAX_UPLOADS = 1_000;
    /** The default {@link Builder#expireAfter}: 24 hours. */
    public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofHours(24);
    /** The longest {@link Builder#expireAfter} accepted: 365 days. */
    public static final Duration MAX_EXPIRE_AFTER = Duration.ofDays(365);

    private final String basePath;
    private final long maxSize;
    private final int maxUploads;
    private final Duration expireAfter;
    private final UploadStore store;
    private final UnfinishedUploads unfinished;
    private final TusRequests requests;

    private TusUploads(Builder builder) {
        this.basePath = builder.basePath;
        this.maxSize = builder.maxSize;
        this.maxUploads = builder.maxUploads;
        this.expireAfter = builder.expireAfter;
        this.store = new UploadStore(builder.directory);
        this.unfinished = new UnfinishedUploads(store, maxUploads, expireAfter, builder.clock);
        this.requests = new TusRequests(basePath, maxSize, store, unfinished, new Completion(builder.onComplete));
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
     * The largest {@code Upload-Length} accepted, announced as {@code Tus-Max-Size}.
     *
     * @return the maximum in bytes
     */
    public long maxSize() {
        return maxSize;
    }

    /**
     * The most unfinished uploads stored at once.
     *
     * @return the maximum
     */
    public int maxUploads() {
        return maxUploads;
    }

    /**
     * How long an unfinished upload may go without a PATCH before it expires.
     *
     * @return the time
     */
    public Duration expireAfter() {
        return expireAfter;
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
        requests.handle(request);
    }

    /**
     * The count and expiry of unfinished uploads, for tests in this package.
     *
     * @return the tracker
     */
    UnfinishedUploads unfinished() {
        return unfinished;
    }

    /**
     * Collects the settings of a {@link TusUploads}. Not thread-safe.
     */
    public static final class Builder {
        private Path directory;
        private String basePath = "/files/";
        private long maxSize = DEFAULT_MAX_SIZE;
        private int maxUploads = DEFAULT_MAX_UPLOADS;
        private Duration expireAfter = DEFAULT_EXPIRE_AFTER;
        private InstantSource clock = InstantSource.system();
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
         * (default {@value TusUploads#DEFAULT_MAX_SIZE} bytes, 1 GiB). A creation asking for more gets 413.
         *
         * @param bytes the maximum, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxSize must be at least 1 byte: " + bytes);
            }
            this.maxSize = bytes;
            return this;
        }

        /**
         * Sets the most unfinished uploads stored at once (default {@value TusUploads#DEFAULT_MAX_UPLOADS}):
         * with that many, a creation gets 503 with {@code Retry-After} until one completes, is
         * terminated or expires. Completed uploads do not count.
         *
         * @param count the maximum, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxUploads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxUploads must be at least 1: " + count);
            }
            this.maxUploads = count;
            return this;
        }

        /**
         * Sets how long an unfinished upload may go without a PATCH (from its creation, or the
         * end of its last PATCH) before it expires (default 24 hours): it then answers 410 Gone
         * and its files are deleted. Clients learn the time from {@code Upload-Expires}.
         *
         * @param time at least one second, at most {@link TusUploads#MAX_EXPIRE_AFTER} (365 days)
         * @return this builder
         * @throws IllegalArgumentException if shorter than a second or longer than 365 days
         */
        public Builder expireAfter(Duration time) {
            Objects.requireNonNull(time, "expireAfter");
            if (time.compareTo(Duration.ofSeconds(1)) < 0 || time.compareTo(MAX_EXPIRE_AFTER) > 0) {
                throw new IllegalArgumentException("expireAfter must be between 1 second and 365 days: " + time);
            }
            this.expireAfter = time;
            return this;
        }

        /**
         * Sets the time source for expiry (default {@link InstantSource#system()}); a
         * {@link java.time.Clock} is one. Tests pass one they move by hand.
         *
         * @param clock the time source
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
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
         * Builds the handler: creates the directory when missing, and reads the uploads already
         * in it (deleting the leftovers of a crash, and the uploads that expired meanwhile).
         *
         * @return the handler
         * @throws IllegalStateException if no directory was set
         * @throws java.io.UncheckedIOException if the directory cannot be created or read
         */
        public TusUploads build() {
            if (directory == null) {
                throw new IllegalStateException("TusUploads needs a directory(...) to store uploads in");
            }
            return new TusUploads(this);
        }
    }
}
