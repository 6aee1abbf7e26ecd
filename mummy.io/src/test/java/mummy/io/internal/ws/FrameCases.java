package mummy.io.internal.ws;

import static mummy.io.internal.ws.ClientFrames.FIN;
import static mummy.io.internal.ws.ClientFrames.ODD_KEY;
import static mummy.io.internal.ws.ClientFrames.ONES_KEY;
import static mummy.io.internal.ws.ClientFrames.RFC_KEY;
import static mummy.io.internal.ws.ClientFrames.RSV1;
import static mummy.io.internal.ws.ClientFrames.ZERO_KEY;
import static mummy.io.internal.ws.ClientFrames.bytes;
import static mummy.io.internal.ws.ClientFrames.concat;
import static mummy.io.internal.ws.ClientFrames.masked;
import static mummy.io.internal.ws.ClientFrames.random;
import static mummy.io.internal.ws.ClientFrames.utf8;
import static mummy.io.internal.ws.ClientFrames.withLengthForm;

import java.util.ArrayList;
import java.util.List;

/** The frame reader's table: valid frames with what they give, invalid ones with their close code. */
final class FrameCases {

    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final byte[] EMPTY = new byte[0];

    private FrameCases() {
    }

    static Frame frame(Opcode opcode, boolean fin, byte[] payload) {
        return new Frame(opcode, fin, false, payload);
    }

