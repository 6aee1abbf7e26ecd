package mummy.io.internal.ws;

import static mummy.io.internal.ws.ClientFrames.FIN;
import static mummy.io.internal.ws.ClientFrames.RFC_KEY;
import static mummy.io.internal.ws.ClientFrames.concat;
import static mummy.io.internal.ws.ClientFrames.masked;
import static mummy.io.internal.ws.ClientFrames.random;
import static mummy.io.internal.ws.ClientFrames.utf8;
import static mummy.io.internal.ws.ClientFrames.withLengthForm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frame reader's contract with its caller: consumed(), re-presenting, allocation, death. */
class WsFrameReaderTest {

    @Test
    void severalFramesInOneBufferAreReturnedOneByOneWithTheirConsumedCounts() throws WsProtocolException {
        byte[] first = masked(FIN | 0x1, utf8("one"));
        byte[] second = masked(FIN | 0x9, utf8("ping"));
        byte[] third = masked(FIN | 0x2, random(300, 1));
        byte[] buf = concat(first, second, third);
        WsFrameReader reader = new WsFrameReader(1000, false);

        assertEquals(new Frame(Opcode.TEXT, true, false, utf8("one")), reader.read(buf, 0, buf.length));
        assertEquals(first.length, reader.consumed());
        int pos = first.length;
        assertEquals(new Frame(Opcode.PING, true, false, utf8("ping")), reader.read(buf, pos, buf.length));
        assertEquals(second.length, reader.consumed());
        pos += second.length;
        assertEquals(new Frame(Opcode.BINARY, true, false, random(300, 1)), reader.read(buf, pos, buf.length));
        assertEquals(third.length, reader.consumed());
        assertNull(reader.read(buf, buf.length, buf.length));
        assertEquals(0, reader.consumed());
    }

    @Test
    void partialHeaderIsNotConsumedAndIsReadWhenPresentedAgain() throws WsProtocolException {
        byte[] frame = masked(FIN | 0x2, random(200, 2));
        WsFrameReader reader = new WsFrameReader(1000, false);
        for (int length = 0; length < 8; length++) {
            assertNull(reader.read(frame, 0, length), "header of 8 bytes, " + length + " present");
            assertEquals(0, reader.consumed());
        }
        assertEquals(new Frame(Opcode.BINARY, true, false, random(200, 2)), reader.read(frame, 0, frame.length));
        assertEquals(frame.length, reader.consumed());
    }

    @Test
    void payloadBytesAreConsumedAsSoonAsTheyArrive() throws WsProtocolException {
        byte[] frame = masked(FIN | 0x2, random(200, 3));
        WsFrameReader reader = new WsFrameReader(1000, false);
        assertNull(reader.read(frame, 0, 50));
        assertEquals(50, reader.consumed(), "8 header bytes and 42 payload bytes");
        assertNull(reader.read(frame, 50, 51));
        assertEquals(1, reader.consumed());
        Frame read = reader.read(frame, 51, frame.length);
        assertEquals(frame.length - 51, reader.consumed());
        assertArrayEquals(random(200, 3), read.payload());
    }

    @Test
    void announcedLengthIsNotAllocatedBeforeItsBytesArrive() throws WsProtocolException {
        int announced = 10 << 20;
        byte[] header = withLengthForm(FIN | 0x2, 64, announced, RFC_KEY, new byte[0]);
        WsFrameReader reader = new WsFrameReader(announced, false);
        assertNull(reader.read(header, 0, header.length));
        assertEquals(0, reader.payloadCapacity(), "nothing allocated for a header alone");

        byte[] chunk = new byte[100];
        assertNull(reader.read(chunk, 0, chunk.length));
        assertTrue(reader.payloadCapacity() <= GrowableBytes.INITIAL_CAPACITY, "capacity " + reader.payloadCapacity());

        int arrived = 100;
        byte[] big = new byte[256 * 1024];
        for (int i = 0; i < 8; i++) {
            assertNull(reader.read(big, 0, big.length));
            arrived += big.length;
            assertTrue(reader.payloadCapacity() <= 2L * arrived,
                    "capacity " + reader.payloadCapacity() + " after " + arrived + " bytes");
        }
    }

    @Test
    void payloadIsUnmaskedWithTheKeyPhaseKeptAcrossReads() throws WsProtocolException {
        byte[] payload = random(37, 4);
        byte[] frame = masked(FIN | 0x2, payload, ClientFrames.ODD_KEY);
        WsFrameReader reader = new WsFrameReader(1000, false);
        Frame read = null;
        int pos = 0;
        for (int end : new int[] {7, 9, 10, 17, 18, 31, frame.length}) {
            read = reader.read(frame, pos, end);
            pos += reader.consumed();
        }
        assertArrayEquals(payload, read.payload());
    }

    @Test
    void readerIsDeadAfterAProtocolError() {
        byte[] unmasked = {(byte) 0x81, 0x00};
        WsFrameReader reader = new WsFrameReader(1000, false);
        WsProtocolException e = assertThrows(WsProtocolException.class, () -> reader.read(unmasked, 0, 2));
        assertEquals(CloseCodes.PROTOCOL_ERROR, e.closeCode());
        byte[] valid = masked(FIN | 0x1, utf8("x"));
        assertThrows(IllegalStateException.class, () -> reader.read(valid, 0, valid.length));
    }

    @Test
    void rangeOutsideTheBufferIsRejected() {
        WsFrameReader reader = new WsFrameReader(1000, false);
        assertThrows(IndexOutOfBoundsException.class, () -> reader.read(new byte[4], 2, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.read(new byte[4], 3, 2));
    }

    @Test
    void negativeLimitIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WsFrameReader(-1, false));
    }

    @Test
    void limitOfZeroAcceptsOnlyEmptyFrames() throws WsProtocolException {
        WsFrameReader reader = new WsFrameReader(0, false);
        byte[] empty = masked(FIN | 0x9, new byte[0]);
        assertEquals(new Frame(Opcode.PING, true, false, new byte[0]), reader.read(empty, 0, empty.length));
        byte[] one = masked(FIN | 0x9, new byte[1]);
        WsProtocolException e = assertThrows(WsProtocolException.class, () -> reader.read(one, 0, one.length));
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, e.closeCode());
    }

    @Test
    void frameEqualityComparesPayloadContent() {
        Frame a = new Frame(Opcode.TEXT, true, false, utf8("abc"));
        Frame b = new Frame(Opcode.TEXT, true, false, Arrays.copyOf(utf8("abc"), 3));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(!a.equals(new Frame(Opcode.TEXT, true, false, utf8("abd"))));
        assertTrue(!a.equals(new Frame(Opcode.TEXT, false, false, utf8("abc"))));
        assertTrue(!a.equals(new Frame(Opcode.TEXT, true, true, utf8("abc"))));
        assertTrue(!a.equals(new Frame(Opcode.BINARY, true, false, utf8("abc"))));
    }
}
