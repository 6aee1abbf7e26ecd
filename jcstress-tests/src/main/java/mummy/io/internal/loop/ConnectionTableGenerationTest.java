package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The connection-generation check: a worker's response for connection (fd 5, generation 1) races
 * the IO thread closing that connection and accepting a new one on the reused fd 5 (generation 2).
 * The late response must be dropped, never written to the new connection, whose first response it
 * would otherwise pass for (both are sequence 0).
 *
 * <p>What runs for real: {@link WakeupQueue}, {@link ConnectionTable} and
 * {@link ResponseOrder#accept} into the {@link OutputQueue}. {@code IoLoop} and {@code ConnectionIo} open an epoll instance and an
 * eventfd, so their few lines on this path are mirrored here: {@code onCommand} looks the
 * connection up by fd and generation and {@code ConnectionIo.onSend} drops the response when
 * there is none or it is closed; {@code ConnectionIo.close} marks the connection closed, drops its
 * output and removes it from the table.
 *
 * <p>Result: r1 1 if the old connection took the response before it closed, r2 1 if the new
 * connection took it.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "arrived before the close: queued on the old connection, discarded with it")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "arrived after the close: generation 1 is gone, dropped")
@Outcome(id = ".*, 1", expect = FORBIDDEN, desc = "the old connection's response went to the new connection on the same fd")
@Outcome(expect = FORBIDDEN, desc = "impossible")
@State
public class ConnectionTableGenerationTest {

    private static final int FD = 5;
    private static final byte[] OLD_RESPONSE = "HTTP/1.1 200 OK\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final WakeupQueue<IoCommand> queue = new WakeupQueue<>(new CountingWaker());
    private final ConnectionTable connections = new ConnectionTable();
    private final Connection old = connection(1);
    private final Connection next = connection(2);
    private final ResponseOrder oldOrder = new ResponseOrder();
    private final ResponseOrder nextOrder = new ResponseOrder();
    private int oldTook;

    /** Connection (5, 1) is open with its first request dispatched. */
    public ConnectionTableGenerationTest() {
        connections.add(old);
        oldOrder.next(0);
    }

    /** The worker answers the old connection's request. */
    @Actor
    public void worker() {
        queue.offer(IoCommand.Send.finalResponse(new ResponseSlot(FD, 1, 0), OLD_RESPONSE, false));
    }

    /** The IO thread: a drain, then the old connection hangs up and fd 5 is accepted again, then a drain. */
    @Actor
    public void ioThread() {
        queue.drain(this::onCommand, Integer.MAX_VALUE);
        oldTook = old.out.isEmpty() ? 0 : 1;
        close(old);
        connections.add(next);
        nextOrder.next(0);
        queue.drain(this::onCommand, Integer.MAX_VALUE);
    }

    /** The IO thread's next turn drains whatever is left; then who got the response. */
    @Arbiter
    public void check(II_Result r) {
        queue.drain(this::onCommand, Integer.MAX_VALUE);
        r.r1 = oldTook;
        r.r2 = next.out.isEmpty() ? 0 : 1;
    }

    /** {@code IoLoop.onCommand} and {@code ConnectionIo.onSend}. */
    private void onCommand(IoCommand command) {
        if (command instanceof IoCommand.Send send) {
            Connection connection = connections.get(send.fd(), send.generation());
            if (connection != null && !connection.closed()) {
                (connection == old ? oldOrder : nextOrder).accept(send, released -> connection.out.add(released.bytes()));
            }
        }
    }

    /** {@code ConnectionIo.close} without the system call. */
    private void close(Connection connection) {
        connection.state = Connection.State.CLOSED;
        connection.dropCarry();
        connection.out.clear();
        connections.remove(connection);
    }

    private static Connection connection(long generation) {
        return new Connection(FD, generation, new byte[0]);
    }
}
