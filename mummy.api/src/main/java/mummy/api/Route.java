package mummy.api;

import java.util.Objects;

/**
 * One registered route of a {@link Router}.
 *
 * <p>Threading: immutable.
 *
 * @param method the method token it answers, case-sensitive (RFC 9110 section 9.1)
 * @param pattern the compiled path pattern
 * @param handler what runs when both match
 * @param streaming whether the request body is streamed to the handler
 */
record Route(String method, RoutePattern pattern, RequestHandler handler, boolean streaming) {

    /** Checks that no component is null. */
    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(handler, "handler");
    }

    /** The route as {@code METHOD pattern}, for messages. */
    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
