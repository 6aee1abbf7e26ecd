package mummy.api;

/**
 * Handles one HTTP request by calling one of the request's {@code respond} methods (or upgrading
 * it to a WebSocket). Runs on a worker thread of the server's scheduler and may block.
 *
 * <p>A handler that returns without responding gets a 500 and a warning in the log; an exception
 * escaping it gets a 500 and is logged once with its stack.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Handles the request.
     *
     * @param request the request, with its body already read
     * @throws Exception anything; the server answers 500 if no response was sent yet
     */
    void handle(Request request) throws Exception;
}
