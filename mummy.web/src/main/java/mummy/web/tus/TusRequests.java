package mummy.web.tus;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.api.Request;

/**
 * Sorts a tus request by URL and method, as {@link TusUploads} documents: checks
 * {@code Tus-Resumable}, finds the upload and refuses an unknown (404) or expired (410) one,
 * hands {@code POST} to the {@link CreationHandler} and {@code PATCH} to the
 * {@link PatchHandler}, and answers {@code OPTIONS}, {@code HEAD} and {@code DELETE} itself.
 * Every request, once answered, gives the {@link UnfinishedUploads} the chance of a sweep.
 *
 * <p>Threading: immutable; called by any number of workers at once.
 */
final class TusRequests {

    /** RFC 4918 section 11.3; tus clients retry it. */
    static final int LOCKED = 423;

    private static final System.Logger LOG = System.getLogger("mummy.tus");
    private static final List<String> COLLECTION_METHODS = List.of("POST", "OPTIONS");
    private static final List<String> UPLOAD_METHODS = List.of("HEAD", "PATCH", "DELETE", "OPTIONS");

    private final String basePath;
    private final long maxSize;
    private final UploadStore store;
    private final UnfinishedUploads unfinished;
    private final CreationHandler creation;
    private final PatchHandler patching;

    /**
     * The requests to one handler.
     *
     * @param basePath the base path, ending in {@code /}
     * @param maxSize the largest {@code Upload-Length}, announced as {@code Tus-Max-Size}
     * @param store the uploads' files
     * @param unfinished the count and expiry of unfinished uploads
     * @param completion what learns of each completed upload
     */
    TusRequests(String basePath, long maxSize, UploadStore store, UnfinishedUploads unfinished,
            Completion completion) {
        this.basePath = basePath;
        this.maxSize = maxSize;
        this.store = store;
        this.unfinished = unfinished;
        this.creation = new CreationHandler(store, unfinished, maxSize, basePath, completion);
        this.patching = new PatchHandler(store, unfinished, completion);
    }

    /**
     * Answers a request to the base path or below it.
     *
     * @param request the request
     * @throws IOException when the storage fails, or the client went away during a PATCH
     */
    void handle(Request request) throws IOException {
        try {
            dispatch(request);
        } finally {
            // After the answer, so that a request to an expired upload is told 410 rather than
            // finding it swept.
            unfinished.sweepIfDue();
        }
    }

    private void dispatch(Request request) throws IOException {
        String path = request.path();
        boolean collection = path.equals(basePath) || path.equals(basePath.substring(0, basePath.length() - 1));
        String id = collection ? null : uploadId(path);
        if (!collection && id == null) {
            TusResponses.fail(request, 404, "no such upload");
            return;
        }
        String method = request.headers().contains("X-HTTP-Method-Override")
                ? request.headers().get("X-HTTP-Method-Override").strip() : request.method();
        try {
            if (method.equals("OPTIONS")) {
                options(request);
            } else if (!TusUploads.VERSION.equals(request.headers().get("Tus-Resumable"))) {
                // tus 1.0.0 Tus-Resumable: 412 with Tus-Version, and "MUST NOT process the request".
                TusResponses.fail(request, 412, "Tus-Resumable: " + TusUploads.VERSION + " is required",
                        "Tus-Version", TusUploads.VERSION);
            } else if (collection) {
                dispatchCollection(request, method);
            } else {
                dispatchUpload(request, method, id);
            }
        } catch (TusException e) {
            TusResponses.fail(request, e.status(), e.getMessage());
        } catch (NoSuchFileException e) {
            // Terminated or expired by a concurrent request after it was looked up.
            TusResponses.fail(request, 404, "no such upload");
        }
    }

    private void dispatchCollection(Request request, String method) throws IOException {
        if (method.equals("POST")) {
            creation.create(request);
        } else {
            TusResponses.notAllowed(request, COLLECTION_METHODS);
        }
    }

    private void dispatchUpload(Request request, String method, String id) throws IOException {
        if (!UPLOAD_METHODS.contains(method)) {
            TusResponses.notAllowed(request, UPLOAD_METHODS);
            return;
        }
        StoredUpload upload = store.find(id);
        if (upload == null) {
            TusResponses.fail(request, 404, "no such upload");
            return;
        }
        if (unfinished.expireIfDue(id)) {
            // tus 1.0.0 Expiration: 404 or 410 Gone, "the latter one SHOULD be used if the Server
            // is keeping track of expired uploads"; it is deleted now, and 404 from then on.
            TusResponses.fail(request, 410, "the upload expired");
            return;
        }
        switch (method) {
            case "HEAD" -> head(request, upload);
            case "PATCH" -> patching.patch(request, upload);
            default -> terminate(request, upload);
        }
    }

    /** tus 1.0.0 OPTIONS; Checksum: {@code Tus-Checksum-Algorithm} "MUST be included". */
    private void options(Request request) {
        TusResponses.empty(request, 204,
                "Tus-Version", TusUploads.VERSION,
                "Tus-Extension", TusUploads.EXTENSIONS,
                "Tus-Max-Size", Long.toString(maxSize),
                "Tus-Checksum-Algorithm", Checksum.Algorithm.NAMES);
    }

    /** tus 1.0.0 HEAD: the offset, the length, the metadata, the expiry, and never from a cache. */
    private void head(Request request, StoredUpload upload) throws IOException {
        HttpHeaders.Builder headers = HttpHeaders.builder()
                .add("Tus-Resumable", TusUploads.VERSION)
                .add("Upload-Offset", Long.toString(upload.offset()))
                .add("Upload-Length", Long.toString(upload.length()))
                .add("Cache-Control", "no-store");
        if (!upload.metadata().isEmpty()) {
            headers.add("Upload-Metadata", upload.metadata().header());
        }
        TusResponses.uploadExpires(headers, unfinished.expiresAt(upload.id()));
        request.respond(200, headers.build(), new byte[0]);
    }

    /** tus 1.0.0 Termination, DELETE. */
    private void terminate(Request request, StoredUpload upload) throws IOException {
        if (!store.tryLock(upload.id())) {
            throw new TusException(LOCKED, "another request to this upload is under way");
        }
        try {
            store.delete(upload);
            unfinished.finished(upload.id());
        } finally {
            store.unlock(upload.id());
        }
        LOG.log(System.Logger.Level.DEBUG, "tus.terminated: {0}", upload.id());
        TusResponses.empty(request, 204);
    }

    /** The id named by a path below the base path, or null when it is not a well-formed id. */
    private String uploadId(String path) {
        if (!path.startsWith(basePath)) {
            return null;
        }
        String id = path.substring(basePath.length());
        return UploadStore.isValidId(id) ? id : null;
    }
}
