package mummy.web.tus;

import java.io.IOException;
import java.time.Instant;
import mummy.api.HttpHeaders;
import mummy.api.Request;

/**
 * tus 1.0.0 Creation: a {@code POST} to the base path makes an empty upload and answers 201 with
 * its {@code Location} and, unless it is empty and so already complete, its
 * {@code Upload-Expires}. Refused, with nothing created:
 * <ul>
 *   <li>400 without {@code Upload-Length}, with {@code Upload-Defer-Length} (no
 *       {@code creation-defer-length}), with malformed {@code Upload-Metadata}, or with a body
 *       (no {@code creation-with-upload});
 *   <li>413 when {@code Upload-Length} is over {@code maxSize}, as tus 1.0.0 asks ("the Server
 *       MUST respond with the 413 Request Entity Too Large status") and as {@code Tus-Max-Size}
 *       announces;
 *   <li>503 Service Unavailable with {@code Retry-After: 60} when {@code maxUploads} unfinished
 *       uploads are stored, after a sweep of the expired ones ({@link UnfinishedUploads#reserve}).
 *       503 because the condition is the server's and passes by itself as uploads complete or
 *       expire (RFC 9110 section 15.6.4: "a temporary overload ... which will likely be
 *       alleviated after some delay"), every HTTP client knows it, and tus clients retry a 5xx;
 *       not 507 Insufficient Storage (RFC 4918 section 11.5), which WebDAV defines for a
 *       representation the server has no room for, while a creation carries none and the disk
 *       may well have room; not 429 Too Many Requests (RFC 6585 section 4), which is about one
 *       client's rate, while the limit is shared by all clients.
 * </ul>
 *
 * <p>Threading: immutable; called by any number of workers at once.
 */
final class CreationHandler {

    private static final System.Logger LOG = System.getLogger("mummy.tus");
    /** Seconds a refused creation is told to wait; a hint, as slots free whenever uploads end. */
    private static final String RETRY_AFTER_SECONDS = "60";

    private final UploadStore store;
    private final UnfinishedUploads unfinished;
    private final long maxSize;
    private final String basePath;
    private final Completion completion;

    /**
     * A handler of creations.
     *
     * @param store the uploads' files
     * @param unfinished the count and expiry of unfinished uploads
     * @param maxSize the largest {@code Upload-Length} accepted
     * @param basePath the base path, which the {@code Location} starts with
     * @param completion what learns of an upload created empty, and so complete
     */
    CreationHandler(UploadStore store, UnfinishedUploads unfinished, long maxSize, String basePath,
            Completion completion) {
        this.store = store;
        this.unfinished = unfinished;
        this.maxSize = maxSize;
        this.basePath = basePath;
        this.completion = completion;
    }

    /**
     * Answers a creation request.
     *
     * @param request the {@code POST}
     * @throws TusException for a refusal to answer
     * @throws IOException if the body cannot be read or the files cannot be written
     */
    void create(Request request) throws IOException {
        HttpHeaders headers = request.headers();
        long length = length(headers);
        UploadMetadata metadata = metadata(headers);
        if (request.bodyStream().read() != -1) {
            throw new TusException(400, "a creation request has no body here (no creation-with-upload)");
        }
        if (!unfinished.reserve()) {
            LOG.log(System.Logger.Level.DEBUG, "tus.refused: {0} unfinished uploads stored", unfinished.count());
            TusResponses.fail(request, 503, "too many unfinished uploads are stored; try again later",
                    "Retry-After", RETRY_AFTER_SECONDS);
            return;
        }
        StoredUpload upload;
        try {
            upload = store.create(length, metadata);
        } catch (IOException | RuntimeException e) {
            unfinished.cancel();
            throw e;
        }
        Instant expires = unfinished.created(upload);
        LOG.log(System.Logger.Level.DEBUG, "tus.created: {0} length {1} {2}", upload.id(), length, metadata);
        if (length == 0) {
            completion.announce(upload);
        }
        HttpHeaders.Builder answer = HttpHeaders.builder()
                .add("Tus-Resumable", TusUploads.VERSION)
                .add("Location", basePath + upload.id());
        request.respond(201, TusResponses.uploadExpires(answer, expires).build(), new byte[0]);
    }

    private long length(HttpHeaders headers) {
        if (headers.contains("Upload-Defer-Length")) {
            throw new TusException(400, "Upload-Defer-Length is not supported (no creation-defer-length);"
                    + " send Upload-Length");
        }
        String text = TusHeaders.single(headers, "Upload-Length");
        if (text == null) {
            throw new TusException(400, "Upload-Length is required");
        }
        long length = TusHeaders.nonNegative("Upload-Length", text);
        if (length > maxSize) {
            throw new TusException(413, "Upload-Length " + length + " is over Tus-Max-Size " + maxSize);
        }
        return length;
    }

    private static UploadMetadata metadata(HttpHeaders headers) {
        String text = TusHeaders.single(headers, "Upload-Metadata");
        try {
            return text == null ? UploadMetadata.empty() : UploadMetadata.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TusException(400, e.getMessage());
        }
    }
}
