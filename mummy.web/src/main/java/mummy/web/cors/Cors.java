package mummy.web.cors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import mummy.api.Filter;
import mummy.api.HttpHeaders;
import mummy.api.Request;

/**
 * A filter that answers CORS preflights and marks the responses a browser may share with other
 * origins, as the Fetch standard's CORS protocol says
 * (<a href="https://fetch.spec.whatwg.org/#http-cors-protocol">fetch.spec.whatwg.org</a>):
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .filter(Cors.builder()
 *                 .allowOrigins("https://app.example.com")
 *                 .allowMethods("GET", "POST", "PUT", "DELETE")
 *                 .allowHeaders("Content-Type", "Authorization")
 *                 .allowCredentials(true)
 *                 .maxAge(Duration.ofHours(1))
 *                 .build())
 *         .get("/todos", ...)
 *         .build();
 * }</pre>
 *
 * <ul>
 *   <li>A request without {@code Origin} passes through untouched, except for {@code Vary: Origin}
 *       (below).
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 *       is answered here and never reaches a route: 204 with {@code Access-Control-Allow-Origin},
 *       {@code -Allow-Methods}, {@code -Allow-Headers}, {@code -Allow-Credentials} and
 *       {@code -Max-Age} when the origin, the method and every requested header are allowed;
 *       403 with a short text saying which one was not, and no CORS fields, otherwise.
 *   <li>Any other request from an allowed origin goes on to its route; its response, whatever
 *       kind, gets {@code Access-Control-Allow-Origin} (and {@code -Allow-Credentials},
 *       {@code -Expose-Headers}). A request from another origin goes on too, without those
 *       fields: the browser then keeps the response from the page, and same-origin requests,
 *       which carry {@code Origin} as well, are not broken.
 *   <li>Unless every origin is allowed, every response gets {@code Vary: Origin}, so that a cache
 *       never hands one origin's answer to another.
 * </ul>
 *
 * <p>Origins are compared as the browser serializes them: scheme, host and port, lower case, no
 * path, no trailing slash ({@code https://app.example.com:8443}); {@code null} (a sandboxed page
 * or a file) is never allowed unless listed. Allowing any origin with credentials is refused at
 * {@link Builder#build()}: it would let every site read every user's data.
 *
 * <p>Threading: immutable; one filter serves every worker thread at once.
 */
public final class Cors implements Filter {

    /** Methods a simple request may use without a preflight (Fetch: CORS-safelisted methods). */
    private static final Set<String> SAFELISTED_METHODS = Set.of("GET", "HEAD", "POST");

    private final Predicate<String> origins;
    private final boolean anyOrigin;
    private final Set<String> methods;
    private final Set<String> headers; // lower case
    private final boolean anyHeader;
    private final List<String> exposed;
    private final boolean credentials;
    private final Duration maxAge;
    private final String allowMethodsValue;
    private final String allowHeadersValue;

    private Cors(Builder builder) {
        this.origins = builder.originPredicate();
        this.anyOrigin = builder.anyOrigin;
        this.methods = Collections.unmodifiableSet(new LinkedHashSet<>(builder.methods));
        this.headers = builder.headers.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.anyHeader = builder.anyHeader;
        this.exposed = List.copyOf(builder.exposed);
        this.credentials = builder.credentials;
        this.maxAge = builder.maxAge;
        this.allowMethodsValue = String.join(", ", methods);
        this.allowHeadersValue = String.join(", ", builder.headers);
    }

