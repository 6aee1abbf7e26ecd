package mummy.io.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mummy.api.HttpHeaders;
import mummy.api.SendResult;
import mummy.io.internal.ffi.FileIo;
import mummy.io.internal.http.ResponseEncoder.StreamFraming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IoCommand.Send} by intent: what each factory means, what it refuses, and what discarding ends. */
class IoCommandSendTest {

    private static final ResponseSlot SLOT = new ResponseSlot(7, 3, 2);
    private static final byte[] BYTES = {1, 2};

    private final WakeupQueue<IoCommand> queue = new WakeupQueue<>(() -> { });
    private final WorkerPort port = InlinePorts.port(queue);

    @Test
    void eachFactorySaysWhetherItEndsTheAnswerAndWhatItCarries() {
        LoopResponseStream stream = stream();
        LoopWebSocket webSocket = webSocket();
        IoCommand.Send head = IoCommand.Send.streamHead(SLOT, BYTES, stream);
        assertEquals(List.of(7, 3L, 2), List.of(head.fd(), head.generation(), head.sequence()));
        assertSame(stream, head.stream());
        assertFalse(head.last());
        assertFalse(IoCommand.Send.interim(SLOT, BYTES).last());
        assertFalse(IoCommand.Send.streamPiece(SLOT, BYTES).last());
        assertTrue(IoCommand.Send.finalResponse(SLOT, BYTES, true).close());
        assertTrue(IoCommand.Send.streamEnd(SLOT, BYTES, false).last());
        IoCommand.Send upgrade = IoCommand.Send.upgradeTo(SLOT, BYTES, webSocket);
        assertTrue(upgrade.last());
        assertSame(webSocket, upgrade.upgrade());
        assertNull(upgrade.stream());
        assertNull(upgrade.file());
    }

    @Test
    void slotsAndSendsRefuseWhatCannotBeSent() {
        assertThrows(IllegalArgumentException.class, () -> new ResponseSlot(-1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ResponseSlot(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ResponseSlot(1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new IoCommand.Send(SLOT, IoCommand.Send.Kind.INTERIM,
                BYTES, true, null), "an interim response cannot close the connection");
        assertThrows(IllegalArgumentException.class, () -> new IoCommand.Send(SLOT, IoCommand.Send.Kind.FILE,
                BYTES, false, null), "a file response carries its file");
        assertThrows(IllegalArgumentException.class, () -> new IoCommand.Send(SLOT, IoCommand.Send.Kind.FINAL,
                BYTES, false, stream()), "a whole response carries nothing");
        assertThrows(NullPointerException.class, () -> IoCommand.Send.finalResponse(SLOT, null, false));
    }

    @Test
    void discardingAStreamHeadEndsTheStreamAndRunsItsCallbacks() throws Exception {
        LoopResponseStream stream = stream();
        AtomicInteger closed = new AtomicInteger();
        stream.onClose(closed::incrementAndGet);
        IoCommand.Send.streamHead(SLOT, BYTES, stream).discard();
        assertFalse(stream.isOpen());
        assertEquals(1, closed.get());
        assertEquals(SendResult.CLOSED, stream.writeBlocking(BYTES), "a blocked writer is not left waiting");
    }

    @Test
    void discardingAnUpgradeMarksItsWebSocketClosing() {
        LoopWebSocket webSocket = webSocket();
        IoCommand.Send.upgradeTo(SLOT, BYTES, webSocket).discard();
        assertFalse(webSocket.isOpen());
        assertEquals(SendResult.CLOSED, webSocket.send("never opened"));
    }

    @Test
    void discardingAFileResponseClosesItsFile(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[10]);
        int fd = FileIo.openForReading(file);
        assertTrue(fd >= 0);
        FileBody body = new FileBody(fd, List.of(new FileBody.Region(0, 10)));
        IoCommand.Send.fileResponse(SLOT, BYTES, false, body).discard();
        assertTrue(body.isClosed());
    }

    @Test
    void aWebSocketSenderPastFourHighWaterMarksIsCutOffOnce() {
        LoopWebSocket webSocket = new LoopWebSocket(queue, 1000, 7, 3, "/ws", HttpHeaders.empty(), new byte[16], null,
                null, null);
        List<SendResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(webSocket.send(new byte[1000]));
        }
        // 1004-byte frames: four of them pass 4 x 1000 queued, so the fifth send is refused
        assertEquals(List.of(SendResult.BACKPRESSURED, SendResult.BACKPRESSURED, SendResult.BACKPRESSURED,
                SendResult.BACKPRESSURED, SendResult.CLOSED, SendResult.CLOSED, SendResult.CLOSED,
                SendResult.CLOSED), results);
        assertFalse(webSocket.isOpen());
        List<IoCommand> commands = new java.util.ArrayList<>();
        queue.drain(commands::add, 100);
        assertEquals(5, commands.size(), "four frames, then one abort: " + commands);
        IoCommand.Abort abort = (IoCommand.Abort) commands.getLast();
        assertEquals(List.of(7, 3L), List.of(abort.fd(), abort.generation()));
    }

    private LoopResponseStream stream() {
        return new LoopResponseStream(port, SLOT, StreamFraming.CHUNKED, -1, false, false);
    }

    private LoopWebSocket webSocket() {
        return new LoopWebSocket(port, 7, 3, "/ws", HttpHeaders.empty(), new byte[16], null, null);
    }
}
