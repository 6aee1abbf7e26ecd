package mummy.io.internal.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator against vectors in the style of the Autobahn test suite's case 6 (Markus Kuhn's
 * UTF-8 stress test), fed whole, split in two everywhere and byte by byte, and against the JDK's
 * strict decoder on random input.
 */
class Utf8ValidatorTest {

    /**
     * One vector.
     *
     * @param name what it shows
     * @param hex the bytes
     * @param failAt the index of the byte that makes the input invalid; -1 when valid as a whole,
     *     -2 when a valid prefix that ends inside a sequence
     */
    record Vector(String name, String hex, int failAt) {
        byte[] bytes() {
            return HexFormat.of().parseHex(hex.replace(" ", ""));
        }

        @Override
        public String toString() {
            return name + " [" + hex + "]";
        }
    }

    static final int VALID = -1;
    static final int TRUNCATED = -2;

    static Stream<Vector> vectors() {
        return Stream.of(
                new Vector("6.2 kosme", "ce ba e1 bd b9 cf 83 ce bc ce b5", VALID),
                new Vector("empty", "", VALID),
                new Vector("ASCII", "48 65 6c 6c 6f 00 7f", VALID),
                new Vector("6.3 first 2-byte U+0080", "c2 80", VALID),
                new Vector("6.3 first 3-byte U+0800", "e0 a0 80", VALID),
                new Vector("6.3 first 4-byte U+10000", "f0 90 80 80", VALID),
                new Vector("6.3 5-byte sequence", "f8 88 80 80 80", 0),
                new Vector("6.3 6-byte sequence", "fc 84 80 80 80 80", 0),
                new Vector("6.4 last 2-byte U+07FF", "df bf", VALID),
                new Vector("6.4 last 3-byte U+FFFF", "ef bf bf", VALID),
                new Vector("6.4 max code point U+10FFFF", "f4 8f bf bf", VALID),
                new Vector("6.4 U+1FFFFF", "f7 bf bf bf", 0),
                new Vector("6.5 U+D7FF before the surrogates", "ed 9f bf", VALID),
                new Vector("6.5 U+E000 after the surrogates", "ee 80 80", VALID),
                new Vector("6.5 U+FFFD", "ef bf bd", VALID),
                new Vector("6.5 U+110000 past the maximum", "f4 90 80 80", 1),
                new Vector("6.6 lone continuation 80", "80", 0),
                new Vector("6.6 lone continuation bf", "bf", 0),
                new Vector("6.6 continuation after ASCII", "41 80 bf", 1),
                new Vector("6.6 continuation after a complete 2-byte", "c2 80 80", 2),
                new Vector("6.7 lonely 2-byte start then space", "c2 20", 1),
                new Vector("6.7 lonely 3-byte start then space", "e1 20", 1),
                new Vector("6.7 lonely 4-byte start then space", "f1 20", 1),
                new Vector("6.8 2-byte missing its last byte", "df", TRUNCATED),
                new Vector("6.8 3-byte missing its last byte", "ef bf", TRUNCATED),
                new Vector("6.8 4-byte missing its last byte", "f4 8f bf", TRUNCATED),
                new Vector("6.8 4-byte missing two bytes", "f0 90", TRUNCATED),
                new Vector("6.8 text ending in a 3-byte start", "ce ba e1", TRUNCATED),
                new Vector("6.9 impossible byte fe", "fe", 0),
                new Vector("6.9 impossible byte ff", "ff", 0),
                new Vector("6.9 impossible bytes after text", "41 fe fe ff ff", 1),
                new Vector("6.10 overlong slash c0 af", "c0 af", 0),
                new Vector("6.10 overlong slash e0 80 af", "e0 80 af", 1),
                new Vector("6.10 overlong slash f0 80 80 af", "f0 80 80 af", 1),
                new Vector("6.10 maximum overlong c1 bf", "c1 bf", 0),
                new Vector("6.10 maximum overlong e0 9f bf", "e0 9f bf", 1),
                new Vector("6.10 maximum overlong f0 8f bf bf", "f0 8f bf bf", 1),
                new Vector("6.10 overlong NUL c0 80", "c0 80", 0),
                new Vector("6.10 overlong NUL e0 80 80", "e0 80 80", 1),
                new Vector("6.10 overlong NUL f0 80 80 80", "f0 80 80 80", 1),
                new Vector("6.11 surrogate U+D800", "ed a0 80", 1),
                new Vector("6.11 surrogate U+DB7F", "ed ad bf", 1),
                new Vector("6.11 surrogate U+DC00", "ed b0 80", 1),
                new Vector("6.11 surrogate U+DFFF", "ed bf bf", 1),
                new Vector("6.11 surrogate pair U+D800 U+DC00", "ed a0 80 ed b0 80", 1),
                new Vector("6.12 noncharacter U+FFFE", "ef bf be", VALID),
                new Vector("6.12 noncharacter U+10FFFE", "f4 8f bf be", VALID),
                new Vector("invalid after a valid 4-byte", "f0 9f 98 80 f5", 4),
                new Vector("3-byte start cut by a new start", "e2 82 e2 82 ac", 2),
                new Vector("Autobahn 6.4.1 style: valid text then U+110000", "ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90 80 80", 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorGivesItsVerdictFedWhole(Vector v) {
        byte[] bytes = v.bytes();
        Utf8Validator validator = new Utf8Validator();
        boolean ok = validator.feed(bytes, 0, bytes.length);
        assertEquals(v.failAt() < 0, ok, "feed");
        assertEquals(v.failAt() == VALID, validator.isComplete(), "isComplete");
        assertEquals(v.failAt() == VALID, jdkAccepts(bytes), "the JDK decoder disagrees with the table");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorFailsOnItsFirstBadByteFedOneByteAtATime(Vector v) {
        byte[] bytes = v.bytes();
        Utf8Validator validator = new Utf8Validator();
        int failedAt = -1;
        for (int i = 0; i < bytes.length && failedAt < 0; i++) {
            if (!validator.feed(bytes, i, 1)) {
                failedAt = i;
            }
        }
        assertEquals(Math.max(v.failAt(), -1), failedAt, "index of the first rejected byte");
        assertEquals(v.failAt() == VALID, validator.isComplete(), "isComplete");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorGivesItsVerdictSplitInTwoAnywhere(Vector v) {
        byte[] bytes = v.bytes();
        for (int at = 0; at <= bytes.length; at++) {
            Utf8Validator validator = new Utf8Validator();
            boolean first = validator.feed(bytes, 0, at);
            boolean second = validator.feed(bytes, at, bytes.length - at);
            assertEquals(v.failAt() < 0 || v.failAt() >= at, first, "first part, split at " + at);
            assertEquals(v.failAt() < 0, second, "second part, split at " + at);
            assertEquals(v.failAt() == VALID, validator.isComplete(), "isComplete, split at " + at);
        }
    }

    @Test
    void everyScalarValueIsValidAndEverySurrogateIsNot() {
        Utf8Validator validator = new Utf8Validator();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            byte[] bytes = encode(cp);
            validator.reset();
            boolean surrogate = cp >= 0xd800 && cp <= 0xdfff;
            boolean valid = validator.feed(bytes, 0, bytes.length) && validator.isComplete();
            if (valid == surrogate) {
                fail("U+" + Integer.toHexString(cp) + (valid ? " accepted" : " rejected"));
            }
        }
    }

    @Test
    void everyTwoByteInputAndEveryThreeByteSequenceAgreesWithTheJdkDecoder() {
        CharsetDecoder decoder = strictDecoder();
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < 0x10000; i++) {
            assertAgrees(decoder, validator, new byte[] {(byte) (i >> 8), (byte) i});
        }
        for (int lead = 0xe0; lead <= 0xef; lead++) {
            for (int i = 0; i < 0x10000; i++) {
                assertAgrees(decoder, validator, new byte[] {(byte) lead, (byte) (i >> 8), (byte) i});
            }
        }
    }

    @Test
    void randomBytesAgreeWithTheJdkDecoder() {
        Random random = new Random(6455);
        CharsetDecoder decoder = strictDecoder();
        Utf8Validator validator = new Utf8Validator();
        for (int n = 0; n < 5000; n++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            assertAgrees(decoder, validator, bytes);
        }
    }

    @Test
    void randomTextWithOneByteChangedAgreesWithTheJdkDecoder() {
        Random random = new Random(3629);
        CharsetDecoder decoder = strictDecoder();
        Utf8Validator validator = new Utf8Validator();
        int valid = 0;
        for (int n = 0; n < 5000; n++) {
            StringBuilder text = new StringBuilder();
            for (int c = random.nextInt(6); c >= 0; c--) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> 0x80 + random.nextInt(0x780);
                    case 2 -> 0x800 + random.nextInt(0xd000);
                    default -> 0x10000 + random.nextInt(0x100000);
                };
                text.appendCodePoint(Character.isSurrogate((char) cp) ? 'x' : cp);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (n % 4 != 0) {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : 0x80 + random.nextInt(0x40));
            }
            valid += jdkAccepts(bytes) ? 1 : 0;
            assertAgrees(decoder, validator, bytes);
        }
        assertTrue(valid > 1000 && valid < 4000, valid + " valid inputs: the mix should hold both kinds");
    }

    @Test
    void invalidInputStaysInvalidUntilReset() {
        Utf8Validator validator = new Utf8Validator();
        assertFalse(validator.feed(new byte[] {(byte) 0xff}, 0, 1));
        assertFalse(validator.feed("valid".getBytes(StandardCharsets.US_ASCII), 0, 5));
        assertFalse(validator.isComplete());
        validator.reset();
        assertTrue(validator.feed("valid".getBytes(StandardCharsets.US_ASCII), 0, 5));
        assertTrue(validator.isComplete());
    }

    @Test
    void resetForgetsAnUnfinishedSequence() {
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(new byte[] {(byte) 0xe2, (byte) 0x82}, 0, 2));
        assertFalse(validator.isComplete());
        validator.reset();
        assertTrue(validator.isComplete());
        assertFalse(validator.feed(new byte[] {(byte) 0xac}, 0, 1), "a continuation byte after reset has no lead");
    }