    /**
     * A builder that allows no origin yet, the methods GET, HEAD and POST, no request headers
     * beyond the safelisted ones, no credentials and no max-age.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void filter(Request request, Chain chain) throws Exception {
        String origin = request.headers().get("Origin");
        if (!anyOrigin) {
            request.addResponseHeader("Vary", "Origin");
        }
        if (origin == null) {
            chain.proceed();
            return;
        }
        String requestedMethod = request.headers().get("Access-Control-Request-Method");
        if (request.method().equals("OPTIONS") && requestedMethod != null) {
            preflight(request, origin, requestedMethod);
            return;
        }
        if (origins.test(origin)) {
            allowOrigin(request, origin);
            if (!exposed.isEmpty()) {
                request.addResponseHeader("Access-Control-Expose-Headers", String.join(", ", exposed));
            }
        }
        chain.proceed();
    }

    /** Answers a preflight: 204 with the CORS fields when all is allowed, else 403 saying what is not. */
    private void preflight(Request request, String origin, String requestedMethod) {
        if (!anyOrigin) {
            request.addResponseHeader("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers");
        }
        if (!origins.test(origin)) {
            refuse(request, "the origin " + origin + " is not allowed");
            return;
        }
        if (!methods.contains(requestedMethod)) {
            refuse(request, "the method " + requestedMethod + " is not allowed (allowed: " + allowMethodsValue + ")");
            return;
        }
        List<String> requestedHeaders = requestedHeaders(request);
        if (!anyHeader) {
            for (String name : requestedHeaders) {
                if (!headers.contains(name)) {
                    refuse(request, "the request header " + name + " is not allowed"
                            + (allowHeadersValue.isEmpty() ? "" : " (allowed: " + allowHeadersValue + ")"));
                    return;
                }
            }
        }
        allowOrigin(request, origin);
        HttpHeaders.Builder answer = HttpHeaders.builder().add("Access-Control-Allow-Methods", allowMethodsValue);
        if (!requestedHeaders.isEmpty()) {
            // the listed headers, or for "any header" the ones asked for ("*" is not honoured with credentials)
            answer.add("Access-Control-Allow-Headers", anyHeader ? String.join(", ", requestedHeaders)
                    : allowHeadersValue);
        }
        if (maxAge != null) {
            answer.add("Access-Control-Max-Age", Long.toString(maxAge.toSeconds()));
        }
        request.respond(204, answer.build(), new byte[0]);
    }

    private void allowOrigin(Request request, String origin) {
        request.addResponseHeader("Access-Control-Allow-Origin", anyOrigin && !credentials ? "*" : origin);
        if (credentials) {
            request.addResponseHeader("Access-Control-Allow-Credentials", "true");
        }
    }

    private static void refuse(Request request, String why) {
        request.respond(403, "CORS preflight refused: " + why + "\n");
    }

