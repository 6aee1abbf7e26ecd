/**
 * The user-facing API of Mummy for Java: {@link mummy.api.Request}, {@link mummy.api.HttpHeaders},
 * {@link mummy.api.Router} and the handler types, plus the Scheduler SPI in {@code mummy.api.spi}
 * through which worker-thread strategies are plugged in, and helpers built on them: a static-files
 * handler in {@code mummy.api.files}, streaming and buffered multipart/form-data in
 * {@code mummy.api.multipart}, saving uploads to disk in {@code mummy.api.upload}, and resumable
 * uploads by the tus protocol in {@code mummy.api.tus} ({@link mummy.api.tus.TusUploads}).
 *
 * <p>This module depends on {@code java.base} only; the server itself lives in {@code mummy.io}.
 */
module mummy.api {
    exports mummy.api;
    exports mummy.api.files;
    exports mummy.api.multipart;
    exports mummy.api.spi;
    exports mummy.api.tus;
    exports mummy.api.upload;
}
