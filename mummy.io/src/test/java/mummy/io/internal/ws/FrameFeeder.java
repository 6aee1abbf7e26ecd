package mummy.io.internal.ws;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drives a frame reader exactly as the IO loop does: it keeps the unconsumed tail, appends newly
 * read bytes, and calls again while a frame comes back and bytes remain.
 *
 * <p>Each call presents its bytes in the middle of a larger array whose other bytes are
 * {@code 0x70} (RSV2 and RSV3 set, invalid as a first byte), so a reader that reads outside
 * {@code [start, end)} fails. After each read the tail must be a partial header: shorter than
 * {@value FrameHeader#MAX_LENGTH} bytes, as the contract promises.
 */
final class FrameFeeder {

    private static final int GUARD = 3;
    private static final byte GUARD_BYTE = 0x70;

    private final WsFrameReader reader;
    private final List<Frame> frames = new ArrayList<>();
    private byte[] pending = new byte[0];

    FrameFeeder(WsFrameReader reader) {
        this.reader = reader;
    }

    static FrameFeeder whole(FrameCase c, byte[] input) throws WsProtocolException {
        FrameFeeder feeder = new FrameFeeder(c.reader());
        feeder.feed(input, 0, input.length);
        return feeder;
    }

    static FrameFeeder split(FrameCase c, byte[] input, int at) throws WsProtocolException {
        FrameFeeder feeder = new FrameFeeder(c.reader());
        feeder.feed(input, 0, at);
        feeder.feed(input, at, input.length);
        return feeder;
    }

    static FrameFeeder inPieces(FrameCase c, byte[] input, int pieceLength) throws WsProtocolException {
        FrameFeeder feeder = new FrameFeeder(c.reader());
        for (int from = 0; from < input.length; from += pieceLength) {
            feeder.feed(input, from, Math.min(input.length, from + pieceLength));
        }
        return feeder;
    }

    /** Reads {@code bytes[from, to)} as one socket read, after the kept tail. */
    void feed(byte[] bytes, int from, int to) throws WsProtocolException {
        int length = pending.length + to - from;
        byte[] buf = new byte[GUARD + length + GUARD];
        Arrays.fill(buf, GUARD_BYTE);
        System.arraycopy(pending, 0, buf, GUARD, pending.length);
        System.arraycopy(bytes, from, buf, GUARD + pending.length, to - from);
        int pos = GUARD;
        int end = GUARD + length;
        while (pos < end) {
            Frame frame = reader.read(buf, pos, end);
            int used = reader.consumed();
            assertTrue(used >= 0 && used <= end - pos, "consumed " + used + " of " + (end - pos));
            pos += used;
            if (frame == null) {
                break;
            }
            assertNotEquals(0, used, "a frame came back without consuming a byte");
            frames.add(frame);
        }
        pending = Arrays.copyOfRange(buf, pos, end);
        assertTrue(pending.length < FrameHeader.MAX_LENGTH,
                "unconsumed tail of " + pending.length + " bytes, more than a partial header");
    }

    List<Frame> frames() {
        return frames;
    }

    int pendingLength() {
        return pending.length;
    }
}
