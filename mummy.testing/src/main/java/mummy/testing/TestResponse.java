package mummy.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import mummy.api.HttpHeaders;

/**
 * A response {@link TestClient} received, with its whole body.
 *
 * <p>The fields are those the client saw, grouped by name (the JDK's client keeps the values of
 * one name together, in order, but not the interleaving of different names). A HEAD response and
 * a 204 or 304 have an empty body.
 *
 * <p>A record with an array: {@link #equals} and {@link #hashCode} compare the body's bytes, and
 * {@link #toString} shows the body's length rather than its bytes.
 *
 * @param status the status code
 * @param headers the response fields
 * @param body the body bytes (the record's own: do not change them)
 */
public record TestResponse(int status, HttpHeaders headers, byte[] body) {

    /**
     * Checks the components.
     *
     * @param status the status code
     * @param headers the response fields
     * @param body the body bytes
     */
    public TestResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The body decoded as UTF-8.
     *
     * @return the body text
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * A response field.
     *
     * @param name the field name, any case
     * @return its first value, or null if absent
     */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestResponse response && status == response.status
                && headers.equals(response.headers) && Arrays.equals(body, response.body);
    }

    @Override
    public int hashCode() {
        return (status * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "TestResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
    }
}
