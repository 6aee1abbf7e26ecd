package mummy.io.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import mummy.api.HttpHeaders;
import org.junit.jupiter.api.Test;

/** {@link HttpLimits}, {@link ParsedRequest} and {@link HttpParseException} as values. */
class ValueTypesTest {

    private static ParsedRequest request(String body, int minorVersion) {
        return new ParsedRequest("POST", "/a?b", "/a", "b", minorVersion, HttpHeaders.of("Host", "h"),
                body.getBytes(StandardCharsets.US_ASCII), HttpHeaders.empty(), true, false);
    }

    @Test
    void defaultLimitsAreTheDocumentedValues() {
        assertEquals(new HttpLimits(8192, 8192, 100, 1 << 20, 4096), HttpLimits.defaults());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new HttpLimits(0, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HttpLimits(1, -1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HttpLimits(1, 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HttpLimits(1, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new HttpLimits(1, 1, 1, 1, 0));
    }

    @Test
    void bodyLimitMustFitInAnArray() {
        assertThrows(IllegalArgumentException.class,
                () -> new HttpLimits(1, 1, 1, HttpLimits.MAX_ARRAY_LENGTH + 1L, 1));
        assertEquals(HttpLimits.MAX_ARRAY_LENGTH, new HttpLimits(1, 1, 1, HttpLimits.MAX_ARRAY_LENGTH, 1).maxBodyLength());
    }

    @Test
    void requestsWithTheSameBodyBytesAreEqual() {
        assertEquals(request("abc", 1), request("abc", 1));
        assertEquals(request("abc", 1).hashCode(), request("abc", 1).hashCode());
    }

    @Test
    void requestsWithDifferentBodiesOrVersionsAreNotEqual() {
        assertNotEquals(request("abc", 1), request("abd", 1));
        assertNotEquals(request("abc", 1), request("abc", 0));
    }

    @Test
    void requestTextShowsTheBodyLengthNotItsBytes() {
        String text = request("secret", 1).toString();
        assertTrue(text.contains("body=6 bytes"), text);
        assertTrue(!text.contains("secret"), text);
    }

    @Test
    void versionFollowsTheMinorVersion() {
        assertEquals("HTTP/1.0", request("", 0).version());
        assertEquals("HTTP/1.1", request("", 1).version());
        assertThrows(IllegalArgumentException.class, () -> request("", 2));
    }

    @Test
    void parseFailureCarriesItsStatusAndMessageWithoutAStackTrace() {
        HttpParseException e = new HttpParseException(431, "too many fields");
        assertEquals(431, e.status());
        assertEquals("too many fields", e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        assertThrows(IllegalArgumentException.class, () -> new HttpParseException(200, "fine"));
    }
}
