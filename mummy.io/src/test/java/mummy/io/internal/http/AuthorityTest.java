package mummy.io.internal.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** uri-host[:port] syntax, as used for Host values and absolute-form authorities. */
class AuthorityTest {

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "a.b:80", "1.2.3.4:", "[::1]", "[v1.x]:1", "ex%41mple", "a-b_c~d!$&'()*+,;="})
    void validHostIsAccepted(String host) {
        assertTrue(Authority.isValid(host, 0, host.length(), true), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "h:8x", "u@h", "[::1", "[]", "h:80:90", "ex%4", "ex%zzmple", "[::1]x", "h/p", "h#f", ":80"})
    void invalidHostIsRefused(String host) {
        assertFalse(Authority.isValid(host, 0, host.length(), true), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":80"})
    void emptyHostIsAllowedOnlyWhereTheHostIsOptional(String host) {
        assertTrue(Authority.isValid(host, 0, host.length(), false), host);
        assertFalse(Authority.isValid(host, 0, host.length(), true), host);
    }
}
