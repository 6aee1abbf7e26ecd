package mummy.io.internal.ws;

import static mummy.io.internal.ws.ClientFrames.bytes;
import static mummy.io.internal.ws.ClientFrames.utf8;
import static mummy.io.internal.ws.Frames.assertFails;
import static mummy.io.internal.ws.Frames.binary;
import static mummy.io.internal.ws.Frames.continuation;
import static mummy.io.internal.ws.Frames.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * UTF-8 in text messages across fragments (RFC 6455 8.1): valid wherever a character is split,
 * invalid at the first fragment that makes it so, incomplete at the end of the message.
 */
class WsMessageAssemblerTextTest {

    private static final int INVALID = CloseCodes.INVALID_PAYLOAD;

    private final WsMessageAssembler assembler = new WsMessageAssembler(1 << 20, null);

    /** "a", the character, "b": split in two fragments at every byte, then in three at every pair. */
    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀", "\uDBFF\uDFFF", "κόσμε"})
    void characterSplitAcrossFragmentsAtEveryPointIsValid(String character) throws WsProtocolException {
        String message = "a" + character + "b";
        byte[] bytes = utf8(message);
        for (int i = 0; i <= bytes.length; i++) {
            WsMessageAssembler fresh = new WsMessageAssembler(100, null);
            assertNull(fresh.accept(text(false, Arrays.copyOfRange(bytes, 0, i))), "split at " + i);
            assertEquals(new WsInbound.Text(utf8(message)), fresh.accept(continuation(true, Arrays.copyOfRange(bytes, i, bytes.length))));
            for (int j = i; j <= bytes.length; j++) {
                WsMessageAssembler three = new WsMessageAssembler(100, null);
                assertNull(three.accept(text(false, Arrays.copyOfRange(bytes, 0, i))));
                assertNull(three.accept(continuation(false, Arrays.copyOfRange(bytes, i, j))), "split at " + i + ", " + j);
                assertEquals(new WsInbound.Text(utf8(message)), three.accept(continuation(true, Arrays.copyOfRange(bytes, j, bytes.length))));
            }
        }
    }

    @Test
    void textSentOneByteAFragmentIsValid() throws WsProtocolException {
        String message = "Grüße 😀 κόσμε €";
        byte[] bytes = utf8(message);
        assertNull(assembler.accept(text(false, Arrays.copyOfRange(bytes, 0, 1))));
        for (int i = 1; i < bytes.length - 1; i++) {
            assertNull(assembler.accept(continuation(false, Arrays.copyOfRange(bytes, i, i + 1))), "byte " + i);
        }
        assertEquals(new WsInbound.Text(utf8(message)), assembler.accept(continuation(true, Arrays.copyOfRange(bytes, bytes.length - 1, bytes.length))));
    }

    @Test
    void invalidByteInTheFirstFragmentFailsAtThatFragment() {
        assertFails(INVALID, assembler, text(false, bytes('o', 'k', 0xff, 'x')));
    }

    @Test
    void overlongInTheFirstFragmentFailsAtThatFragment() {
        assertFails(INVALID, assembler, text(false, bytes('/', 0xc0, 0xaf)));
    }

    @Test
    void surrogateCompletedInTheSecondFragmentFailsAtTheSecond() throws WsProtocolException {
        assertNull(assembler.accept(text(false, bytes('a', 0xed))));
        assertFails(INVALID, assembler, continuation(false, bytes(0xa0, 0x80, 'b')));
    }

    @Test
    void codePointOver10FFFFFailsAtTheFragmentOfItsSecondByte() throws WsProtocolException {
        assertNull(assembler.accept(text(false, bytes(0xf4))));
        assertFails(INVALID, assembler, continuation(false, bytes(0x90)));
    }

    @Test
    void invalidByteInAMiddleFragmentFailsBeforeTheMessageEnds() throws WsProtocolException {
        assertNull(assembler.accept(text(false, "valid ")));
        assertNull(assembler.accept(continuation(false, "still valid ")));
        assertFails(INVALID, assembler, continuation(false, bytes(0x80)));
    }

    @Test
    void messageEndingInsideASequenceFailsWith1007() throws WsProtocolException {
        assertNull(assembler.accept(text(false, bytes('a', 0xe2, 0x82))));
        assertFails(INVALID, assembler, continuation(true, bytes()));
    }

    @Test
    void singleFrameEndingInsideASequenceFailsWith1007() {
        assertFails(INVALID, assembler, text(true, bytes('a', 0xf0, 0x9f, 0x98)));
    }

    @Test
    void nextMessageStartsAtACharacterBoundary() throws WsProtocolException {
        assertEquals(new WsInbound.Text(utf8("é")), assembler.accept(text(true, "é")));
        assertFails(INVALID, assembler, text(true, bytes(0xa9)));
    }

    @Test
    void binaryMessagesAreNotValidatedAsText() throws WsProtocolException {
        assertNull(assembler.accept(binary(false, bytes(0xff, 0xe2))));
        assertEquals(new WsInbound.Binary(bytes(0xff, 0xe2, 0xc0)), assembler.accept(continuation(true, bytes(0xc0))));
    }

    @Test
    void controlFrameBetweenTheBytesOfACharacterLeavesItWhole() throws WsProtocolException {
        assertNull(assembler.accept(text(false, bytes(0xe2, 0x82))));
        assertEquals(new WsInbound.Ping(bytes(0xff)), assembler.accept(Frames.control(Opcode.PING, bytes(0xff))));
        assertEquals(new WsInbound.Text(utf8("€")), assembler.accept(continuation(true, bytes(0xac))));
    }
}
