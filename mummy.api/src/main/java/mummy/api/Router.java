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
 * <p>Filters: {@link Builder#before before}-, {@link Builder#filter around}- and
 * {@link Builder#after after}-filters, for every path or for those a pattern matches, run around
 * the handlers above in a defined order (see {@link Builder#filter(Filter)}):
 * <pre>{@code
 * Router router = Router.builder()
 *         .before("/admin/**", request -> {
 *             if (!tokens.valid(request.headers().get("Authorization"))) {
 *                 request.respond(401, "sign in first");
 *             }
 *         })
 *         .after((request, response, elapsed) -> log(request, response.status(), elapsed))
 *         .get("/admin/stats", request -> request.respondJson(stats()))
 *         .webSocket("/rooms/@room", rooms)
 *         .build();
 * }</pre>
 *
 * <p>{@code OPTIONS} without an {@code OPTIONS} route is answered 204 with {@code Allow}
 * ({@link Builder#automaticOptions}); a {@link Builder#webSocket WebSocket route} upgrades
 * handshakes for its own handler.
 *
 * <p>Patterns are compiled when registered, so a bad pattern fails at once with an
 * {@link IllegalArgumentException} naming it; matching costs no regular expressions.
 *
 * <p>Threading: immutable; one router serves every worker thread at once.
 */
public final class Router implements RequestHandler {

    private static final RequestHandler DEFAULT_NOT_FOUND = request -> request.respondError(404, "Not Found");
    private static final MethodNotAllowedHandler DEFAULT_METHOD_NOT_ALLOWED = (request, allowed) ->
            request.respondError(405, HttpHeaders.of("Allow", String.join(", ", allowed)), "Method Not Allowed");

    private static final System.Logger LOG = System.getLogger("mummy.api");

    private final List<Route> routes;
    /** Before- and around-filters, in the order they were added. */
    private final FilterEntry[] filters;
    private final AfterEntry[] afters;
    private final boolean automaticOptions;
    private final RequestHandler notFound;
    private final MethodNotAllowedHandler methodNotAllowed;
    private final ErrorHandler onError;
    /** The methods of streaming routes: for others {@link #streamsBody} answers without matching. */
    private final Set<String> streamingMethods;

    private Router(Builder builder) {
        this.routes = List.copyOf(builder.routes);
        this.streamingMethods = routes.stream().filter(Route::streaming).map(Route::method)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.filters = builder.filters.toArray(FilterEntry[]::new);
        this.afters = builder.afters.toArray(AfterEntry[]::new);
        this.automaticOptions = builder.automaticOptions;
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
        }
        if (filters.length == 0 && afters.length == 0) {
            Request routed = match != null ? new RoutedRequest(request, match.pathParams()) : request;
            guarded(routed, () -> dispatch(routed, path, match));
            return;
        }
        long start = System.nanoTime();
        Request routed = new RoutedRequest(request, match != null ? match.pathParams() : Parameters.empty());
        Exception failure = null;
        try {
            guarded(routed, () -> new FilterChain(request, routed, path, match).proceed());
        } catch (Exception unhandled) {
            failure = unhandled;
            if (afters.length > 0 && !routed.isResponded()) {
                answerFailure(routed, unhandled); // so that after-filters see the status the client gets
            }
        }
        if (afters.length == 0) {
            if (failure != null) {
                throw failure;
            }
            return;
        }
        if (failure == null && !routed.isResponded()) {
            LOG.log(System.Logger.Level.WARNING, "router.no_response: {0} {1}: the handler returned without"
                    + " responding; sent 500", routed.method(), routed.target());
            answerQuietly(routed, 500, "Internal Server Error");
        }
        Exception afterFailure = runAfters(request, routed, path, start);
        if (failure != null) {
            if (afterFailure != null) {
                failure.addSuppressed(afterFailure);
            }
            throw failure;
        }
        if (afterFailure != null) {
            throw afterFailure;
        }
    }

    /** The end of the chain: the route's handler, or the answer for an unrouted request. */
    private void dispatch(Request request, RequestPath path, Match match) throws Exception {
        if (match != null) {
            match.route().handler().handle(request);
            return;
        }
        Set<String> allowed = allowedMethods(path);
        if (allowed.isEmpty()) {
            if (automaticOptions && path == RequestPath.ASTERISK && request.method().equals("OPTIONS")) {
                // RFC 9110 9.3.7: OPTIONS * asks about the server as a whole
                request.respond(204, HttpHeaders.of("Allow", String.join(", ", allMethods())), new byte[0]);
                return;
            }
            notFound.handle(request);
        } else if (automaticOptions && request.method().equals("OPTIONS")) {
            request.respond(204, HttpHeaders.of("Allow", String.join(", ", allowed)), new byte[0]);
        } else {
            methodNotAllowed.handle(request, allowed);
        }
    }

    /**
     * Runs the after-filters whose pattern matches; each runs even when one before it threw.
     *
     * @return the first exception an after-filter threw (later ones suppressed), or null
     */
    private Exception runAfters(Request original, Request request, RequestPath path, long startNanos) {
        ResponseInfo response = request.response();
        java.time.Duration elapsed = java.time.Duration.ofNanos(System.nanoTime() - startNanos);
        Exception first = null;
        for (AfterEntry after : afters) {
            Request seen = request;
            if (after.pattern() != null) {
                Parameters own = after.pattern().match(path);
                if (own == null) {
                    continue;
                }
                seen = new RoutedRequest(original, own);
            }
            try {
                after.filter().after(seen, response, elapsed);
            } catch (Exception failure) {
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        return first;
    }

    /**
     * Answers an exception no {@code onError} handler took the way the server would: the status of
     * a {@link RequestBodyException} or {@link MalformedJsonException} (the client's fault) with its
     * message, else 500. The exception still propagates, for the server to log.
     */
    private static void answerFailure(Request request, Exception failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof RequestBodyException body) {
                answerQuietly(request, body.status() == 0 ? 400 : body.status(), body.getMessage());
                return;
            }
        }
        if (failure instanceof MalformedJsonException json) {
            answerQuietly(request, json.status(), json.getMessage());
            return;
        }
        answerQuietly(request, 500, "Internal Server Error");
    }

    private static void answerQuietly(Request request, int status, String message) {
        try {
            request.respondError(status, message == null ? "" : message);
        } catch (IllegalStateException raced) {
            // NOTE: another thread of the handler's answered meanwhile; its answer stands.
        }
    }

    /**
     * One request's way through the before- and around-filters to {@link #dispatch}: each
     * {@link #proceed()} runs the next filter whose pattern matches the path, or the end.
     */
    private final class FilterChain implements Filter.Chain {
        private final Request original;
        private final Request request;
        private final RequestPath path;
        private final Match match;
        private int next;
        private boolean dispatched;

        FilterChain(Request original, Request request, RequestPath path, Match match) {
            this.original = original;
            this.request = request;
            this.path = path;
            this.match = match;
        }

        @Override
        public void proceed() throws Exception {
            while (next < filters.length) {
                FilterEntry entry = filters[next++];
                if (entry.pattern() == null) {
                    entry.filter().filter(request, this);
                    return;
                }
                Parameters own = entry.pattern().match(path);
                if (own != null) {
                    // a filter with a pattern sees the parameters of its own pattern
                    entry.filter().filter(new RoutedRequest(original, own), this);
                    return;
                }
            }
            if (dispatched) {
                throw new IllegalStateException("Filter.Chain.proceed() was called twice for "
                        + request.method() + " " + request.target() + ": call it at most once");
            }
            dispatched = true;
            dispatch(request, path, match);
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

    /**
     * The methods with a route matching {@code path}, in order, HEAD right after GET, and OPTIONS
     * when {@link Builder#automaticOptions answered automatically}; empty when no route matches.
     */
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
        if (automaticOptions && !allowed.isEmpty()) {
            allowed.add("OPTIONS");
        }
        return Collections.unmodifiableSet(allowed);
    }

    /** Every method some route has, for {@code OPTIONS *}. */
    private Set<String> allMethods() {
        Set<String> all = new LinkedHashSet<>();
        for (Route route : routes) {
            all.add(route.method());
            if (route.method().equals("GET")) {
                all.add("HEAD");
            }
        }
        all.add("OPTIONS");
        return all;
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

    /** A before- or around-filter; a null pattern matches every path. */
    private record FilterEntry(RoutePattern pattern, Filter filter) {
    }

    /** An after-filter; a null pattern matches every path. */
    private record AfterEntry(RoutePattern pattern, AfterFilter filter) {
    }

    /**
     * Collects routes and the fallback handlers of a {@link Router}. Patterns are compiled and
     * checked as they are added. Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private final List<FilterEntry> filters = new ArrayList<>();
        private final List<AfterEntry> afters = new ArrayList<>();
        private boolean automaticOptions = true;
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
         * Adds a WebSocket endpoint: a {@code GET} route whose handshakes are upgraded with the
         * default options, their events going to {@code handler}. See
         * {@link #webSocket(String, WebSocketOptions, WebSocketHandler)}.
         *
         * @param pattern the path pattern, see {@link Router}
         * @param handler what receives the connections' events
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid or already registered for GET
         */
        public Builder webSocket(String pattern, WebSocketHandler handler) {
            return webSocket(pattern, WebSocketOptions.defaults(), handler);
        }

        /**
         * Adds a WebSocket endpoint, as in
         * {@code router.webSocket("/rooms/@room", (socket, event) -> ...)}: a {@code GET} route
         * whose handshakes are upgraded (RFC 6455 section 4.2) with their events going to
         * {@code handler}, not to the server's WebSocket handler. Its
         * {@link WebSocketEvent.Open} event carries the route's path parameters and the
         * handshake's header fields. A request to the route that is not a WebSocket handshake
         * (no {@code Upgrade: websocket}) is answered 426 Upgrade Required with
         * {@code Upgrade: websocket} and a body saying so; a handshake the server refuses is
         * answered 400 or 426 as {@link Request#upgradeToWebSocket(WebSocketOptions)} says.
         * Filters run for the handshake like for any request; the after-filters see 101.
         *
         * @param pattern the path pattern, see {@link Router}
         * @param options subprotocols and extra fields of the 101 response
         * @param handler what receives the connections' events
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid or already registered for GET
         */
        public Builder webSocket(String pattern, WebSocketOptions options, WebSocketHandler handler) {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(handler, "handler");
            return route("GET", pattern, new WebSocketRoute(options, handler));
        }

        /**
         * Adds a filter that runs before the handler of every request, as in
         * {@code router.before(request -> request.addResponseHeader("X-Frame-Options", "DENY"))}.
         * When it answers the request (an authentication failure, say), the filters after it
         * and the handler do not run; the after-filters do.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder before(RequestHandler filter) {
            return filter(beforeFilter(filter));
        }

        /**
         * Adds a before-filter for the paths {@code pattern} matches, whatever the method (see
         * {@link #before(RequestHandler)}), as in {@code router.before("/admin/**", checkToken)}.
         *
         * @param pattern the path pattern, see {@link Router}
         * @param filter the filter
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid
         */
        public Builder before(String pattern, RequestHandler filter) {
            return filter(pattern, beforeFilter(filter));
        }

        private static Filter beforeFilter(RequestHandler filter) {
            Objects.requireNonNull(filter, "filter");
            return (request, chain) -> {
                filter.handle(request);
                if (!request.isResponded()) {
                    chain.proceed();
                }
            };
        }

        /**
         * Adds a filter around the handler of every request (see {@link Filter}).
         *
         * <p>Order: before- and around-filters run in the order they were added, each around the
         * ones added after it and the handler; those with a pattern run only for the paths it
         * matches. They run for every request the router gets, routed or not (404, 405, automatic
         * {@code OPTIONS}). A filter without a pattern sees the path parameters of the matched
         * route; one with a pattern, those of its own pattern ({@code /users/@id/**}). An
         * {@link Exception} thrown by a filter or the handler goes to {@link #onError}; then the
         * after-filters run, in the order they were added. Filters change nothing about how the
         * body is read: a {@link #streaming()} route still streams, and
         * {@code 100 Continue} is still sent only when the body is read.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder filter(Filter filter) {
            filters.add(new FilterEntry(null, Objects.requireNonNull(filter, "filter")));
            return this;
        }

        /**
         * Adds a filter around the handler of requests whose path {@code pattern} matches,
         * whatever the method (see {@link #filter(Filter)}).
         *
         * @param pattern the path pattern, see {@link Router}
         * @param filter the filter
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid
         */
        public Builder filter(String pattern, Filter filter) {
            filters.add(new FilterEntry(RoutePattern.compile(pattern), Objects.requireNonNull(filter, "filter")));
            return this;
        }

        /**
         * Adds a filter that runs after every request was answered and sees the answer (see
         * {@link AfterFilter}), as an access log does:
         *
         * <pre>{@code
         * router.after((request, response, elapsed) -> log.info(request.method() + " " + request.path()
         *         + " " + response.status() + " " + elapsed.toMillis() + " ms"));
         * }</pre>
         *
         * When the handler threw and no {@link #onError} handler answered, the router answers as
         * the server would (400 or 413 for a body the client got wrong, else 500) before the
         * after-filters run, so they see the status the client gets; when the handler returned
         * without answering, the router answers 500.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder after(AfterFilter filter) {
            afters.add(new AfterEntry(null, Objects.requireNonNull(filter, "filter")));
            return this;
        }

        /**
         * Adds an after-filter for the paths {@code pattern} matches (see {@link #after(AfterFilter)}).
         *
         * @param pattern the path pattern, see {@link Router}
         * @param filter the filter
         * @return this builder
         * @throws IllegalArgumentException if the pattern is invalid
         */
        public Builder after(String pattern, AfterFilter filter) {
            afters.add(new AfterEntry(RoutePattern.compile(pattern), Objects.requireNonNull(filter, "filter")));
            return this;
        }

        /**
         * Whether {@code OPTIONS} requests without an {@code OPTIONS} route are answered by the
         * router (default: true): 204 with {@code Allow} naming the methods of the routes
         * matching the path (RFC 9110 section 9.3.7), or of every route for {@code OPTIONS *};
         * and 405 answers list {@code OPTIONS} in their {@code Allow} too. A path no route
         * matches is still 404. CORS preflights are answered by the CORS filter, before this.
         *
         * @param enabled false to answer {@code OPTIONS} like any other method without a route
         * @return this builder
         */
        public Builder automaticOptions(boolean enabled) {
            this.automaticOptions = enabled;
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
