/**
 * Serving files: {@link mummy.web.files.StaticFiles}, a request handler for a directory tree that
 * requests cannot escape. The sending itself ({@code sendfile}, validators, ranges) is
 * {@link mummy.api.Request#respondFile(java.nio.file.Path, mummy.api.HttpHeaders)}.
 */
package mummy.web.files;
