package mummy.api;

/**
 * Code that runs around a request's handler, as in
 * {@code router.filter((request, chain) -> { long start = System.nanoTime(); chain.proceed(); ... })}:
 * it may answer the request itself and not proceed (an authentication check), add fields to
 * whatever response is sent ({@link Request#addResponseHeader}), or time and log the rest of the
 * chain. See {@link Router} for the order in which filters run.
 *
 * <p>A filter runs on the worker thread that runs the handler, before the body is read: a
 * streamed body is still unread when it runs, and {@code Expect: 100-continue} is answered only
 * once something reads the body, so a filter that rejects a request spares the client from
 * sending the body at all.
 *
 * <p>Threading: one filter serves every worker thread at once; keep it stateless or thread-safe.
 */
@FunctionalInterface
public interface Filter {

    /**
     * Runs the filter for one request.
     *
     * @param request the request, with the path parameters of the matched route
     * @param chain the rest of the filters and the handler; call {@link Chain#proceed()} at most
     *     once, or not at all to stop here (then answer the request)
     * @throws Exception anything; it goes to the router's {@code onError} handler
     */
    void filter(Request request, Chain chain) throws Exception;

    /** The rest of the chain: the filters after this one and the handler. */
    @FunctionalInterface
    interface Chain {

        /**
         * Runs the rest of the chain and returns when the handler has returned.
         *
         * @throws Exception what the rest of the chain threw
         * @throws IllegalStateException if called a second time for the same request
         */
        void proceed() throws Exception;
    }
}
