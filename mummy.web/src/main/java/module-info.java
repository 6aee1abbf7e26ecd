/**
 * Optional helpers for web applications, built on {@code mummy.api}'s public API alone: static
 * files from a directory ({@link mummy.web.files.StaticFiles}), streamed and buffered
 * multipart/form-data ({@link mummy.web.multipart.MultipartReader},
 * {@link mummy.web.multipart.MultipartDecoder}, and a form's text fields with
 * {@link mummy.web.multipart.FormFields}), saving uploads to disk
 * ({@link mummy.web.upload.UploadDirectory}) and tus 1.0 resumable uploads
 * ({@link mummy.web.tus.TusUploads}).
 *
 * <p>They are a module of their own, not part of {@code mummy.api}, so that the core stays the API
 * and the SPI a server and its schedulers need: an application adds this module when it wants
 * these helpers. It depends on the JDK and {@code mummy.api} only, and works with any server
 * implementing that API.
 */
module mummy.web {
    // Transitive: Request, RequestHandler and HttpHeaders appear in this module's public signatures.
    requires transitive mummy.api;

    exports mummy.web.cors;
    exports mummy.web.files;
    exports mummy.web.log;
    exports mummy.web.multipart;
    exports mummy.web.tus;
    exports mummy.web.upload;
}
