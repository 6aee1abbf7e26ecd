package mummy.api;

/**
 * A request body that is not JSON, or not JSON of the shape asked for: thrown by
 * {@link Request#bodyAs(Class)} (from the {@link mummy.api.spi.JsonCodec}). When it escapes a
 * handler the server answers {@code 400 Bad Request} with {@link #getMessage()} as a
 * {@code text/plain} body, so the message must be short and safe to show to a client: where the
 * JSON broke and why, no stack trace, no Java class names. A handler may also catch it and answer
 * itself:
 *
 * <pre>{@code
 * try {
 *     todo = request.bodyAs(Todo.class);
 * } catch (MalformedJsonException e) {
 *     request.respondJson(400, Map.of("error", e.getMessage()));
 *     return;
 * }
 * }</pre>
 */
public final class MalformedJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the message the client is sent.
     *
     * @param message what is wrong with the JSON, such as
     *                {@code "malformed JSON at line 1, column 9: unexpected character '}'"}
     */
    public MalformedJsonException(String message) {
        super(message);
    }

    /**
     * An exception with the message the client is sent, and the parser's exception for the log.
     *
     * @param message what is wrong with the JSON
     * @param cause the parser's own exception; never shown to the client
     */
    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The status the request deserves.
     *
     * @return 400
     */
    public int status() {
        return 400;
    }
}
