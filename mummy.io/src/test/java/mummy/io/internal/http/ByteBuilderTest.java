package mummy.io.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strings become ISO-8859-1 octets, and a char that has no octet is refused, not cut. */
class ByteBuilderTest {

    @Test
    void everyCharUpToFfIsWrittenAsItsOctet() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c <= 0xff; c++) {
            all.append(c);
        }
        ByteBuilder out = new ByteBuilder(4).append(all.toString()).field("X-A", "caf\u00e9");
        byte[] expected = (all + "X-A: caf\u00e9\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(expected, out.toArray(0));
    }

    @Test
    void aCharAboveFfIsRefusedInsteadOfLosingItsHighByte() {
        ByteBuilder out = new ByteBuilder(64).append("HTTP/1.1 200 OK\r\n");
        // Cut to their low bytes, U+010D U+010A would be CR LF and start a field of their own.
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> out.field("X-A", "a\u010d\u010aSet-Cookie: injected=1"));
        assertTrue(error.getMessage().contains("U+010D"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> out.append("\u65e5"));
    }

    @Test
    void aRefusedStringAddsNothing() {
        ByteBuilder out = new ByteBuilder(64).append("ok");
        assertThrows(IllegalArgumentException.class, () -> out.append("abc\u0100"));
        assertEquals(2, out.length());
        assertArrayEquals("ok!".getBytes(StandardCharsets.US_ASCII), out.append("!").toArray(0));
    }
}
