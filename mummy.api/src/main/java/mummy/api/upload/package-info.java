/**
 * Saving uploads to disk: {@link mummy.api.upload.UploadDirectory} writes a stream (a streamed
 * request body or a multipart part) to a temporary file while hashing it, then moves it into place
 * under a name made safe by {@link mummy.api.upload.FileNames}.
 */
package mummy.api.upload;
