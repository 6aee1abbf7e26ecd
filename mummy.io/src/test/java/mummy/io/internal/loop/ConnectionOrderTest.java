package mummy.io.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mummy.io.internal.http.HttpLimits;
import mummy.io.internal.http.HttpRequestParser;
import org.junit.jupiter.api.Test;

/** Responses leave a connection in request order, whatever order workers finish in. */
class ConnectionOrderTest {

    private final Connection connection = new Connection(7, 1, new byte[0], new HttpRequestParser(HttpLimits.defaults()));

    private IoCommand.Send send(int sequence, String text, boolean last) {
        return new IoCommand.Send(7, 1, sequence, text.getBytes(StandardCharsets.US_ASCII), last, false, null, null);
    }

    private List<String> written() {
        List<String> out = new ArrayList<>();
        if (connection.out != null) {
            connection.out.forEach(b -> out.add(new String((byte[]) b, StandardCharsets.US_ASCII)));
        }
        return out;
    }

    @Test
    void responsesArrivingOutOfOrderAreQueuedInOrder() {
        connection.nextSequence = 3;
        assertFalse(connection.accept(send(2, "c", true)));
        assertFalse(connection.accept(send(1, "b", true)));
        assertTrue(written().isEmpty(), "nothing before response 0");
        assertTrue(connection.accept(send(0, "a", true)));
        assertEquals(List.of("a", "b", "c"), written());
        assertEquals(0, connection.inFlight());
    }

    @Test
    void interimResponsesGoOutInTheirRequestsTurn() {
        connection.nextSequence = 2;
        connection.accept(send(1, "hint1", false));
        connection.accept(send(0, "hint0", false));
        assertEquals(List.of("hint0"), written());
        connection.accept(send(0, "final0", true));
        assertEquals(List.of("hint0", "final0", "hint1"), written());
        connection.accept(send(1, "final1", true));
        assertEquals(List.of("hint0", "final0", "hint1", "final1"), written());
    }

    @Test
    void interimThatLostTheRaceToItsFinalIsDropped() {
        connection.nextSequence = 2;
        connection.accept(send(1, "final1", true));
        connection.accept(send(1, "late-hint1", false));
        connection.accept(send(0, "final0", true));
        assertEquals(List.of("final0", "final1"), written());
        assertFalse(connection.accept(send(0, "later-hint0", false)));
    }

    @Test
    void closeFlagStopsParsingAndClosesAfterTheFlush() {
        connection.nextSequence = 1;
        connection.accept(new IoCommand.Send(7, 1, 0, new byte[] {1}, true, true, null, null));
        assertTrue(connection.noMoreRequests);
        assertTrue(connection.closeAfterFlush);
    }

    @Test
    void partialWritesAdvanceAcrossArraysAndReleaseTheQueue() {
        connection.enqueue(new byte[] {1, 2, 3});
        connection.enqueue(new byte[] {4, 5});
        connection.advance(4);
        assertEquals(1, connection.outOffset);
        assertEquals(1, connection.out.size());
        connection.advance(1);
        assertNull(connection.out, "an empty queue is released");
    }

    @Test
    void emptyPiecesAddNothingToWrite() {
        connection.enqueue(new byte[0]);
        assertNull(connection.out, "a zero-length array would make a send of 0 bytes that never drains");
    }

    @Test
    void carryKeepsOnlyTheUnparsedRest() {
        byte[] shared = "GET / HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII);
        connection.keep(shared, 16, shared.length);
        assertEquals(2, connection.carryLength);
        assertEquals("Ho", new String(connection.carry, 0, 2, StandardCharsets.US_ASCII));
        connection.keep(connection.carry, 2, 2);
        assertNull(connection.carry, "nothing kept, nothing held");
    }
}
