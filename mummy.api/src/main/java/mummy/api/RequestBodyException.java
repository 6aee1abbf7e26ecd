package mummy.api;

import java.io.IOException;

/**
 * Reading a streamed request body failed: the body broke the protocol, passed the server's limit,
 * or the client went away before its end. {@link #status()} is the answer the server gives when
 * this exception escapes the handler (400, 413, or 0 when the client is gone and no answer can
 * reach it); a handler may also catch it and answer itself.
 */
public final class RequestBodyException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status to answer with, or 0 when the client cannot be answered. */
    private final int status;

    /**
     * An exception with the status the request deserves.
     *
     * @param status the HTTP status to answer with, or 0 when the client cannot be answered
     * @param message what went wrong
     */
    public RequestBodyException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * The status the request deserves: 400 for a malformed body, 413 for one past the limit, 0
     * when the client went away.
     *
     * @return the status, or 0
     */
    public int status() {
        return status;
    }
}
