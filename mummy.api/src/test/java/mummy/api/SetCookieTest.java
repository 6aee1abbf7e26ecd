package mummy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link SetCookie}: the field value it writes, and each rule of RFC 6265bis it enforces. */
class SetCookieTest {

    private static String refusal(Supplier<SetCookie> build) {
        return assertThrows(IllegalArgumentException.class, build::get).getMessage();
    }

    @Test
    void everyAttributeIsWrittenInTheRfcsOrder() {
        SetCookie cookie = SetCookie.builder("id", "a3fWa").expires(Instant.parse("2015-10-21T07:28:00Z"))
                .maxAge(Duration.ofDays(1)).domain("example.com").path("/docs").secure().httpOnly()
                .sameSite(SetCookie.SameSite.NONE).partitioned().build();
        assertEquals("id=a3fWa; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=86400; Domain=example.com; Path=/docs;"
                + " Secure; HttpOnly; SameSite=None; Partitioned", cookie.headerValue());
        assertEquals(cookie.headerValue(), cookie.toString());
        assertEquals(86400, cookie.maxAge());
        assertEquals(SetCookie.SameSite.NONE, cookie.sameSite());
    }

    @Test
    void plainCookieHasNameAndValueOnly() {
        SetCookie cookie = SetCookie.builder("theme", "dark").build();
        assertEquals("theme=dark", cookie.headerValue());
        assertEquals(-1, cookie.maxAge());
        assertEquals(cookie, SetCookie.builder("theme", "dark").build());
    }

    @Test
    void expireEmptiesTheValueWithMaxAgeZero() {
        assertEquals("session=; Max-Age=0; Path=/", SetCookie.expire("session").path("/").build().headerValue());
    }

    @Test
    void quotedValueAndSingleDigitDaysAreWrittenAsGiven() {
        assertEquals("q=\"ab\"", SetCookie.builder("q", "\"ab\"").build().headerValue());
        assertEquals("d=1; Expires=Sun, 06 Nov 1994 08:49:37 GMT",
                SetCookie.builder("d", "1").expires(Instant.parse("1994-11-06T08:49:37Z")).build().headerValue());
    }

    @Test
    void addCookieAddsOneFieldPerCookie() {
        HttpHeaders headers = HttpHeaders.builder().addCookie(SetCookie.builder("a", "1").build())
                .addCookie(SetCookie.builder("b", "2").httpOnly().build()).build();
        assertEquals(java.util.List.of("a=1", "b=2; HttpOnly"), headers.all("Set-Cookie"));
    }

    @Test
    void nameMustBeAToken() {
        assertTrue(refusal(() -> SetCookie.builder("my cookie", "1").build())
                .startsWith("cookie name \"my cookie\" is not a token (RFC 6265bis 4.1.1"));
        assertTrue(refusal(() -> SetCookie.builder("", "1").build()).contains("is not a token"));
        assertTrue(refusal(() -> SetCookie.builder("a=b", "1").build()).contains("is not a token"));
    }

    @Test
    void valueMustBeCookieOctets() {
        for (String bad : new String[] {"a b", "a,b", "a;b", "a\\b", "caf\u00e9", "a\"b", "\"open", "tab\t"}) {
            String message = refusal(() -> SetCookie.builder("v", bad).build());
            assertTrue(message.startsWith("cookie v: the value has ") && message.contains("not a cookie-octet"),
                    bad + ": " + message);
        }
        assertEquals("v=!#$%&'()*+-./09:<=>?@AZ[]^_`az{|}~",
                SetCookie.builder("v", "!#$%&'()*+-./09:<=>?@AZ[]^_`az{|}~").build().headerValue());
    }

    @Test
    void nameAndValueTogetherAtMost4096Octets() {
        SetCookie.builder("n", "x".repeat(4095)).build();
        assertTrue(refusal(() -> SetCookie.builder("n", "x".repeat(4096)).build()).contains("longer than 4096 octets"));
    }

    @Test
    void secureAndHostPrefixesAreEnforcedIgnoringCase() {
        assertTrue(refusal(() -> SetCookie.builder("__Secure-id", "1").build())
                .equals("cookie __Secure-id: a __Secure- cookie needs Secure (RFC 6265bis 4.1.3.1)"));
        assertTrue(refusal(() -> SetCookie.builder("__secure-id", "1").build()).contains("needs Secure"));
        SetCookie.builder("__Secure-id", "1").secure().domain("example.com").build();

        assertEquals("cookie __Host-id: a __Host- cookie needs Secure, Path=/ and no Domain (RFC 6265bis 4.1.3.2);"
                + " it has Secure, Path=/app", refusal(() -> SetCookie.builder("__Host-id", "1").secure().path("/app").build()));
        assertTrue(refusal(() -> SetCookie.builder("__HOST-id", "1").secure().path("/").domain("example.com").build())
                .endsWith("it has Secure, Path=/, Domain=example.com"));
        assertTrue(refusal(() -> SetCookie.builder("__Host-id", "1").path("/").build()).contains("it has no Secure"));
        assertEquals("__Host-id=1; Path=/; Secure", SetCookie.builder("__Host-id", "1").secure().path("/").build()
                .headerValue());
    }

    @Test
    void sameSiteNoneAndPartitionedNeedSecure() {
        assertTrue(refusal(() -> SetCookie.builder("a", "1").sameSite(SetCookie.SameSite.NONE).build())
                .startsWith("cookie a: SameSite=None needs Secure"));
        assertTrue(refusal(() -> SetCookie.builder("a", "1").partitioned().build())
                .startsWith("cookie a: Partitioned needs Secure"));
        SetCookie.builder("a", "1").sameSite(SetCookie.SameSite.STRICT).build();
    }

    @Test
    void maxAgeIsANonNegativeInteger() {
        assertTrue(refusal(() -> SetCookie.builder("a", "1").maxAge(-1).build())
                .startsWith("cookie a: Max-Age must be zero or more seconds"));
        assertEquals("a=1; Max-Age=90", SetCookie.builder("a", "1").maxAge(Duration.ofMillis(90_999)).build()
                .headerValue());
    }

    @Test
    void expiresMustBeFromYear1601() {
        assertTrue(refusal(() -> SetCookie.builder("a", "1").expires(Instant.parse("1600-12-31T23:59:59Z")).build())
                .contains("years 1601 to 9999"));
    }

    @Test
    void pathMustStartWithSlashAndHoldNoSemicolon() {
        assertTrue(refusal(() -> SetCookie.builder("a", "1").path("docs").build()).contains("Path must start with /"));
        assertTrue(refusal(() -> SetCookie.builder("a", "1").path("/a;b").build()).contains("Path has ';' at index 2"));
        assertTrue(refusal(() -> SetCookie.builder("a", "1").path("/" + "p".repeat(1024)).build())
                .contains("longer than 1024 octets"));
    }

    @Test
    void domainMustBeAHostName() {
        assertEquals("a=1; Domain=.example.com", SetCookie.builder("a", "1").domain(".example.com").build().headerValue());
        SetCookie.builder("a", "1").domain("xn--bcher-kva.example").build();
        SetCookie.builder("a", "1").domain("127.0.0.1").build();
        for (String bad : new String[] {"", ".", "exa mple.com", "-a.com", "a-.com", "a..com", "b\u00fccher.de",
                "x".repeat(64) + ".com", "example.com:8080"}) {
            String message = refusal(() -> SetCookie.builder("a", "1").domain(bad).build());
            assertTrue(message.contains("is not a domain name (RFC 6265bis 4.1.2.3)")
                    || message.contains("Domain has"), bad + ": " + message);
        }
    }
}
