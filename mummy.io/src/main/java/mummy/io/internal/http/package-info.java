/**
 * HTTP/1.1 request parsing for the IO thread: {@link mummy.io.internal.http.HttpRequestParser}
 * turns bytes into {@link mummy.io.internal.http.ParsedRequest}s, with no IO and no blocking.
 *
 * <p>Buffer ownership: the caller owns the read buffer. The parser copies out what it keeps
 * (strings for the head, the body into the request's own array) and remembers only its state and
 * how far it has searched the unfinished line, which the caller presents again. Body bytes are
 * consumed as they arrive, so the caller never keeps more than one unfinished line.
 *
 * <p>Grammar and checks, each class citing its RFC sections next to its checks:
 * <ul>
 * <li>{@link mummy.io.internal.http.RequestLine}: method, version (RFC 9112 sections 2.3, 3);
 * <li>{@link mummy.io.internal.http.RequestTarget} and {@link mummy.io.internal.http.Authority}:
 *     the target forms and the path's percent-decoding (RFC 9112 section 3.2, RFC 3986);
 * <li>{@link mummy.io.internal.http.FieldSection}: header and trailer field lines (RFC 9112
 *     section 5, RFC 9110 section 5);
 * <li>{@link mummy.io.internal.http.HeadSemantics}: Host, body framing, persistence and Expect
 *     (RFC 9112 sections 3.2, 6, 9.3, RFC 9110 section 10.1.1);
 * <li>{@link mummy.io.internal.http.ChunkSizeLine}: chunk sizes and extensions (RFC 9112 section 7.1).
 * </ul>
 *
 * <p>Failures are {@link mummy.io.internal.http.HttpParseException}s carrying the status to answer
 * with: 400 for malformed input, 413/414/431 for passed {@link mummy.io.internal.http.HttpLimits},
 * 417 for an unsupported expectation, 501 for CONNECT and transfer codings other than chunked,
 * 505 for a major version other than 1. The connection closes after any of them.
 *
 * <p>Threading: everything here runs on the IO thread; the parser is confined to its connection,
 * the value types are immutable and may be handed to workers.
 */
package mummy.io.internal.http;
