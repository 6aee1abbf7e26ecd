package mummy.api;

/**
 * What a request was answered with, as {@link Request#response()} reports it to filters and
 * logs: the kind of answer, its status and the length of its body.
 *
 * @param kind how the request was answered
 * @param status the final status (101 for a WebSocket), 0 while unanswered or when unknown
 * @param bodyLength the body's length in bytes before any compression, as the handler gave it or
 *     as the file's part sent; -1 when not known when the answer started (streams, event streams,
 *     WebSockets) or unknown
 */
public record ResponseInfo(Kind kind, int status, long bodyLength) {

    /** Not answered yet. */
    public static final ResponseInfo NONE = new ResponseInfo(Kind.NONE, 0, -1);

    /** Answered, by a {@link Request} that does not report how. */
    public static final ResponseInfo UNKNOWN = new ResponseInfo(Kind.UNKNOWN, 0, -1);

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code kind} is null
     * @throws IllegalArgumentException if the status or length is negative (length -1 excepted)
     */
    public ResponseInfo {
        java.util.Objects.requireNonNull(kind, "kind");
        if (status < 0 || bodyLength < -1) {
            throw new IllegalArgumentException("status " + status + " and body length " + bodyLength
                    + " must not be negative (-1 for an unknown length)");
        }
    }

    /** {@return whether the request was answered} */
    public boolean isAnswered() {
        return kind != Kind.NONE;
    }

    /** How a request was answered. */
    public enum Kind {
        /** Not answered yet. */
        NONE,
        /** A whole response, {@code respond} or {@code respondJson}. */
        BODY,
        /** A file, {@code respondFile}: the status may be 200, 206, 304, 404, 412 or 416. */
        FILE,
        /** A streamed response or an event stream: the body is still being written. */
        STREAM,
        /** Upgraded to a WebSocket (101). */
        WEBSOCKET,
        /** Answered, but the {@link Request} implementation does not say how. */
        UNKNOWN
    }
}
