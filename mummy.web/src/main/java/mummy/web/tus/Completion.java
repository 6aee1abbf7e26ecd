package mummy.web.tus;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Tells the application that an upload is whole: runs the {@code onComplete} callback of
 * {@link TusUploads}, logging what it throws ({@code tus.callback.failed}) so that it does not
 * change the answer.
 *
 * <p>Threading: runs on the worker thread of the request that stored the last byte, before that
 * request's answer goes out; once per upload, as only one request stores its last byte.
 *
 * @param onComplete the application's callback
 */
record Completion(Consumer<CompletedUpload> onComplete) {

    private static final System.Logger LOG = System.getLogger("mummy.tus");

    /**
     * Checks the component.
     *
     * @throws NullPointerException if it is null
     */
    Completion {
        Objects.requireNonNull(onComplete, "onComplete");
    }

    /**
     * Announces the upload.
     *
     * @param upload the upload whose last byte is stored
     */
    void announce(StoredUpload upload) {
        LOG.log(System.Logger.Level.DEBUG, "tus.completed: {0} length {1}", upload.id(), upload.length());
        try {
            onComplete.accept(new CompletedUpload(upload.id(), upload.data(), upload.length(), upload.metadata()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "tus.callback.failed: onComplete of upload " + upload.id(), e);
        }
    }
}
