/**
 * The user-facing API of Mummy for Java: {@link mummy.api.Request}, {@link mummy.api.HttpHeaders},
 * {@link mummy.api.Router} and the handler types, plus the SPIs in {@link mummy.api.spi}: the
 * Scheduler SPI through which worker-thread strategies are plugged in, and
 * {@link mummy.api.spi.JsonCodec}, through which a JSON library is (the optional module
 * {@code mummy.json.jackson} provides one).
 *
 * <p>This module depends on {@code java.base} only; the server itself lives in {@code mummy.io},
 * and optional helpers built on this API (static files, multipart, uploads, tus) in
 * {@code mummy.web}.
 *
 * @uses mummy.api.spi.JsonCodec
 */
// "module": mummy.io, the target of the qualified export, is not observable when this module is
// compiled on its own (it is built after this one).
@SuppressWarnings("module")
module mummy.api {
    exports mummy.api;
    exports mummy.api.spi;
    // Not for applications: the server's fast path around field checks it has made itself.
    exports mummy.api.internal to mummy.io;

    // Request.jsonCodec(): the codec of the module that provides one, when the server was given none.
    uses mummy.api.spi.JsonCodec;
}
