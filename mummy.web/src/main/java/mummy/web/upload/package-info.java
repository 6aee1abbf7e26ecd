/**
 * Saving uploads to disk: {@link mummy.web.upload.UploadDirectory} writes a stream (a streamed
 * request body or a multipart part) to a temporary file while hashing it, then moves it into place
 * under a name made safe by {@link mummy.web.upload.FileNames}.
 */
package mummy.web.upload;
