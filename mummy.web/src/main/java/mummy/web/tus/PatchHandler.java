package mummy.web.tus;

import java.io.IOException;
import java.time.Instant;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import mummy.api.RequestBodyException;

/**
 * tus 1.0.0 {@code PATCH}, with the Checksum and Expiration extensions: appends the body at the
 * upload's offset through {@link ChunkWriter}, under the upload's lock, and answers 204 with the
 * new {@code Upload-Offset} and, while the upload is unfinished, its renewed
 * {@code Upload-Expires}. Every PATCH that gets the lock renews the expiry, whatever it answers:
 * its client is still at work. Refusals: 415, 400, 409, 413, 423, 460, as {@link TusUploads}
 * lists them.
 *
 * <p>Threading: immutable; called by any number of workers at once, one PATCH per upload at a
 * time (the others get 423).
 */
final class PatchHandler {

    private static final System.Logger LOG = System.getLogger("mummy.tus");
    private static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    /** tus 1.0.0, Checksum: "460 Checksum Mismatch". */
    private static final int CHECKSUM_MISMATCH = 460;

    private final UploadStore store;
    private final UnfinishedUploads unfinished;
    private final Completion completion;

    /**
     * A handler of PATCH requests.
     *
     * @param store the uploads' files and locks
     * @param unfinished the expiry to renew
     * @param completion what learns of an upload whose last byte is stored
     */
    PatchHandler(UploadStore store, UnfinishedUploads unfinished, Completion completion) {
        this.store = store;
        this.unfinished = unfinished;
        this.completion = completion;
    }

    /**
     * Answers a PATCH of {@code upload}.
     *
     * @param request the request, its body streamed
     * @param upload the upload it names
     * @throws TusException for a refusal to answer
     * @throws IOException when the storage fails, or the client went away (what arrived is kept
     *     unless a checksum was sent)
     */
    void patch(Request request, StoredUpload upload) throws IOException {
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
            throw new TusException(TusRequests.LOCKED, "another request to this upload is under way");
        }
        long stored;
        Instant expires;
        try {
            stored = patchLocked(request, upload, offset, checksum);
            if (stored == upload.length()) {
                unfinished.finished(upload.id());
                expires = null;
            } else {
                expires = unfinished.renew(upload.id());
            }
        } catch (IOException | RuntimeException e) {
            unfinished.renew(upload.id());
            throw e;
        } finally {
            store.unlock(upload.id());
        }
        // Unlocked before answering: the client sends its next PATCH as soon as it reads the 204,
        // and must not find this one still holding the upload.
        if (stored == upload.length() && stored > offset) {
            completion.announce(upload);
        }
        HttpHeaders.Builder answer = HttpHeaders.builder()
                .add("Tus-Resumable", TusUploads.VERSION)
                .add("Upload-Offset", Long.toString(stored));
        request.respond(204, TusResponses.uploadExpires(answer, expires).build(), new byte[0]);
    }

    /** Appends the body at {@code offset}; the new offset, or a {@link TusException} to answer. */
    private static long patchLocked(Request request, StoredUpload upload, long offset, Checksum checksum)
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
}
