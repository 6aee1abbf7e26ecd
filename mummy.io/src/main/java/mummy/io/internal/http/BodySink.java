package mummy.io.internal.http;

import mummy.api.HttpHeaders;

/**
 * Receives the body of a streamed request from {@link HttpRequestParser}, chunked coding removed.
 *
 * <p>Threading: called on the parsing (IO) thread, during {@link HttpRequestParser#parse}.
 */
public interface BodySink {

    /**
     * Body bytes that arrived; {@code buf} is the parser's input and is reused afterwards, so the
     * sink copies what it keeps.
     *
     * @param buf the bytes
     * @param offset where they start
     * @param length how many
     */
    void bodyBytes(byte[] buf, int offset, int length);

    /**
     * The body is complete.
     *
     * @param trailers the trailer fields of a chunked body; empty if none
     */
    void bodyEnd(HttpHeaders trailers);
}
