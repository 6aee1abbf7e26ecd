package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.ArrayList;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.api.SendResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@code WebSocket.send} racing {@code WebSocket.close} on two threads: the send either reports
 * QUEUED and its frame is queued <em>before</em> the Close frame, or reports CLOSED and queues
 * nothing. A data frame after the Close frame (RFC 6455 5.5.1: nothing may follow it), a frame
 * reported CLOSED yet queued, or a lost Close frame is forbidden.
 *
 * <p>Result: r1 the send's result (0 QUEUED, 1 CLOSED, 2 BACKPRESSURED), r2 the position of the
 * data frame in the queue (-1 none), r3 the position of the Close frame (-1 none).
 */
@JCStressTest
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "send first: its frame, then the Close frame")
@Outcome(id = "1, -1, 0", expect = ACCEPTABLE, desc = "close first: the send says CLOSED and queues nothing")
@Outcome(expect = FORBIDDEN, desc = "a frame after Close, a CLOSED send that queued, or no Close frame")
@State
public class LoopWebSocketSendCloseTest {

    private final WakeupQueue<IoCommand> queue = new WakeupQueue<>(new CountingWaker());
    private final LoopWebSocket webSocket = new LoopWebSocket(queue, Long.MAX_VALUE, 5, 1, "/ws",
            HttpHeaders.empty(), new byte[16], null, null, null);

    /** A worker sends a message. */
    @Actor
    public void sender(III_Result r) {
        SendResult result = webSocket.send("x");
        r.r1 = result == SendResult.QUEUED ? 0 : result == SendResult.CLOSED ? 1 : 2;
    }

    /** Another worker closes the connection. */
    @Actor
    public void closer() {
        webSocket.close(1000, "");
    }

    /** The IO thread drains what was offered. */
    @Arbiter
    public void ioThread(III_Result r) {
        List<IoCommand.WsFrame> frames = new ArrayList<>();
        queue.drain(command -> frames.add((IoCommand.WsFrame) command), 16);
        r.r2 = -1;
        r.r3 = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).close()) {
                r.r3 = i;
            } else {
                r.r2 = i;
            }
        }
    }
}