    @Test
    void onlyTheGivenRangeIsRead() {
        byte[] bytes = {(byte) 0xff, 'o', 'k', (byte) 0xff};
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(bytes, 1, 2));
        assertTrue(validator.isComplete());
    }

    private static void assertAgrees(CharsetDecoder decoder, Utf8Validator validator, byte[] bytes) {
        validator.reset();
        boolean whole = validator.feed(bytes, 0, bytes.length) && validator.isComplete();
        validator.reset();
        boolean byteByByte = true;
        for (int i = 0; i < bytes.length; i++) {
            byteByByte &= validator.feed(bytes, i, 1);
        }
        byteByByte &= validator.isComplete();
        boolean jdk = jdkAccepts(decoder, bytes);
        assertEquals(jdk, whole, () -> "whole: " + HexFormat.ofDelimiter(" ").formatHex(bytes));
        assertEquals(jdk, byteByByte, () -> "byte by byte: " + HexFormat.ofDelimiter(" ").formatHex(bytes));
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean jdkAccepts(byte[] bytes) {
        return jdkAccepts(strictDecoder(), bytes);
    }

    private static boolean jdkAccepts(CharsetDecoder decoder, byte[] bytes) {
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        return !decoder.reset().decode(ByteBuffer.wrap(bytes), out, true).isError() && !decoder.flush(out).isError();
    }

    /** UTF-8 of any code point, surrogates included (which String.getBytes would replace). */
    private static byte[] encode(int cp) {
        if (cp < 0x80) {
            return new byte[] {(byte) cp};
        }
        if (cp < 0x800) {
            return new byte[] {(byte) (0xc0 | cp >> 6), (byte) (0x80 | cp & 0x3f)};
        }
        if (cp < 0x10000) {
            return new byte[] {(byte) (0xe0 | cp >> 12), (byte) (0x80 | cp >> 6 & 0x3f), (byte) (0x80 | cp & 0x3f)};
        }
        return new byte[] {(byte) (0xf0 | cp >> 18), (byte) (0x80 | cp >> 12 & 0x3f), (byte) (0x80 | cp >> 6 & 0x3f),
                (byte) (0x80 | cp & 0x3f)};
    }
}
