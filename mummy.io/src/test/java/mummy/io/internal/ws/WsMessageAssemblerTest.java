package mummy.io.internal.ws;

import static mummy.io.internal.ws.ClientFrames.bytes;
import static mummy.io.internal.ws.ClientFrames.random;
import static mummy.io.internal.ws.ClientFrames.utf8;
import static mummy.io.internal.ws.Frames.assertFails;
import static mummy.io.internal.ws.Frames.binary;
import static mummy.io.internal.ws.Frames.continuation;
import static mummy.io.internal.ws.Frames.control;
import static mummy.io.internal.ws.Frames.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Fragmentation, control frames between fragments, and the frame-order violations (RFC 6455 5.4, 5.5). */
class WsMessageAssemblerTest {

    private static final int PROTOCOL = CloseCodes.PROTOCOL_ERROR;

    private final WsMessageAssembler assembler = new WsMessageAssembler(1 << 20, null);

    @Test
    void singleFinalTextFrameIsAWholeMessage() throws WsProtocolException {
        assertEquals(new WsInbound.Text(utf8("Hello")), assembler.accept(text(true, "Hello")));
    }

    @Test
    void textMessageIsHandedOverAsItsFramesValidatedBytes() throws WsProtocolException {
        byte[] payload = utf8("Grüße 😀");
        WsInbound.Text message = (WsInbound.Text) assembler.accept(text(true, payload));
        assertSame(payload, message.utf8(), "neither decoded nor copied");
    }

    @Test
    void singleFinalBinaryFrameIsAWholeMessage() throws WsProtocolException {
        assertEquals(new WsInbound.Binary(bytes(0, 0xff, 7)), assembler.accept(binary(true, bytes(0, 0xff, 7))));
    }

    @Test
    void twoFragmentsMakeOneTextMessage() throws WsProtocolException {
        assertNull(assembler.accept(text(false, "Hel")));
        assertEquals(new WsInbound.Text(utf8("Hello")), assembler.accept(continuation(true, "lo")));
    }

    @Test
    void threeFragmentsMakeOneBinaryMessage() throws WsProtocolException {
        byte[] data = random(3000, 1);
        assertNull(assembler.accept(binary(false, Arrays.copyOfRange(data, 0, 1000))));
        assertNull(assembler.accept(continuation(false, Arrays.copyOfRange(data, 1000, 2500))));
        assertEquals(new WsInbound.Binary(data), assembler.accept(continuation(true, Arrays.copyOfRange(data, 2500, 3000))));
    }

    @Test
    void emptyFragmentsMakeAnEmptyMessage() throws WsProtocolException {
        assertNull(assembler.accept(text(false, "")));
        assertNull(assembler.accept(continuation(false, "")));
        assertEquals(new WsInbound.Text(utf8("")), assembler.accept(continuation(true, "")));
    }

    @Test
    void controlFramesBetweenFragmentsAreReturnedAtOnceAndLeaveTheMessageWhole() throws WsProtocolException {
        assertNull(assembler.accept(text(false, "fragmented ")));
        assertEquals(new WsInbound.Ping(bytes(1, 2, 3)), assembler.accept(control(Opcode.PING, bytes(1, 2, 3))));
        assertNull(assembler.accept(continuation(false, "and ")));
        assertEquals(new WsInbound.Pong(bytes()), assembler.accept(control(Opcode.PONG, bytes())));
        assertEquals(new WsInbound.Close(1000, ""), assembler.accept(control(Opcode.CLOSE, bytes(0x03, 0xe8))));
        assertEquals(new WsInbound.Text(utf8("fragmented and interrupted")), assembler.accept(continuation(true, "interrupted")));
    }

    @Test
    void messagesFollowOneAnother() throws WsProtocolException {
        assertEquals(new WsInbound.Text(utf8("one")), assembler.accept(text(true, "one")));
        assertNull(assembler.accept(binary(false, bytes(2))));
        assertEquals(new WsInbound.Binary(bytes(2, 2)), assembler.accept(continuation(true, bytes(2))));
        assertNull(assembler.accept(text(false, "thr")));
        assertEquals(new WsInbound.Text(utf8("three")), assembler.accept(continuation(true, "ee")));
    }

    @Test
    void continuationWithoutAStartedMessageFails() {
        assertFails(PROTOCOL, assembler, continuation(true, "orphan"));
    }