    /** The names in {@code Access-Control-Request-Headers}, lower case, empty elements dropped. */
    private static List<String> requestedHeaders(Request request) {
        List<String> names = new ArrayList<>();
        for (String value : request.headers().all("Access-Control-Request-Headers")) {
            for (String name : value.split(",")) {
                String trimmed = name.strip();
                if (!trimmed.isEmpty()) {
                    names.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "Cors[origins=" + (anyOrigin ? "*" : origins) + ", methods=" + methods + ", credentials="
                + credentials + "]";
    }

    /**
     * The settings of a {@link Cors} filter. Not thread-safe; {@link #build()} may be called more
     * than once.
     */
    public static final class Builder {
        private final Set<String> originList = new LinkedHashSet<>();
        private Predicate<String> originMatcher;
        private boolean anyOrigin;
        private final Set<String> methods = new LinkedHashSet<>(SAFELISTED_METHODS);
        private final Set<String> headers = new LinkedHashSet<>();
        private boolean anyHeader;
        private final List<String> exposed = new ArrayList<>();
        private boolean credentials;
        private Duration maxAge;

        private Builder() {
        }

        /**
         * Allows these origins, each a serialized origin: scheme, host and optional port, as in
         * {@code https://app.example.com} or {@code http://localhost:5173}.
         *
         * @param origins the origins
         * @return this builder
         * @throws IllegalArgumentException if one is not a serialized origin (has a path, a
         *     trailing slash, upper case, or no scheme)
         */
        public Builder allowOrigins(String... origins) {
            for (String origin : origins) {
                originList.add(checkOrigin(origin));
            }
            return this;
        }

        /**
         * Allows the origins {@code matcher} accepts, such as every subdomain of a site; it gets
         * the {@code Origin} field as sent and must be quick.
         *
         * @param matcher what decides
         * @return this builder
         */
        public Builder allowOriginsMatching(Predicate<String> matcher) {
            this.originMatcher = Objects.requireNonNull(matcher, "matcher");
            return this;
        }

        /**
         * Allows every origin: {@code Access-Control-Allow-Origin: *}, for public APIs that use
         * no cookies or credentials.
         *
         * @return this builder
         */
        public Builder allowAnyOrigin() {
            this.anyOrigin = true;
            return this;
        }

        /**
         * The methods a preflight may ask for (default GET, HEAD, POST), replacing the default.
         *
         * @param methods method tokens, case-sensitive
         * @return this builder
         */
        public Builder allowMethods(String... methods) {
            this.methods.clear();
            for (String method : methods) {
                this.methods.add(Objects.requireNonNull(method, "method"));
            }
            return this;
        }

        /**
         * The request headers a preflight may ask for, besides the CORS-safelisted ones, such as
         * {@code Content-Type} (needed for {@code application/json} bodies) and
         * {@code Authorization}. Compared case-insensitively.
         *
         * @param names the field names
         * @return this builder
         */
        public Builder allowHeaders(String... names) {
            for (String name : names) {
                headers.add(Objects.requireNonNull(name, "name"));
            }
            return this;
        }

        /**
         * Allows whatever request headers a preflight asks for (they are echoed back).
         *
         * @return this builder
         */
        public Builder allowAnyHeader() {
            this.anyHeader = true;
            return this;
        }

        /**
         * Response fields the page's script may read besides the safelisted ones
         * ({@code Access-Control-Expose-Headers}), such as {@code Location} or {@code ETag}.
         *
         * @param names the field names
         * @return this builder
         */
        public Builder exposeHeaders(String... names) {
            for (String name : names) {
                exposed.add(Objects.requireNonNull(name, "name"));
            }
            return this;
        }

        /**
         * Whether the browser may send cookies and credentials and share the answers
         * ({@code Access-Control-Allow-Credentials: true}); default false.
         *
         * @param allowed true to allow
         * @return this builder
         */
        public Builder allowCredentials(boolean allowed) {
            this.credentials = allowed;
            return this;
        }

        /**
         * How long a browser may cache a preflight's answer ({@code Access-Control-Max-Age});
         * browsers cap it (Chromium at 2 hours, Firefox at 24).
         *
         * @param age zero or more, whole seconds
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxAge(Duration age) {
            if (age.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative: " + age);
            }
            this.maxAge = age;
            return this;
        }

        /**
         * The filter.
         *
         * @return a new, immutable filter
         * @throws IllegalStateException if no origin is allowed, or any origin with credentials
         */
        public Cors build() {
            if (!anyOrigin && originList.isEmpty() && originMatcher == null) {
                throw new IllegalStateException("Cors allows no origin: call allowOrigins(...),"
                        + " allowOriginsMatching(...) or allowAnyOrigin()");
            }
            if (anyOrigin && credentials) {
                throw new IllegalStateException("Cors.allowAnyOrigin() with allowCredentials(true) would let every"
                        + " site read its users' data; list the origins with allowOrigins(...)");
            }
            if (methods.isEmpty()) {
                throw new IllegalStateException("Cors allows no method: give allowMethods(...) at least one");
            }
            return new Cors(this);
        }

        private Predicate<String> originPredicate() {
            if (anyOrigin) {
                return origin -> true;
            }
            Set<String> listed = Set.copyOf(originList);
            Predicate<String> matcher = originMatcher;
            return matcher == null ? listed::contains : origin -> listed.contains(origin) || matcher.test(origin);
        }

        private static String checkOrigin(String origin) {
            Objects.requireNonNull(origin, "origin");
            int schemeEnd = origin.indexOf("://");
            boolean valid = schemeEnd > 0 && origin.length() > schemeEnd + 3
                    && origin.indexOf('/', schemeEnd + 3) < 0 && origin.equals(origin.toLowerCase(Locale.ROOT))
                    && origin.chars().noneMatch(c -> c <= ' ' || c == '?' || c == '#');
            if (!valid && !origin.equals("null")) {
                throw new IllegalArgumentException("not a serialized origin (scheme://host[:port], lower case,"
                        + " no path or trailing slash): \"" + origin + "\"");
            }
            return origin;
        }
    }
}
