package mummy.io.internal.http;

import java.util.Arrays;
import java.util.Objects;
import mummy.api.HttpHeaders;

/**
 * One complete request as parsed from the wire, before it is handed to a handler.
 *
 * <p>Because the body is an array, {@link #equals}, {@link #hashCode} and {@link #toString} are
 * overridden: two requests are equal when every component is equal and their bodies hold the same
 * bytes ({@link Arrays#equals(byte[], byte[])}); {@code toString} shows the body's length, not its
 * bytes. The body array is not copied: whoever receives the request owns it and must not change it.
 *
 * <p>Threading: immutable as long as nobody writes into {@link #body()}; safe to hand to a worker.
 *
 * @param method the method token as sent, case-sensitive (RFC 9110 section 9.1)
 * @param target the request-target as sent (RFC 9112 section 3.2)
 * @param path the path of the target, percent-decoded as UTF-8; {@code /} for an absolute-form
 *     target without a path; {@code *} for the asterisk form
 * @param rawQuery the query after {@code ?} as sent, or the empty string if none
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1 (and for any HTTP/1.x with x above 1)
 * @param headers the header fields in order and spelling as sent
 * @param body the body after any chunked coding is removed; empty if none
 * @param trailers the trailer fields of a chunked body; empty if none
 * @param keepAlive whether the connection stays open after the response (RFC 9112 section 9.3)
 * @param expectContinue whether an HTTP/1.1 client sent {@code Expect: 100-continue}
 */
public record ParsedRequest(String method, String target, String path, String rawQuery,
                            int minorVersion, HttpHeaders headers, byte[] body,
                            HttpHeaders trailers, boolean keepAlive, boolean expectContinue) {

    /**
     * Validates that no component is null and the minor version is 0 or 1.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the minor version is not 0 or 1
     */
    public ParsedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(trailers, "trailers");
        if (minorVersion != 0 && minorVersion != 1) {
            throw new IllegalArgumentException("minorVersion must be 0 or 1, got " + minorVersion);
        }
    }

    /**
     * The protocol version as written on a status line.
     *
     * @return {@code HTTP/1.0} or {@code HTTP/1.1}
     */
    public String version() {
        return minorVersion == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    /**
     * Whether {@code other} is a request with equal components and the same body bytes.
     *
     * @param other the object to compare with
     * @return true if equal
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ParsedRequest that
                && method.equals(that.method)
                && target.equals(that.target)
                && path.equals(that.path)
                && rawQuery.equals(that.rawQuery)
                && minorVersion == that.minorVersion
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body)
                && trailers.equals(that.trailers)
                && keepAlive == that.keepAlive
                && expectContinue == that.expectContinue;
    }

    /**
     * A hash of every component, the body by content.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        int hash = Objects.hash(method, target, path, rawQuery, minorVersion, headers, trailers,
                keepAlive, expectContinue);
        return 31 * hash + Arrays.hashCode(body);
    }

    /**
     * The components, with the body shown by its length only.
     *
     * @return a text for logs and test failures
     */
    @Override
    public String toString() {
        return "ParsedRequest[" + method + " " + target + " " + version()
                + ", path=" + path + ", rawQuery=" + rawQuery + ", headers=" + headers
                + ", body=" + body.length + " bytes, trailers=" + trailers
                + ", keepAlive=" + keepAlive + ", expectContinue=" + expectContinue + "]";
    }
}
