package mummy.io.internal.ws;

import static mummy.io.internal.ws.ClientFrames.bytes;
import static mummy.io.internal.ws.ClientFrames.concat;
import static mummy.io.internal.ws.ClientFrames.utf8;
import static mummy.io.internal.ws.Frames.assertFails;
import static mummy.io.internal.ws.Frames.compressed;
import static mummy.io.internal.ws.Frames.text;
import static mummy.io.internal.ws.PerMessageDeflateTest.HELLO;
import static mummy.io.internal.ws.PerMessageDeflateTest.TAKEOVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Compressed messages (RFC 7692 6, 7.2.2): RSV1 on the first frame, inflation frame by frame, limits after inflation. */
class WsMessageAssemblerCompressedTest {

    private final PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER);
    private final WsMessageAssembler assembler = new WsMessageAssembler(64 * 1024, deflate);

    @Test
    void compressedTextFrameIsInflated() throws WsProtocolException {
        assertEquals(new WsInbound.Text(utf8("Hello")), assembler.accept(compressed(Opcode.TEXT, true, HELLO)));
    }

    @Test
    void compressedMessageInTwoFramesIsInflated() throws WsProtocolException {
        // RFC 7692 7.2.3.1: the RSV1 bit is set only on the first frame
        assertNull(assembler.accept(compressed(Opcode.TEXT, false, bytes(0xf2, 0x48, 0xcd))));
        assertEquals(new WsInbound.Text(utf8("Hello")), assembler.accept(compressed(Opcode.CONTINUATION, true, bytes(0xc9, 0xc9, 0x07, 0x00))));
    }

    @Test
    void compressedBinaryInManyFramesWithAPingBetweenIsInflated() throws WsProtocolException {
        byte[] message = ClientFrames.random(20_000, 9);
        byte[] payload = new PerMessageDeflate(TAKEOVER).compress(message);
        int third = payload.length / 3;
        assertNull(assembler.accept(compressed(Opcode.BINARY, false, Arrays.copyOfRange(payload, 0, third))));
        assertEquals(new WsInbound.Ping(bytes(1)), assembler.accept(Frames.control(Opcode.PING, bytes(1))));
        assertNull(assembler.accept(compressed(Opcode.CONTINUATION, false, Arrays.copyOfRange(payload, third, 2 * third))));
        assertEquals(new WsInbound.Binary(message),
                assembler.accept(compressed(Opcode.CONTINUATION, true, Arrays.copyOfRange(payload, 2 * third, payload.length))));
    }

    @Test
    void uncompressedMessageIsTakenAsIsWhenDeflateIsNegotiated() throws WsProtocolException {
        assertEquals(new WsInbound.Text(utf8("plain")), assembler.accept(text(true, "plain")));
    }

    @Test
    void windowIsSharedAcrossCompressedMessagesWithContextTakeover() throws WsProtocolException {
        // RFC 7692 7.2.3.2
        assertEquals(new WsInbound.Text(utf8("Hello")), assembler.accept(compressed(Opcode.TEXT, true, HELLO)));
        assertEquals(new WsInbound.Text(utf8("plain")), assembler.accept(text(true, "plain")));
        assertEquals(new WsInbound.Text(utf8("Hello")),
                assembler.accept(compressed(Opcode.TEXT, true, bytes(0xf2, 0x00, 0x11, 0x00, 0x00))));
    }

    @Test
    void compressedMessageOverTheLimitAfterInflationFailsWith1009() {
        byte[] message = new byte[64 * 1024 + 1];
        byte[] payload = new PerMessageDeflate(TAKEOVER).compress(message);
        assertTrue(payload.length < 1000, "compresses well: " + payload.length);
        assertFails(CloseCodes.MESSAGE_TOO_BIG, assembler, compressed(Opcode.BINARY, true, payload));
    }

    @Test
    void compressedMessageOfExactlyTheLimitIsAccepted() throws WsProtocolException {
        byte[] message = new byte[64 * 1024];
        byte[] payload = new PerMessageDeflate(TAKEOVER).compress(message);
        assertEquals(new WsInbound.Binary(message), assembler.accept(compressed(Opcode.BINARY, true, payload)));
    }

    @Test
    void zipBombInManyFramesIsStoppedAtTheFrameThatPassesTheLimit() {
        byte[] bomb = PerMessageDeflateTest.deflateRaw(new byte[20 << 20]);
        int step = 64;
        int[] frames = {0};
        WsProtocolException e = assertThrows(WsProtocolException.class, () -> {
            for (int from = 0; from < bomb.length; from += step) {
                byte[] part = Arrays.copyOfRange(bomb, from, Math.min(bomb.length, from + step));
                Opcode opcode = from == 0 ? Opcode.BINARY : Opcode.CONTINUATION;
                assertNull(assembler.accept(compressed(opcode, from + step >= bomb.length, part)));
                frames[0]++;
            }
        });
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, e.closeCode());
        assertTrue(frames[0] < bomb.length / step / 10, "stopped after " + frames[0] + " frames of " + bomb.length / step);
        assertTrue(deflate.bytesInflated() <= 64 * 1024 + PerMessageDeflate.INFLATE_CHUNK,
                "inflated " + deflate.bytesInflated() + " bytes");
    }

    @Test
    void invalidUtf8InAnInflatedFirstFrameFailsAtThatFrame() {
        byte[] payload = new PerMessageDeflate(TAKEOVER).compress(concat(utf8("ok "), bytes(0xff), utf8(" more")));
        assertFails(CloseCodes.INVALID_PAYLOAD, assembler, compressed(Opcode.TEXT, false, payload));
    }

    @Test
    void corruptCompressedDataFailsWith1007() {
        assertFails(CloseCodes.INVALID_PAYLOAD, assembler, compressed(Opcode.BINARY, true, bytes(0xff, 0xff)));
    }
}
