/**
 * The user-facing API of Mummy for Java: {@link mummy.api.Request}, {@link mummy.api.HttpHeaders},
 * {@link mummy.api.Router} and the handler types, plus the Scheduler SPI in {@code mummy.api.spi}
 * through which worker-thread strategies are plugged in, and helpers for request bodies:
 * {@code mummy.api.multipart} (streaming and buffered multipart/form-data) and
 * {@code mummy.api.upload} (saving uploads to disk).
 *
 * <p>This module depends on {@code java.base} only; the server itself lives in {@code mummy.io}.
 */
module mummy.api {
    exports mummy.api;
    exports mummy.api.spi;
    exports mummy.api.multipart;
    exports mummy.api.upload;
}
