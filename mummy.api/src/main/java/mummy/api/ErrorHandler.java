package mummy.api;

/**
 * Answers a request whose handler threw: the router's {@link Router.Builder#onError}. It runs on
 * the same worker thread, right after the handler.
 */
@FunctionalInterface
public interface ErrorHandler {

    /**
     * Handles the failure, normally by responding (for example with 500 and a page).
     *
     * @param request the request whose handler failed; it may have responded already
     * @param error what the handler threw
     * @throws Exception anything; the server then answers 500 itself if nothing was sent
     */
    void handle(Request request, Throwable error) throws Exception;
}
