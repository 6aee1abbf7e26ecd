/**
 * The user-facing API of Mummy for Java: {@link mummy.api.Request}, {@link mummy.api.HttpHeaders},
 * {@link mummy.api.Router} and the handler types, plus the Scheduler SPI in {@link mummy.api.spi}
 * through which worker-thread strategies are plugged in.
 *
 * <p>This module depends on {@code java.base} only; the server itself lives in {@code mummy.io},
 * and optional helpers built on this API (static files, multipart, uploads, tus) in
 * {@code mummy.web}.
 */
// "module": mummy.io, the target of the qualified export, is not observable when this module is
// compiled on its own (it is built after this one).
@SuppressWarnings("module")
module mummy.api {
    exports mummy.api;
    exports mummy.api.spi;
    // Not for applications: the server's fast path around field checks it has made itself.
    exports mummy.api.internal to mummy.io;
}