    @Test
    void continuationAfterAFinishedMessageFails() throws WsProtocolException {
        assembler.accept(text(true, "done"));
        assertFails(PROTOCOL, assembler, continuation(false, "more"));
    }

    @Test
    void newTextFrameWhileAMessageIsOpenFails() throws WsProtocolException {
        assembler.accept(text(false, "open"));
        assertFails(PROTOCOL, assembler, text(true, "another"));
    }

    @Test
    void newBinaryFrameWhileAMessageIsOpenFails() throws WsProtocolException {
        assembler.accept(binary(false, bytes(1)));
        assertFails(PROTOCOL, assembler, binary(false, bytes(2)));
    }

    @Test
    void rsv1WithoutNegotiatedDeflateFails() {
        assertFails(PROTOCOL, assembler, new Frame(Opcode.TEXT, true, true, bytes()));
    }

    @Test
    void rsv1OnAControlFrameFailsEvenWithDeflate() {
        WsMessageAssembler withDeflate = new WsMessageAssembler(1000, new PerMessageDeflate(PerMessageDeflateTest.TAKEOVER));
        assertFails(PROTOCOL, withDeflate, new Frame(Opcode.PING, true, true, bytes()));
    }

    @Test
    void rsv1OnAContinuationFrameFailsEvenWithDeflate() throws WsProtocolException {
        WsMessageAssembler withDeflate = new WsMessageAssembler(1000, new PerMessageDeflate(PerMessageDeflateTest.TAKEOVER));
        withDeflate.accept(text(false, "plain "));
        assertFails(PROTOCOL, withDeflate, new Frame(Opcode.CONTINUATION, true, true, bytes()));
    }

    @Test
    void fragmentedControlFrameFails() {
        assertFails(PROTOCOL, assembler, new Frame(Opcode.PING, false, false, bytes()));
    }

    @Test
    void controlFrameOver125BytesFails() {
        assertFails(PROTOCOL, assembler, control(Opcode.PONG, new byte[126]));
    }

    @Test
    void controlFrameOf125BytesIsReturned() throws WsProtocolException {
        assertEquals(new WsInbound.Ping(new byte[125]), assembler.accept(control(Opcode.PING, new byte[125])));
    }

    @Test
    void assemblerIsDeadAfterAProtocolError() {
        assertFails(PROTOCOL, assembler, continuation(true, "orphan"));
        assertThrows(IllegalStateException.class, () -> assembler.accept(text(true, "fine")));
    }

    @Test
    void messageOfExactlyTheLimitIsAccepted() throws WsProtocolException {
        WsMessageAssembler limited = new WsMessageAssembler(100, null);
        assertEquals(new WsInbound.Binary(new byte[100]), limited.accept(binary(true, new byte[100])));
        assertNull(limited.accept(text(false, "x".repeat(60))));
        assertEquals(new WsInbound.Text(utf8("x".repeat(100))), limited.accept(continuation(true, "x".repeat(40))));
    }

    @Test
    void singleFrameOverTheLimitFailsWith1009() {
        assertFails(CloseCodes.MESSAGE_TOO_BIG, new WsMessageAssembler(100, null), binary(true, new byte[101]));
    }

    @Test
    void fragmentedMessageFailsWith1009AtTheFragmentThatPassesTheLimit() throws WsProtocolException {
        WsMessageAssembler limited = new WsMessageAssembler(100, null);
        assertNull(limited.accept(binary(false, new byte[40])));
        assertNull(limited.accept(continuation(false, new byte[40])));
        assertFails(CloseCodes.MESSAGE_TOO_BIG, limited, continuation(false, new byte[21]));
    }

    @Test
    void controlFramesDoNotCountTowardsTheMessageLimit() throws WsProtocolException {
        WsMessageAssembler limited = new WsMessageAssembler(100, null);
        assertNull(limited.accept(binary(false, new byte[100])));
        limited.accept(control(Opcode.PING, new byte[125]));
        assertEquals(new WsInbound.Binary(new byte[100]), limited.accept(continuation(true, new byte[0])));
    }

    @Test
    void limitCountsWholeMessagesNotTheConnection() throws WsProtocolException {
        WsMessageAssembler limited = new WsMessageAssembler(100, null);
        for (int i = 0; i < 5; i++) {
            assertEquals(new WsInbound.Binary(new byte[100]), limited.accept(binary(true, new byte[100])));
        }
    }

    @Test
    void negativeLimitIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WsMessageAssembler(-1, null));
    }
}
