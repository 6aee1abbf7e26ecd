package mummy.api;

/**
 * Handles one HTTP request by calling one of the request's {@link Request#respond respond}
 * methods (or upgrading it to a WebSocket). Runs on a worker thread of the server's scheduler and
 * may block.
 *
 * <p>A handler that returns without responding gets a 500 and a warning in the log; an exception
 * escaping it gets a 500 and is logged once with its stack.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Handles the request.
     *
     * @param request the request; its body is read already, unless {@link #streamsBody} asked for
     *     it as a stream, which {@link Request#bodyStream()} then reads as it arrives
     * @throws Exception anything; the server answers 500 if no response was sent yet
     */
    void handle(Request request) throws Exception;

    /**
     * Whether this handler reads the body of a request with the given method and target as a
     * stream ({@link Request#bodyStream()}) instead of receiving it whole. Called by the IO thread
     * as soon as a request's head is parsed, so it must be quick and must not block; the default
     * says no for every request. Streamed bodies are not limited by the server's
     * {@code maxBodyLength} but by its {@code maxStreamedBodyLength} (unlimited by default).
     *
     * @param method the method token
     * @param target the request-target as sent
     * @return true to stream the body to the handler
     * @see Router.Builder#streaming()
     */
    default boolean streamsBody(String method, String target) {
        return false;
    }

    /**
     * A handler that streams the body of every request to {@code handler}.
     *
     * @param handler what handles the requests
     * @return a handler whose {@link #streamsBody} is always true
     */
    static RequestHandler streaming(RequestHandler handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        return new RequestHandler() {
            @Override
            public void handle(Request request) throws Exception {
                handler.handle(request);
            }

            @Override
            public boolean streamsBody(String method, String target) {
                return true;
            }

            @Override
            public String toString() {
                return "streaming(" + handler + ")";
            }
        };
    }
}
