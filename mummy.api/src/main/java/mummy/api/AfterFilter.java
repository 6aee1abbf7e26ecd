package mummy.api;

import java.time.Duration;

/**
 * Code that runs after a request's handler (and its {@code onError} handler, if it threw) has
 * answered, and sees what the answer was: what an access log needs. Registered with
 * {@link Router.Builder#after(AfterFilter)}; after-filters run for every request the router
 * gets, answered by a route, by a before-filter, or by the not-found, method-not-allowed or
 * {@code OPTIONS} answers, in the order they were added.
 *
 * <p>An exception thrown here is not sent anywhere (the answer is out already): it propagates
 * to the server, which logs it; the remaining after-filters still run.
 *
 * <p>Threading: runs on the worker thread of the request; one filter serves every worker at once.
 */
@FunctionalInterface
public interface AfterFilter {

    /**
     * Runs after the request was answered.
     *
     * @param request the request, with the path parameters of the matched route
     * @param response what was sent: status, body length, kind ({@link Request#response()})
     * @param elapsed from when the router got the request to now
     * @throws Exception anything; logged by the server
     */
    void after(Request request, ResponseInfo response, Duration elapsed) throws Exception;
}
