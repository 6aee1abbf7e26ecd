package mummy.io.internal.ws;

import java.util.List;

/**
 * One row of the frame reader's table: input bytes and either the frames they must give or the
 * close code they must fail with.
 *
 * @param name what the case shows, the test's display name
 * @param input the bytes
 * @param maxPayload the reader's frame payload limit
 * @param rsv1Allowed whether the reader is told permessage-deflate was negotiated
 * @param expected the frames, in order; empty for an invalid input
 * @param closeCode the close code of the expected failure; 0 for a valid input
 * @param detectAt for invalid input, the number of leading bytes after which the failure must be
 *     raised, and not one byte earlier
 */
record FrameCase(String name, byte[] input, long maxPayload, boolean rsv1Allowed, List<Frame> expected,
                 int closeCode, int detectAt) {

    static final long DEFAULT_MAX = 1 << 20;

    static FrameCase valid(String name, byte[] input, Frame... expected) {
        return new FrameCase(name, input, DEFAULT_MAX, false, List.of(expected), 0, -1);
    }

    static FrameCase invalid(String name, int closeCode, int detectAt, byte[] input) {
        return new FrameCase(name, input, DEFAULT_MAX, false, List.of(), closeCode, detectAt);
    }

    FrameCase withMaxPayload(long max) {
        return new FrameCase(name, input, max, rsv1Allowed, expected, closeCode, detectAt);
    }

    FrameCase withRsv1Allowed() {
        return new FrameCase(name, input, maxPayload, true, expected, closeCode, detectAt);
    }

    WsFrameReader reader() {
        return new WsFrameReader(maxPayload, rsv1Allowed);
    }

    @Override
    public String toString() {
        return name;
    }
}
