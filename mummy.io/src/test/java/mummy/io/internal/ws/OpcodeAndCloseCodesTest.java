package mummy.io.internal.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Opcode lookup, close code validity, and the limits of a protocol exception. */
class OpcodeAndCloseCodesTest {

    @Test
    void everyOpcodeIsFoundByItsCodeAndReservedCodesAreNull() {
        for (int code = -1; code <= 16; code++) {
            Opcode opcode = Opcode.of(code);
            switch (code) {
                case 0 -> assertEquals(Opcode.CONTINUATION, opcode);
                case 1 -> assertEquals(Opcode.TEXT, opcode);
                case 2 -> assertEquals(Opcode.BINARY, opcode);
                case 8 -> assertEquals(Opcode.CLOSE, opcode);
                case 9 -> assertEquals(Opcode.PING, opcode);
                case 10 -> assertEquals(Opcode.PONG, opcode);
                default -> assertNull(opcode, "code " + code);
            }
            if (opcode != null) {
                assertEquals(code, opcode.code());
            }
        }
    }

    @Test
    void onlyClosePingAndPongAreControlOpcodes() {
        Set<Opcode> control = Set.of(Opcode.CLOSE, Opcode.PING, Opcode.PONG);
        for (Opcode opcode : Opcode.values()) {
            assertEquals(control.contains(opcode), opcode.isControl(), opcode.name());
        }
    }

    @Test
    void receivedCloseCodesAreValidExactlyInTheDefinedAndRegisteredRanges() {
        for (int code = 0; code < 70_000; code++) {
            boolean expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011)
                    || (code >= 3000 && code <= 4999);
            assertEquals(expected, CloseCodes.isValidReceived(code), "code " + code);
            assertEquals(expected, CloseCodes.isValidToSend(code), "code " + code);
        }
        for (int never : new int[] {999, 1004, 1005, 1006, 1012, 1015, 1016, 2999, 5000}) {
            assertFalse(CloseCodes.isValidReceived(never), "code " + never);
        }
        assertTrue(CloseCodes.isValidReceived(CloseCodes.NORMAL));
    }

    @Test
    void protocolExceptionCarriesItsCodeAndRefusesReasonsLongerThan123Bytes() {
        assertEquals(1009, new WsProtocolException(1009, "too big").closeCode());
        assertEquals("x".repeat(123), new WsProtocolException(1002, "x".repeat(123)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WsProtocolException(1002, "x".repeat(124)));
        assertThrows(IllegalArgumentException.class, () -> new WsProtocolException(1002, "é".repeat(62)));
        assertThrows(IllegalArgumentException.class, () -> new WsProtocolException(1006, "abnormal"));
    }
}
