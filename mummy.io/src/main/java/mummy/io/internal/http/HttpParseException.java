package mummy.io.internal.http;

import java.io.Serial;

/**
 * A request that cannot be served: the status to answer with and a short text for the body.
 * The connection always closes after it, since the parser cannot tell where the next request
 * would start.
 *
 * <p>The message names what was wrong and never repeats the client's bytes. The exception has no
 * stack trace: it is expected input, thrown on the IO thread as often as clients send bad
 * requests, and its cause is the request, not the code path.
 *
 * <p>Threading: immutable once thrown.
 */
public final class HttpParseException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The status code to answer with, 400 to 505. */
    private final int status;

    /**
     * A parse failure.
     *
     * @param status the status code to answer with, 400 to 599
     * @param message a short text naming what was wrong, for the response body
     * @throws IllegalArgumentException if the status is not a 4xx or 5xx code
     */
    public HttpParseException(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a parse failure answers with a 4xx or 5xx status, got " + status);
        }
        this.status = status;
    }

    /**
     * The status code to answer with.
     *
     * @return 400 to 599
     */
    public int status() {
        return status;
    }

    /**
     * A 400 (Bad Request) failure, the status of every syntax error.
     *
     * @param message what was wrong
     * @return the exception, for the caller to throw
     */
    static HttpParseException badRequest(String message) {
        return new HttpParseException(400, message);
    }
}
