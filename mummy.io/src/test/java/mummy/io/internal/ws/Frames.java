package mummy.io.internal.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

/** Frame values for assembler tests, as the reader would hand them over. */
final class Frames {

    private Frames() {
    }

    static Frame text(boolean fin, String text) {
        return new Frame(Opcode.TEXT, fin, false, text.getBytes(StandardCharsets.UTF_8));
    }

    static Frame text(boolean fin, byte[] bytes) {
        return new Frame(Opcode.TEXT, fin, false, bytes);
    }

    static Frame binary(boolean fin, byte[] bytes) {
        return new Frame(Opcode.BINARY, fin, false, bytes);
    }

    static Frame continuation(boolean fin, String text) {
        return new Frame(Opcode.CONTINUATION, fin, false, text.getBytes(StandardCharsets.UTF_8));
    }

    static Frame continuation(boolean fin, byte[] bytes) {
        return new Frame(Opcode.CONTINUATION, fin, false, bytes);
    }

    static Frame control(Opcode opcode, byte[] payload) {
        return new Frame(opcode, true, false, payload);
    }

    static Frame compressed(Opcode opcode, boolean fin, byte[] payload) {
        return new Frame(opcode, fin, opcode != Opcode.CONTINUATION, payload);
    }

    /** Asserts that a frame fails with {@code closeCode}. */
    static void assertFails(int closeCode, WsMessageAssembler assembler, Frame frame) {
        WsProtocolException e = assertThrows(WsProtocolException.class, () -> assembler.accept(frame));
        assertEquals(closeCode, e.closeCode(), e.getMessage());
    }
}
