package mummy.io.internal.ws;

import static mummy.io.internal.ws.ClientFrames.bytes;
import static mummy.io.internal.ws.ClientFrames.concat;
import static mummy.io.internal.ws.ClientFrames.utf8;
import static mummy.io.internal.ws.Frames.assertFails;
import static mummy.io.internal.ws.Frames.control;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Close frame payloads (RFC 6455 5.5.1, 7.1.5, 7.4). */
class WsMessageAssemblerCloseTest {

    private final WsMessageAssembler assembler = new WsMessageAssembler(1 << 20, null);

    private static Frame close(int code, byte[] reason) {
        return control(Opcode.CLOSE, concat(bytes(code >> 8, code & 0xff), reason));
    }

    @Test
    void emptyCloseHasNoStatus1005() throws WsProtocolException {
        assertEquals(new WsInbound.Close(CloseCodes.NO_STATUS, ""), assembler.accept(control(Opcode.CLOSE, bytes())));
    }

    @Test
    void oneBytePayloadFailsWith1002() {
        assertFails(CloseCodes.PROTOCOL_ERROR, assembler, control(Opcode.CLOSE, bytes(0x03)));
    }

    @Test
    void codeWithoutReasonGivesAnEmptyReason() throws WsProtocolException {
        assertEquals(new WsInbound.Close(1000, ""), assembler.accept(close(1000, bytes())));
    }

    @Test
    void codeAndReasonAreReturned() throws WsProtocolException {
        assertEquals(new WsInbound.Close(1001, "going away, κόσμε"),
                assembler.accept(close(1001, utf8("going away, κόσμε"))));
    }

    @Test
    void reasonOf123BytesIsReturnedWhole() throws WsProtocolException {
        assertEquals(new WsInbound.Close(4999, "r".repeat(123)), assembler.accept(close(4999, utf8("r".repeat(123)))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    void validCodeIsAccepted(int code) throws WsProtocolException {
        assertEquals(new WsInbound.Close(code, "ok"), new WsMessageAssembler(10, null).accept(close(code, utf8("ok"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void invalidCodeFailsWith1002(int code) {
        assertFails(CloseCodes.PROTOCOL_ERROR, new WsMessageAssembler(10, null), close(code, bytes()));
    }

    @Test
    void reasonThatIsNotUtf8FailsWith1007() {
        assertFails(CloseCodes.INVALID_PAYLOAD, assembler, close(1000, bytes('o', 'k', 0xff)));
    }

    @Test
    void reasonEndingInsideAUtf8SequenceFailsWith1007() {
        assertFails(CloseCodes.INVALID_PAYLOAD, assembler, close(1000, bytes('o', 'k', 0xe2, 0x82)));
    }

    @Test
    void reasonWithAnEncodedSurrogateFailsWith1007() {
        assertFails(CloseCodes.INVALID_PAYLOAD, assembler, close(1000, bytes(0xed, 0xa0, 0x80)));
    }
}
