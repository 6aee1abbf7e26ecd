/**
 * Resumable uploads by the tus protocol 1.0.0, keyed by upload URL and stored on disk:
 * {@link mummy.web.tus.TusUploads} is the handler (or a set of routes), {@link
 * mummy.web.tus.CompletedUpload} what the application learns when an upload is whole, and
 * {@link mummy.web.tus.UploadMetadata} its {@code Upload-Metadata}.
 */
package mummy.web.tus;
