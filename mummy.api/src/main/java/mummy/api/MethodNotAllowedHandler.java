package mummy.api;

import java.util.Set;

/**
 * Answers a request whose path matches a route of the {@link Router}, but not for the request's
 * method: the router's {@link Router.Builder#methodNotAllowed}. Runs on the worker thread handling
 * the request.
 *
 * <p>A handler should respond 405 with an {@code Allow} header listing {@code allowedMethods}
 * (RFC 9110 section 15.5.6); the router's default does exactly that with a plain-text body.
 */
@FunctionalInterface
public interface MethodNotAllowedHandler {

    /**
     * Handles the request.
     *
     * @param request the request, as the router received it
     * @param allowedMethods the methods that have a route for this path, in registration order,
     *     with {@code HEAD} right after {@code GET}; unmodifiable and never empty
     * @throws Exception anything; it goes to the router's {@link Router.Builder#onError} handler if
     *     there is one
     */
    void handle(Request request, Set<String> allowedMethods) throws Exception;
}
