package mummy.io.internal.ws;

import static mummy.io.internal.ws.ClientFrames.bytes;
import static mummy.io.internal.ws.ClientFrames.concat;
import static mummy.io.internal.ws.ClientFrames.random;
import static mummy.io.internal.ws.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server frames byte for byte: header forms, flags, Close payloads and reason truncation. */
class WsFrameEncoderTest {

    @Test
    void emptyPayloadHasATwoByteHeader() {
        assertArrayEquals(bytes(0x81, 0x00), WsFrameEncoder.encode(Opcode.TEXT, true, false, new byte[0], 0, 0));
    }

    @Test
    void rfcUnmaskedHelloExamplesAreReproduced() {
        // RFC 6455 5.7: "A single-frame unmasked text message", "A fragmented unmasked text message",
        // "Unmasked Ping request"
        byte[] hello = utf8("Hello");
        assertArrayEquals(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                WsFrameEncoder.encode(Opcode.TEXT, true, false, hello, 0, 5));
        assertArrayEquals(bytes(0x01, 0x03, 0x48, 0x65, 0x6c), WsFrameEncoder.encode(Opcode.TEXT, false, false, hello, 0, 3));
        assertArrayEquals(bytes(0x80, 0x02, 0x6c, 0x6f), WsFrameEncoder.encode(Opcode.CONTINUATION, true, false, hello, 3, 2));
        assertArrayEquals(bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                WsFrameEncoder.encode(Opcode.PING, true, false, hello, 0, 5));
    }

    @Test
    void payloadOf125BytesUsesThe7BitLength() {
        byte[] payload = random(125, 1);
        assertArrayEquals(concat(bytes(0x82, 125), payload), WsFrameEncoder.encode(Opcode.BINARY, true, false, payload, 0, 125));
    }

    @Test
    void payloadOf126BytesUsesThe16BitLength() {
        byte[] payload = random(126, 2);
        assertArrayEquals(concat(bytes(0x82, 126, 0x00, 0x7e), payload),
                WsFrameEncoder.encode(Opcode.BINARY, true, false, payload, 0, 126));
    }

    @Test
    void payloadOf65535BytesUsesThe16BitLength() {
        byte[] payload = random(65535, 3);
        assertArrayEquals(concat(bytes(0x82, 126, 0xff, 0xff), payload),
                WsFrameEncoder.encode(Opcode.BINARY, true, false, payload, 0, 65535));
    }

    @Test
    void payloadOf65536BytesUsesThe64BitLength() {
        byte[] payload = random(65536, 4);
        assertArrayEquals(concat(bytes(0x82, 127, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00), payload),
                WsFrameEncoder.encode(Opcode.BINARY, true, false, payload, 0, 65536));
    }

    @Test
    void largePayloadHasItsLengthInNetworkOrder() {
        int length = 0x01_23_45;
        byte[] frame = WsFrameEncoder.encode(Opcode.BINARY, true, false, new byte[length + 7], 7, length);
        assertArrayEquals(bytes(0x82, 127, 0, 0, 0, 0, 0, 0x01, 0x23, 0x45), Arrays.copyOf(frame, 10));
        assertEquals(10 + length, frame.length);
    }

    @Test
    void onlyTheGivenRangeOfThePayloadIsSent() {
        byte[] source = utf8("xxHelloyy");
        assertArrayEquals(concat(bytes(0x81, 5), utf8("Hello")), WsFrameEncoder.encode(Opcode.TEXT, true, false, source, 2, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> WsFrameEncoder.encode(Opcode.TEXT, true, false, source, 5, 5));
    }

    @Test
    void finAndRsv1AreTheTopBitsOfTheFirstByte() {
        byte[] one = {1};
        assertEquals((byte) 0xc1, WsFrameEncoder.encode(Opcode.TEXT, true, true, one, 0, 1)[0]);
        assertEquals((byte) 0x42, WsFrameEncoder.encode(Opcode.BINARY, false, true, one, 0, 1)[0]);
        assertEquals((byte) 0x00, WsFrameEncoder.encode(Opcode.CONTINUATION, false, false, one, 0, 1)[0]);
        assertEquals((byte) 0x8a, WsFrameEncoder.encode(Opcode.PONG, true, false, one, 0, 1)[0]);
    }

    @Test
    void serverFramesAreNeverMasked() {
        for (int length : new int[] {0, 1, 125, 126, 65535, 65536}) {
            byte[] frame = WsFrameEncoder.encode(Opcode.BINARY, true, false, new byte[length], 0, length);
            assertEquals(0, frame[1] & 0x80, "mask bit for length " + length);
        }
    }

    @Test
    void controlFramesThatBreakRfc6455AreRefused() {
        byte[] big = new byte[126];
        assertThrows(IllegalArgumentException.class, () -> WsFrameEncoder.encode(Opcode.PING, true, false, big, 0, 126));
        assertThrows(IllegalArgumentException.class, () -> WsFrameEncoder.encode(Opcode.PONG, false, false, big, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> WsFrameEncoder.encode(Opcode.CLOSE, true, true, big, 0, 2));
        assertEquals(127, WsFrameEncoder.encode(Opcode.PING, true, false, big, 0, 125).length);
    }

    @Test
    void closeFrameCarriesTheCodeInNetworkOrderThenTheReason() {
        assertArrayEquals(bytes(0x88, 0x05, 0x03, 0xe8, 'b', 'y', 'e'), WsFrameEncoder.close(1000, "bye"));
        assertArrayEquals(bytes(0x88, 0x02, 0x0f, 0xa0), WsFrameEncoder.close(4000, ""));
        assertArrayEquals(bytes(0x88, 0x00), WsFrameEncoder.close());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 2000, 5000})
    void closeCodesThatMayNotBeSentAreRefused(int code) {
        assertThrows(IllegalArgumentException.class, () -> WsFrameEncoder.close(code, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "é", "€", "😀"})
    void longReasonIsCutToFitWithoutSplittingACharacter(String unit) {
        for (int prefix = 0; prefix < 4; prefix++) {
            String reason = "x".repeat(prefix) + unit.repeat(130);
            byte[] frame = WsFrameEncoder.close(1001, reason);
            int payloadLength = frame[1];
            assertEquals(frame.length - 2, payloadLength);
            assertTrue(payloadLength <= 125, "payload " + payloadLength);
            byte[] reasonBytes = Arrays.copyOfRange(frame, 4, frame.length);
            int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
            assertEquals(prefix + (123 - prefix) / unitBytes * unitBytes, reasonBytes.length, "longest whole prefix");
            Utf8Validator utf8 = new Utf8Validator();
            assertTrue(utf8.feed(reasonBytes, 0, reasonBytes.length) && utf8.isComplete(), "valid UTF-8");
            assertTrue(reason.startsWith(new String(reasonBytes, StandardCharsets.UTF_8)));
        }
    }

    @Test
    void reasonOfExactly123BytesIsKeptWhole() {
        String reason = "r".repeat(123);
        byte[] frame = WsFrameEncoder.close(1000, reason);
        assertEquals(127, frame.length);
        assertEquals(reason, new String(frame, 4, 123, StandardCharsets.UTF_8));
    }
}
