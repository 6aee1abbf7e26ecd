/**
 * Reading {@code multipart/form-data} bodies (RFC 7578, framed as in RFC 2046 section 5.1):
 * {@link mummy.web.multipart.MultipartReader} streams parts one at a time from
 * {@link mummy.api.Request#bodyStream()} in bounded memory, and
 * {@link mummy.web.multipart.MultipartDecoder} splits a buffered body into parts that point into
 * it.
 *
 * <p>Decisions where the RFCs leave room or clients differ:
 * <ul>
 * <li>Lines must end with CRLF (RFC 2046 5.1.1, RFC 7578 4.1); a body written with bare LFs is
 *     rejected with 400 and a message saying so.</li>
 * <li>{@code filename*} (RFC 8187 {@code UTF-8''...}) is decoded and preferred over
 *     {@code filename}, as RFC 6266 4.3 says for recipients, although RFC 7578 4.2 tells senders
 *     not to use it.</li>
 * <li>A match of {@code --boundary} that is followed by neither "--", whitespace nor CRLF is
 *     content, not a delimiter.</li>
 * <li>Statuses: 400 malformed, 413 past a limit of {@link mummy.web.multipart.MultipartOptions}
 *     (including header size and count), 415 when the request is not {@code multipart/*}.</li>
 * </ul>
 */
package mummy.web.multipart;
