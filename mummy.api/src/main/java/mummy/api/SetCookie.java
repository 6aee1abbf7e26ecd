package mummy.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code Set-Cookie} response field (RFC 6265bis section 4.1), built and validated before it
 * is sent, so that a cookie a browser would ignore fails in the handler with a message saying
 * why, not silently in the browser:
 *
 * <pre>{@code
 * SetCookie session = SetCookie.builder("__Host-session", token)
 *         .path("/").secure().httpOnly().sameSite(SetCookie.SameSite.LAX).maxAge(Duration.ofHours(8))
 *         .build();
 * request.respond(200, HttpHeaders.builder().addCookie(session).build(), "signed in");
 *
 * // Deleting it: the same name, path and domain, with Max-Age=0.
 * HttpHeaders.builder().addCookie(SetCookie.expire("__Host-session").path("/").secure().build());
 * }</pre>
 *
 * <p>{@link Builder#build()} checks what RFC 6265bis asks of servers: the name is a token (4.1.1),
 * the value is cookie-octets, optionally in double quotes (4.1.1: no space, {@code " , ; \} or
 * control characters: encode such values yourself, for example with Base64url), name and value
 * together at most 4096 octets and each attribute value at most 1024 (5.6), {@code Path} starts
 * with {@code /} (5.6.4), {@code Domain} is a host name (4.1.2.3), {@code Expires} is a year
 * from 1601 (5.1.1), the prefixes {@code __Secure-} (Secure) and {@code __Host-} (Secure,
 * {@code Path=/}, no {@code Domain}) matched ignoring case as user agents do (4.1.3, 5.7),
 * {@code SameSite=None} only with Secure (5.7), and {@code Partitioned} only with Secure (CHIPS,
 * draft-cutler-httpbis-partitioned-cookies section 2.1). Each failure is an
 * {@link IllegalArgumentException} naming the cookie and the rule.
 *
 * <p>User agents cap {@code Max-Age} and {@code Expires} at 400 days (RFC 6265bis 5.5); longer
 * ones are sent as given.
 *
 * <p>Threading: immutable; the builder is not thread-safe.
 */
public final class SetCookie {

    /** RFC 6265bis 5.6: a user agent ignores a cookie whose name and value exceed this. */
    static final int MAX_NAME_VALUE_OCTETS = 4096;
    /** RFC 6265bis 5.6: a user agent ignores an attribute whose value exceeds this. */
    static final int MAX_ATTRIBUTE_OCTETS = 1024;
    /** IMF-fixdate (RFC 9110 5.6.7), the rfc1123-date of RFC 6265bis 4.1.1's sane-cookie-date. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The {@code SameSite} attribute (RFC 6265bis 4.1.2.7). */
    public enum SameSite {
        /** Sent with same-site requests only. */
        STRICT("Strict"),
        /** Sent with same-site requests and cross-site top-level navigations: browsers' default. */
        LAX("Lax"),
        /** Sent with cross-site requests too; needs {@link Builder#secure()}. */
        NONE("None");

        private final String attribute;

        SameSite(String attribute) {
            this.attribute = attribute;
        }

        /**
         * The attribute's value as sent.
         *
         * @return {@code Strict}, {@code Lax} or {@code None}
         */
        public String attribute() {
            return attribute;
        }
    }

    private final String name;
    private final String value;
    private final long maxAge;
    private final Instant expires;
    private final String path;
    private final String domain;
    private final boolean secure;
    private final boolean httpOnly;
    private final SameSite sameSite;
    private final boolean partitioned;
    private final String headerValue;

    private SetCookie(Builder builder) {
        this.name = builder.name;
        this.value = builder.value;
        this.maxAge = builder.maxAge;
        this.expires = builder.expires;
        this.path = builder.path;
        this.domain = builder.domain;
        this.secure = builder.secure;
        this.httpOnly = builder.httpOnly;
        this.sameSite = builder.sameSite;
        this.partitioned = builder.partitioned;
        this.headerValue = format();
    }

    /**
     * Starts a cookie.
     *
     * @param name the cookie-name, a token (RFC 9110 5.6.2)
     * @param value the cookie-value: cookie-octets, possibly empty, optionally in double quotes
     * @return a builder with no attributes
     */
    public static Builder builder(String name, String value) {
        return new Builder(name, value);
    }

    /**
     * Starts a cookie that deletes the one of this name: empty value and {@code Max-Age=0}
     * (RFC 6265bis 5.6.2: the user agent expires it at once). Give it the {@code Path} and
     * {@code Domain} the cookie was set with, or the browser keeps the original.
     *
     * @param name the cookie's name
     * @return a builder with an empty value and {@code Max-Age=0}
     */
    public static Builder expire(String name) {
        return new Builder(name, "").maxAge(0);
    }

    /**
     * The cookie's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The cookie's value as sent, double quotes included if it was given with them.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * The {@code Max-Age} attribute in seconds.
     *
     * @return the seconds, or -1 when the cookie has none
     */
    public long maxAge() {
        return maxAge;
    }

    /**
     * The {@code Expires} attribute.
     *
     * @return the instant, or null when the cookie has none
     */
    public Instant expires() {
        return expires;
    }

    /**
     * The {@code Path} attribute.
     *
     * @return the path, or null when the cookie has none
     */
    public String path() {
        return path;
    }

    /**
     * The {@code Domain} attribute.
     *
     * @return the domain, or null when the cookie has none (host-only)
     */
    public String domain() {
        return domain;
    }

    /**
     * Whether the cookie has the {@code Secure} attribute.
     *
     * @return true if it is sent over secure connections only
     */
    public boolean secure() {
        return secure;
    }

    /**
     * Whether the cookie has the {@code HttpOnly} attribute.
     *
     * @return true if scripts cannot read it
     */
    public boolean httpOnly() {
        return httpOnly;
    }

    /**
     * The {@code SameSite} attribute.
     *
     * @return the value, or null when the cookie has none
     */
    public SameSite sameSite() {
        return sameSite;
    }

    /**
     * Whether the cookie has the {@code Partitioned} attribute (CHIPS).
     *
     * @return true if it is kept per top-level site
     */
    public boolean partitioned() {
        return partitioned;
    }

    /**
     * The {@code Set-Cookie} field value, such as {@code id=a3fWa; Path=/; Secure; HttpOnly}:
     * name and value, then the attributes in the order of RFC 6265bis 4.1.1.
     *
     * @return the field value
     */
    public String headerValue() {
        return headerValue;
    }

    private String format() {
        StringBuilder text = new StringBuilder(name.length() + value.length() + 64).append(name).append('=').append(value);
        if (expires != null) {
            text.append("; Expires=").append(IMF_FIXDATE.format(expires));
        }
        if (maxAge >= 0) {
            text.append("; Max-Age=").append(maxAge);
        }
        if (domain != null) {
            text.append("; Domain=").append(domain);
        }
        if (path != null) {
            text.append("; Path=").append(path);
        }
        if (secure) {
            text.append("; Secure");
        }
        if (httpOnly) {
            text.append("; HttpOnly");
        }
        if (sameSite != null) {
            text.append("; SameSite=").append(sameSite.attribute());
        }
        if (partitioned) {
            text.append("; Partitioned");
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SetCookie cookie && headerValue.equals(cookie.headerValue);
    }

    @Override
    public int hashCode() {
        return headerValue.hashCode();
    }

    /**
     * The field value, as {@link #headerValue()}.
     *
     * @return the field value
     */
    @Override
    public String toString() {
        return headerValue;
    }

    /** Collects a cookie's attributes; {@link #build()} validates them together. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String value;
        private long maxAge = -1;
        private Instant expires;
        private String path;
        private String domain;
        private boolean secure;
        private boolean httpOnly;
        private SameSite sameSite;
        private boolean partitioned;

        private Builder(String name, String value) {
            this.name = Objects.requireNonNull(name, "name");
            this.value = Objects.requireNonNull(value, "value");
        }

        /**
         * The {@code Max-Age} attribute: seconds until the cookie expires; 0 expires it at once.
         *
         * @param seconds zero or more
         * @return this builder
         * @throws IllegalArgumentException if negative (RFC 6265bis 4.1.1: {@code Max-Age} is digits)
         */
        public Builder maxAge(long seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("cookie " + name + ": Max-Age must be zero or more seconds"
                        + " (RFC 6265bis 4.1.1: digits only), not " + seconds);
            }
            this.maxAge = seconds;
            return this;
        }

        /**
         * The {@code Max-Age} attribute, in whole seconds (a fraction of a second is dropped).
         *
         * @param age zero or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxAge(Duration age) {
            return maxAge(age.getSeconds());
        }

        /**
         * The {@code Expires} attribute, sent as an IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT});
         * {@code Max-Age}, when given too, wins in user agents (RFC 6265bis 5.7).
         *
         * @param instant when the cookie expires, in the years 1601 to 9999
         * @return this builder
         */
        public Builder expires(Instant instant) {
            this.expires = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /**
         * The {@code Path} attribute: the cookie is sent with requests to this path and below.
         *
         * @param path starting with {@code /}
         * @return this builder
         */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * The {@code Domain} attribute: the cookie is sent to this host and its subdomains too;
         * without it, to the host that set it only.
         *
         * @param domain a host name such as {@code example.com}; a leading dot is allowed and ignored
         *               by user agents
         * @return this builder
         */
        public Builder domain(String domain) {
            this.domain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /**
         * The {@code Secure} attribute: sent over secure connections (HTTPS) only.
         *
         * @return this builder
         */
        public Builder secure() {
            this.secure = true;
            return this;
        }

        /**
         * The {@code HttpOnly} attribute: not readable by scripts.
         *
         * @return this builder
         */
        public Builder httpOnly() {
            this.httpOnly = true;
            return this;
        }

        /**
         * The {@code SameSite} attribute.
         *
         * @param sameSite when the cookie goes with cross-site requests; {@link SameSite#NONE}
         *                 needs {@link #secure()}
         * @return this builder
         */
        public Builder sameSite(SameSite sameSite) {
            this.sameSite = Objects.requireNonNull(sameSite, "sameSite");
            return this;
        }

        /**
         * The {@code Partitioned} attribute (CHIPS): a third-party cookie kept apart per top-level
         * site; needs {@link #secure()}.
         *
         * @return this builder
         */
        public Builder partitioned() {
            this.partitioned = true;
            return this;
        }

        /**
         * Validates the cookie (see {@link SetCookie}) and builds it.
         *
         * @return the cookie
         * @throws IllegalArgumentException naming the cookie and the rule it breaks
         */
        public SetCookie build() {
            CookieRules.check(this.name, this.value, this.path, this.domain, this.expires);
            CookieRules.checkAttributes(this.name, this.path, this.domain, this.secure, this.sameSite == SameSite.NONE,
                    this.partitioned);
            return new SetCookie(this);
        }
    }
}
