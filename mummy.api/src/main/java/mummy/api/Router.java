package mummy.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Dispatches requests to handlers by method and path, with Mummy's pattern syntax:
 * <ul>
 *   <li>literal segments: {@code /users/list};
 *   <li>{@code @name}: one non-empty segment, percent-decoded, read with
 *       {@code request.pathParams().get("name")};
 *   <li>{@code *}: exactly one non-empty segment;
 *   <li>wildcards inside one segment: {@code *.json}, {@code page_*}, {@code a*b}, each star
 *       standing for at least one character;
 *   <li>{@code **}: one or more whole segments (not only empty ones), possibly followed by more
 *       parts, as in {@code /static/**}{@code /index.html};
 *   <li>the pattern {@code *} alone matches only the asterisk-form target of {@code OPTIONS *}.
 * </ul>
 * A pattern must consume the whole path: no segment may be left over and no part of the pattern
 * may be left unused. The path is split on {@code /} before each segment is decoded, so
 * {@code %2F} never creates a segment; a trailing slash counts ({@code /a/} does not match
 * {@code /a}); the query is ignored. Method tokens are case-sensitive.
 *
 * <p>Routes are tried in registration order and the first whose method and pattern match wins.
 * A {@code HEAD} request with no matching {@code HEAD} route is served by the first matching
 * {@code GET} route (the server drops the body). When no route matches the path, the
 * {@link Builder#notFound notFound} handler runs (default: 404 "Not Found"); when routes match the
 * path but none for this method, the {@link Builder#methodNotAllowed methodNotAllowed} handler runs
 * (default: 405 "Method Not Allowed" with {@code Allow}, RFC 9110 section 15.5.6).
 *
 * <p>Errors: an {@link Exception} thrown by any of those handlers goes to the
 * {@link Builder#onError onError} handler, with the request that handler was given. Without an
 * {@code onError} handler, or when it
 * throws too, the original exception propagates out of {@link #handle} (with the error handler's
 * exception attached as suppressed) and the server answers 500 and logs it. {@link Error}s
 * ({@code OutOfMemoryError}, {@code StackOverflowError}, ...) are never caught: they propagate as
 * they are.
 *
 * <p>Patterns are compiled when registered, so a bad pattern fails at once with an
 * {@link IllegalArgumentException} naming it; matching costs no regular expressions.
 *
 * <p>Threading: immutable; one router serves every worker thread at once.
 */
public final class Router implements RequestHandler {

    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    private static final RequestHandler DEFAULT_NOT_FOUND = request -> request.respond(404, "Not Found");
    private static final MethodNotAllowedHandler DEFAULT_METHOD_NOT_ALLOWED = (request, allowed) ->
            request.respond(405, HttpHeaders.of("Content-Type", TEXT_PLAIN, "Allow", String.join(", ", allowed)),
                    "Method Not Allowed");

    private final List<Route> routes;
    private final RequestHandler notFound;
    private final MethodNotAllowedHandler methodNotAllowed;
    private final ErrorHandler onError;
    /** The methods of streaming routes: for others {@link #streamsBody} answers without matching. */
    private final Set<String> streamingMethods;

    private Router(Builder builder) {
        this.routes = List.copyOf(builder.routes);
        this.streamingMethods = routes.stream().filter(Route::streaming).map(Route::method)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.notFound = builder.notFound;
        this.methodNotAllowed = builder.methodNotAllowed;
        this.onError = builder.onError;
    }

    /**
     * A builder with no routes and the default not-found and method-not-allowed answers.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Routes the request to the first matching route, or to the not-found or
     * method-not-allowed handler.
     *
     * @param request the request
     * @throws Exception what a handler threw, when there is no {@code onError} handler or it threw
     */
    @Override
    public void handle(Request request) throws Exception {
        RequestPath path = RequestPath.of(request.target());
        Match match = find(request.method(), path);
        if (match != null) {
            request.routeMatched(match.route().pattern().toString()); // http.route, for the metrics
            Request routed = new RoutedRequest(request, match.pathParams());
            guarded(routed, () -> match.route().handler().handle(routed));
            return;
        }
        Set<String> allowed = allowedMethods(path);
        if (allowed.isEmpty()) {
            guarded(request, () -> notFound.handle(request));
        } else {
            guarded(request, () -> methodNotAllowed.handle(request, allowed));
        }
    }

    /**
     * Whether the route that would handle this request was marked {@link Builder#streaming()};
     * false when no route matches or the target is not a path.
     *
     * @param method the method token
     * @param target the request-target as sent
     * @return true to stream the body to the route's handler
     */
    @Override
    public boolean streamsBody(String method, String target) {
        if (!streamingMethods.contains(method) || target.isEmpty() || target.charAt(0) != '/') {
            return false;
        }
        Match match = find(method, RequestPath.of(target));
        return match != null && match.route().streaming();
    }

    /** The first route for {@code method} matching {@code path}; for HEAD, else the first GET one. */
    private Match find(String method, RequestPath path) {
        boolean head = method.equals("HEAD");
        Match getForHead = null;
        for (Route route : routes) {
            boolean exact = route.method().equals(method);
            if (!exact && !(head && getForHead == null && route.method().equals("GET"))) {
                continue;
            }
            Parameters params = route.pattern().match(path);
            if (params != null) {
                if (exact) {
                    return new Match(route, params);
                }
                getForHead = new Match(route, params);
            }
        }
        return getForHead;
    }

    /** The methods with a route matching {@code path}, in order, HEAD right after GET. */
    private Set<String> allowedMethods(RequestPath path) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (!allowed.contains(route.method()) && route.pattern().match(path) != null) {
                allowed.add(route.method());
                if (route.method().equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        return Collections.unmodifiableSet(allowed);
    }

    /** Runs {@code action}, handing an exception to {@code onError} when there is one. */
    private void guarded(Request request, Action action) throws Exception {
        try {
            action.run();
        } catch (Exception failure) {
            if (onError == null) {
                throw failure;
            }
            try {
                onError.handle(request, failure);
            } catch (Exception errorHandlerFailure) {
                if (errorHandlerFailure != failure) {
                    failure.addSuppressed(errorHandlerFailure);
                }
                throw failure;
            }
        }
    }

    /** The routes in order, as {@code Router[GET /a, POST /b]}. */
    @Override
    public String toString() {
        return "Router" + routes;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private record Match(Route route, Parameters pathParams) {
    }

    /**
     * Collects routes and the fallback handlers of a {@link Router}. Patterns are compiled and
     * checked as they are added. Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private RequestHandler notFound = DEFAULT_NOT_FOUND;
        private MethodNotAllowedHandler methodNotAllowed = DEFAULT_METHOD_NOT_ALLOWED;
        private ErrorHandler onError;

        private Builder() {
        }

        /**
         * Adds a route for {@code GET} (which also answers {@code HEAD} when no {@code HEAD} route
         * matches).
         *
         * @param pattern the path pattern, see {@link Router}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid or already registered for GET
         */
        public Builder get(String pattern, RequestHandler handler) {
            return route("GET", pattern, handler);
        }

        /**
         * Adds a route for {@code HEAD}, preferred to any {@code GET} route for HEAD requests.
         *
         * @param pattern the path pattern, see {@link Router}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid or already registered for HEAD
         */
        public Builder head(String pattern, RequestHandler handler) {
            return route("HEAD", pattern, handler);
        }

        /**
         * Adds a route for {@code POST}.
         *
         * @param pattern the path pattern, see {@link Router}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid or already registered for POST
         */
        public Builder post(String pattern, RequestHandler handler) {
            return route("POST", pattern, handler);
        }

        /**
         * Adds a route for {@code PUT}.
         *
         * @param pattern the path pattern, see {@link Router}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid or already registered for PUT
         */
        public Builder put(String pattern, RequestHandler handler) {
            return route("PUT", pattern, handler);
        }

        /**
         * Adds a route for {@code DELETE}.
         *
         * @param pattern the path pattern, see {@link Router}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid or already registered for DELETE
         */
        public Builder delete(String pattern, RequestHandler handler) {
            return route("DELETE", pattern, handler);
        }

        /**
         * Adds a route for {@code PATCH}.
         *
         * @param pattern the path pattern, see {@link Router}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid or already registered for PATCH
         */
        public Builder patch(String pattern, RequestHandler handler) {
            return route("PATCH", pattern, handler);
        }

        /**
         * Adds a route for {@code OPTIONS}; the pattern {@code *} answers {@code OPTIONS *}.
         *
         * @param pattern the path pattern, see {@link Router}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid or already registered for OPTIONS
         */
        public Builder options(String pattern, RequestHandler handler) {
            return route("OPTIONS", pattern, handler);
        }

        /**
         * Adds a route for any method, matched case-sensitively.
         *
         * @param method the method token (RFC 9110 section 9.1), such as {@code PROPFIND}
         * @param pattern the path pattern, see {@link Router}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the method is not a token, the pattern is invalid, or
         *     the same method and pattern are already registered (the second could never match)
         */
        public Builder route(String method, String pattern, RequestHandler handler) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(handler, "handler");
            if (!Tokens.isToken(method)) {
                throw new IllegalArgumentException("not a valid method token (RFC 9110 9.1): \"" + method
                        + "\" for route pattern \"" + pattern + "\"");
            }
            Route route = new Route(method, RoutePattern.compile(pattern), handler, false);
            for (Route earlier : routes) {
                if (earlier.method().equals(method) && earlier.pattern().toString().equals(pattern)) {
                    throw new IllegalArgumentException("route " + route + " is already registered;"
                            + " the second one could never match");
                }
            }
            routes.add(route);
            return this;
        }

        /**
         * Marks the route added last as streaming: its handler reads request bodies as they
         * arrive, through {@link Request#bodyStream()}, instead of receiving them whole, as in
         * {@code router.post("/upload", handler).streaming()}.
         *
         * @return this builder
         * @throws IllegalStateException if no route was added yet
         */
        public Builder streaming() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("streaming() marks the route added last, and there is none yet");
            }
            Route last = routes.removeLast();
            routes.add(new Route(last.method(), last.pattern(), last.handler(), true));
            return this;
        }

        /**
         * Sets what answers requests whose path matches no route (default: 404 "Not Found").
         *
         * @param handler the handler; it sees empty {@link Request#pathParams()}
         * @return this builder
         */
        public Builder notFound(RequestHandler handler) {
            this.notFound = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets what answers requests whose path matches routes for other methods only (default:
         * 405 "Method Not Allowed" with an {@code Allow} header).
         *
         * @param handler the handler, given the allowed methods
         * @return this builder
         */
        public Builder methodNotAllowed(MethodNotAllowedHandler handler) {
            this.methodNotAllowed = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets what answers when a route, not-found or method-not-allowed handler throws an
         * {@link Exception} (default: none, the exception propagates and the server answers 500).
         *
         * @param handler the error handler
         * @return this builder
         */
        public Builder onError(ErrorHandler handler) {
            this.onError = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * The router with the routes added so far, in order.
         *
         * @return a new, immutable router
         */
        public Router build() {
            return new Router(this);
        }
    }
}
