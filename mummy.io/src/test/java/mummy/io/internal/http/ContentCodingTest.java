package mummy.io.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ContentCodingTest {

    @ParameterizedTest(name = "Accept-Encoding: {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "gzip|GZIP",
        "deflate|DEFLATE",
        "gzip, deflate, br|GZIP",
        "deflate;q=1.0, gzip;q=0.5|DEFLATE",
        "gzip;q=0|none",
        "gzip;q=0, deflate|DEFLATE",
        "*|GZIP",
        "*;q=0|none",
        "br, *;q=0.2|GZIP",
        "gzip;q=0, *;q=0.5|DEFLATE",
        "identity|none",
        "GZip ; Q=0.8|GZIP",
        "gzip;q=bogus|none",
        "x-gzip|GZIP",
        "none|none",
    })
    void negotiationHonoursQValues(String header, String expected) {
        ContentCoding chosen = ContentCoding.negotiate(header);
        assertEquals(expected, chosen == null ? null : chosen.name());
    }

    @Test
    void textualTypesAreCompressible() {
        assertTrue(ContentCoding.compressible("text/html; charset=utf-8"));
        assertTrue(ContentCoding.compressible("application/json"));
        assertTrue(ContentCoding.compressible("application/problem+json"));
        assertTrue(ContentCoding.compressible("image/svg+xml"));
        assertFalse(ContentCoding.compressible("image/png"));
        assertFalse(ContentCoding.compressible("application/octet-stream"));
        assertFalse(ContentCoding.compressible(null));
    }
}