    static List<FrameCase> valid() {
        byte[] hello = utf8("Hello");
        byte[] b125 = random(125, 1);
        byte[] b126 = random(126, 2);
        byte[] b65535 = random(65535, 3);
        byte[] b65536 = random(65536, 4);
        byte[] b70000 = random(70000, 5);
        List<FrameCase> cases = new ArrayList<>(List.of(
                // RFC 6455 5.7: "A single-frame masked text message", bytes as printed in the RFC
                FrameCase.valid("RFC 6455 5.7 masked Hello",
                        bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
                        frame(Opcode.TEXT, true, hello)),
                FrameCase.valid("RFC 6455 5.7 masked Ping Hello",
                        bytes(0x89, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
                        frame(Opcode.PING, true, hello)),
                FrameCase.valid("empty text frame", masked(FIN | TEXT, EMPTY), frame(Opcode.TEXT, true, EMPTY)),
                FrameCase.valid("empty binary frame not final", masked(BINARY, EMPTY), frame(Opcode.BINARY, false, EMPTY)),
                FrameCase.valid("empty continuation frame", masked(FIN, EMPTY), frame(Opcode.CONTINUATION, true, EMPTY)),
                FrameCase.valid("empty close frame", masked(FIN | CLOSE, EMPTY), frame(Opcode.CLOSE, true, EMPTY)),
                FrameCase.valid("close frame with code and reason", masked(FIN | CLOSE, bytes(0x03, 0xe8, 'b', 'y', 'e')),
                        frame(Opcode.CLOSE, true, bytes(0x03, 0xe8, 'b', 'y', 'e'))),
                FrameCase.valid("empty pong", masked(FIN | PONG, EMPTY), frame(Opcode.PONG, true, EMPTY)),
                FrameCase.valid("ping of 125 bytes, the control maximum", masked(FIN | PING, b125),
                        frame(Opcode.PING, true, b125)),
                FrameCase.valid("7-bit length 125", masked(FIN | BINARY, b125, ODD_KEY), frame(Opcode.BINARY, true, b125)),
                FrameCase.valid("16-bit length 126", masked(FIN | BINARY, b126, ODD_KEY), frame(Opcode.BINARY, true, b126)),
                FrameCase.valid("16-bit length 65535", masked(FIN | BINARY, b65535), frame(Opcode.BINARY, true, b65535)),
                FrameCase.valid("64-bit length 65536", masked(FIN | BINARY, b65536, ODD_KEY),
                        frame(Opcode.BINARY, true, b65536)),
                FrameCase.valid("64-bit length 70000, not final", masked(TEXT, b70000), frame(Opcode.TEXT, false, b70000)),
                FrameCase.valid("zero masking key", masked(FIN | TEXT, hello, ZERO_KEY), frame(Opcode.TEXT, true, hello)),
                FrameCase.valid("all-ones masking key", masked(FIN | TEXT, hello, ONES_KEY), frame(Opcode.TEXT, true, hello)),
                FrameCase.valid("payload of exactly the limit", masked(FIN | BINARY, b126),
                        frame(Opcode.BINARY, true, b126)).withMaxPayload(126),
                FrameCase.valid("RSV1 when permessage-deflate is negotiated", masked(FIN | RSV1 | TEXT, hello),
                        new Frame(Opcode.TEXT, true, true, hello)).withRsv1Allowed(),
                FrameCase.valid("fragments and control frames in one buffer",
                        concat(masked(TEXT, utf8("Hel")), masked(FIN | PING, EMPTY), masked(0, utf8("l")),
                                masked(FIN | PONG, bytes(1, 2)), masked(FIN, utf8("o"), ODD_KEY),
                                masked(FIN | CLOSE, bytes(0x03, 0xe8))),
                        frame(Opcode.TEXT, false, utf8("Hel")), frame(Opcode.PING, true, EMPTY),
                        frame(Opcode.CONTINUATION, false, utf8("l")), frame(Opcode.PONG, true, bytes(1, 2)),
                        frame(Opcode.CONTINUATION, true, utf8("o")), frame(Opcode.CLOSE, true, bytes(0x03, 0xe8))),
                FrameCase.valid("frames of each length form in one buffer",
                        concat(masked(FIN | BINARY, b125), masked(FIN | BINARY, b126), masked(FIN | BINARY, b65536)),
                        frame(Opcode.BINARY, true, b125), frame(Opcode.BINARY, true, b126),
                        frame(Opcode.BINARY, true, b65536))));
        return cases;
    }

    static List<FrameCase> invalid() {
        byte[] hello = utf8("Hello");
        int protocol = CloseCodes.PROTOCOL_ERROR;
        int tooBig = CloseCodes.MESSAGE_TOO_BIG;
        List<FrameCase> cases = new ArrayList<>(List.of(
                // RFC 6455 5.7: "A single-frame unmasked text message", from a client
                FrameCase.invalid("unmasked client frame", protocol, 2, bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f)),
                FrameCase.invalid("unmasked empty close frame", protocol, 2, bytes(0x88, 0x00)),
                FrameCase.invalid("RSV1 without negotiated extension", protocol, 1, masked(FIN | RSV1 | TEXT, hello)),
                FrameCase.invalid("RSV2 set", protocol, 1, masked(FIN | 0x20 | TEXT, hello)),
                FrameCase.invalid("RSV3 set", protocol, 1, masked(FIN | 0x10 | BINARY, hello)),
                FrameCase.invalid("RSV2 set although RSV1 is allowed", protocol, 1, masked(FIN | 0x20 | TEXT, hello))
                        .withRsv1Allowed(),
                FrameCase.invalid("ping not final", protocol, 1, masked(PING, hello)),
                FrameCase.invalid("close not final", protocol, 1, masked(CLOSE, EMPTY)),
                FrameCase.invalid("ping with 16-bit length 126", protocol, 2, masked(FIN | PING, random(126, 6))),
                FrameCase.invalid("pong with 64-bit length form", protocol, 2,
                        withLengthForm(FIN | PONG, 64, 5, RFC_KEY, hello)),
                FrameCase.invalid("16-bit length form for 125 bytes", protocol, 4,
                        withLengthForm(FIN | BINARY, 16, 125, RFC_KEY, random(125, 7))),
                FrameCase.invalid("16-bit length form for 0 bytes", protocol, 4,
                        withLengthForm(FIN | BINARY, 16, 0, RFC_KEY, EMPTY)),
                FrameCase.invalid("64-bit length form for 65535 bytes", protocol, 10,
                        withLengthForm(FIN | BINARY, 64, 65535, RFC_KEY, random(65535, 8))),
                FrameCase.invalid("64-bit length form for 5 bytes", protocol, 10,
                        withLengthForm(FIN | TEXT, 64, 5, RFC_KEY, hello)),
                FrameCase.invalid("64-bit length with the top bit set", protocol, 3,
                        withLengthForm(FIN | BINARY, 64, 0x8000_0000_0000_0005L, RFC_KEY, hello)),
                FrameCase.invalid("7-bit length over the limit", tooBig, 2, masked(FIN | TEXT, hello)).withMaxPayload(4),
                FrameCase.invalid("16-bit length over the limit", tooBig, 4, masked(FIN | BINARY, random(1001, 9)))
                        .withMaxPayload(1000),
                FrameCase.invalid("64-bit length of 2^40 over the default limit", tooBig, 10,
                        withLengthForm(FIN | BINARY, 64, 1L << 40, RFC_KEY, hello)),
                FrameCase.invalid("64-bit length of 2^63-1", tooBig, 10,
                        withLengthForm(FIN | BINARY, 64, Long.MAX_VALUE, RFC_KEY, EMPTY)),
                FrameCase.invalid("valid frame then an unmasked one", protocol, 13,
                        concat(masked(FIN | TEXT, hello), bytes(0x81, 0x00)))));
        for (int opcode : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            cases.add(FrameCase.invalid("reserved opcode " + opcode, protocol, 1, masked(FIN | opcode, hello)));
        }
        return cases;
    }
}
