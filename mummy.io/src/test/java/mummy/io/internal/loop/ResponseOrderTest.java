package mummy.io.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Responses leave a connection in request order, whatever order workers finish in. */
class ResponseOrderTest {

    private final ResponseOrder order = new ResponseOrder();
    private final OutputQueue out = new OutputQueue();
    private final Connection connection = new Connection(7, 1, new byte[0]);

    private IoCommand.Send send(int sequence, String text, boolean last) {
        return send(sequence, text, last, false);
    }

    private IoCommand.Send send(int sequence, String text, boolean last, boolean close) {
        ResponseSlot slot = new ResponseSlot(7, 1, sequence);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return last ? IoCommand.Send.finalResponse(slot, bytes, close) : IoCommand.Send.interim(slot, bytes);
    }

    private boolean accept(IoCommand.Send send) {
        return order.accept(send, released -> out.add(released.bytes()));
    }

    private List<String> written() {
        List<String> written = new ArrayList<>();
        if (!out.isEmpty()) {
            out.items().forEach(b -> written.add(new String((byte[]) b, StandardCharsets.US_ASCII)));
        }
        return written;
    }

    private void requests(int count) {
        for (int i = 0; i < count; i++) {
            order.next(0);
        }
    }

    @Test
    void responsesArrivingOutOfOrderAreQueuedInOrder() {
        requests(3);
        assertFalse(accept(send(2, "c", true)));
        assertFalse(accept(send(1, "b", true)));
        assertTrue(written().isEmpty(), "nothing before response 0");
        assertEquals(2, order.heldBytes(), "the waiting responses count");
        assertTrue(accept(send(0, "a", true)));
        assertEquals(List.of("a", "b", "c"), written());
        assertEquals(0, order.inFlight());
        assertEquals(0, order.heldBytes());
    }

    @Test
    void interimResponsesGoOutInTheirRequestsTurn() {
        requests(2);
        accept(send(1, "hint1", false));
        accept(send(0, "hint0", false));
        assertEquals(List.of("hint0"), written());
        accept(send(0, "final0", true));
        assertEquals(List.of("hint0", "final0", "hint1"), written());
        accept(send(1, "final1", true));
        assertEquals(List.of("hint0", "final0", "hint1", "final1"), written());
    }

    @Test
    void interimThatLostTheRaceToItsFinalIsDropped() {
        requests(2);
        accept(send(1, "final1", true));
        accept(send(1, "late-hint1", false));
        accept(send(0, "final0", true));
        assertEquals(List.of("final0", "final1"), written());
        assertFalse(accept(send(0, "later-hint0", false)));
    }

    @Test
    void nothingFollowsAResponseThatClosesTheConnection() {
        requests(3);
        accept(send(2, "c", true));
        accept(send(1, "b", true));
        accept(send(0, "a-close", true, true));
        assertEquals(List.of("a-close"), written(), "RFC 9112 9.6: nothing after Connection: close");
        assertTrue(order.ended());
        assertEquals(0, order.inFlight(), "the answers still in flight no longer hold the connection open");
        assertFalse(accept(send(1, "late", true)));
        assertEquals(List.of("a-close"), written());
    }

    @Test
    void bodiesInFlightCountUntilTheirAnswerIsReleased() {
        order.next(1000);
        order.next(0);
        order.next(500);
        assertEquals(1500, order.heldBytes());
        accept(send(0, "a", true));
        assertEquals(500, order.heldBytes());
        accept(send(2, "cc", true));
        assertEquals(502, order.heldBytes(), "body 2 in flight plus its early answer");
        accept(send(1, "b", true));
        assertEquals(0, order.heldBytes());
    }

    @Test
    void partialWritesAdvanceAcrossArraysAndReleaseTheQueue() {
        out.add(new byte[] {1, 2, 3});
        out.add(new byte[] {4, 5});
        assertEquals(5, out.heldBytes());
        out.advance(4);
        assertEquals(1, out.offset());
        assertEquals(1, out.size());
        assertEquals(1, out.heldBytes());
        out.advance(1);
        assertTrue(out.isEmpty(), "an empty queue is released");
        assertEquals(0, out.heldBytes());
    }

    @Test
    void emptyPiecesAddNothingToWrite() {
        out.add(new byte[0]);
        assertTrue(out.isEmpty(), "a zero-length array would make a send of 0 bytes that never drains");
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
