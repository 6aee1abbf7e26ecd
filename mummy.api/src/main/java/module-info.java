/**
 * The user-facing API of Mummy for Java: {@link mummy.api.Request}, {@link mummy.api.HttpHeaders},
 * {@link mummy.api.Router} and the handler types, plus the Scheduler SPI in {@code mummy.api.spi}
 * through which worker-thread strategies are plugged in.
 *
 * <p>This module depends on {@code java.base} only; the server itself lives in {@code mummy.io},
 * and optional helpers built on this API (static files, multipart, uploads, tus) in
 * {@code mummy.web}.
 */
module mummy.api {
    exports mummy.api;
    exports mummy.api.spi;
}
