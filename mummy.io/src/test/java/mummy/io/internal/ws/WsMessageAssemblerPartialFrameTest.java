package mummy.io.internal.ws;

import static mummy.io.internal.ws.ClientFrames.FIN;
import static mummy.io.internal.ws.ClientFrames.bytes;
import static mummy.io.internal.ws.ClientFrames.concat;
import static mummy.io.internal.ws.ClientFrames.masked;
import static mummy.io.internal.ws.ClientFrames.random;
import static mummy.io.internal.ws.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * UTF-8 fails fast inside one frame whose payload arrives in pieces (RFC 6455 8.1; Autobahn cases
 * 6.4.3 and 6.4.4, which Mummy rated NON-STRICT before {@link WsMessageAssembler#checkPartial}),
 * while valid text split anywhere inside a frame is still accepted whole.
 */
class WsMessageAssemblerPartialFrameTest {

    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CONTINUATION = 0x0;

    private final WsFrameReader reader = new WsFrameReader(1 << 20, false);
    private final WsMessageAssembler assembler = new WsMessageAssembler(1 << 20, null);

    /** Feeds {@code wire[from, to)} as one read, as WsIo does; returns a message or null. */
    private WsInbound feed(byte[] wire, int from, int to) throws WsProtocolException {
        Frame frame = reader.read(wire, from, to);
        assertEquals(to - from, reader.consumed(), "a payload is consumed as it arrives");
        if (frame == null) {
            assembler.checkPartial(reader);
            return null;
        }
        return assembler.accept(frame);
    }

    @Test
    void invalidByteInTheMiddleOfAFrameFailsBeforeTheFrameIsComplete() throws WsProtocolException {
        // Autobahn 6.4.3: a valid prefix, then the invalid code point ED A0 80 (a surrogate), then the rest
        byte[] payload = concat(utf8("κόσμε"), bytes(0xed, 0xa0, 0x80), utf8("edited"));
        byte[] wire = masked(FIN | TEXT, payload);
        int prefixEnd = wire.length - payload.length + utf8("κόσμε").length;
        assertNull(feed(wire, 0, prefixEnd), "the valid prefix is accepted and the frame waits");
        WsProtocolException e = assertThrows(WsProtocolException.class, () -> feed(wire, prefixEnd, prefixEnd + 3));
        assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
    }

    @Test
    void invalidByteInAPartlyReadContinuationFails() throws WsProtocolException {
        assertNull(feed(masked(TEXT, utf8("ok ")), 0, masked(TEXT, utf8("ok ")).length));
        byte[] wire = masked(FIN | CONTINUATION, concat(utf8("still ok "), bytes(0xc0, 0xaf), utf8("and more")));
        assertThrows(WsProtocolException.class, () -> feed(wire, 0, wire.length - 8));
    }

    @Test
    void validTextSplitAtEveryByteOfOneFrameIsAcceptedOnce() throws WsProtocolException {
        String text = "Grüße 😀 κόσμε € and some ASCII";
        byte[] wire = masked(FIN | TEXT, utf8(text));
        for (int split = 1; split < wire.length; split++) {
            WsFrameReader freshReader = new WsFrameReader(1 << 20, false);
            WsMessageAssembler fresh = new WsMessageAssembler(1 << 20, null);
            Frame first = freshReader.read(wire, 0, split);
            int kept = split - freshReader.consumed(); // a partial header is kept and presented again
            assertNull(first);
            fresh.checkPartial(freshReader);
            byte[] rest = Arrays.copyOfRange(wire, split - kept, wire.length);
            Frame frame = freshReader.read(rest, 0, rest.length);
            assertEquals(new WsInbound.Text(utf8(text)), fresh.accept(frame), "split at " + split);
        }
    }

    @Test
    void textSentOneByteAReadIsAccepted() throws WsProtocolException {
        String text = "one byte at a time: ∑ 😀";
        byte[] wire = masked(FIN | TEXT, utf8(text));
        byte[] buffer = new byte[wire.length];
        int kept = 0;
        WsInbound inbound = null;
        for (byte b : wire) {
            buffer[kept++] = b;
            Frame frame = reader.read(buffer, 0, kept);
            int consumed = reader.consumed();
            System.arraycopy(buffer, consumed, buffer, 0, kept - consumed);
            kept -= consumed;
            if (frame == null) {
                assembler.checkPartial(reader);
            } else {
                inbound = assembler.accept(frame);
            }
        }
        assertEquals(new WsInbound.Text(utf8(text)), inbound);
    }

    @Test
    void partialBinaryFramesAreNotChecked() throws WsProtocolException {
        byte[] payload = random(300, 7);
        payload[10] = (byte) 0xff;
        byte[] wire = masked(FIN | BINARY, payload);
        assertNull(feed(wire, 0, 100));
        assertEquals(new WsInbound.Binary(payload), feed(wire, 100, wire.length));
    }
}
