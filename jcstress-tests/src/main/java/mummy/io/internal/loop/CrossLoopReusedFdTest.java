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
 * Two IO loops and one fd number: fd numbers are the process's, so the fd that loop B closes may
 * be accepted by loop A at once, and generations are counted per loop, so the new connection may
 * even have the same generation as the old one. A worker's response for B's old connection
 * (fd 5, generation 1) races B closing it and A accepting (fd 5, generation 1). The response goes
 * to the queue of the loop its connection lives on (the worker's handle holds that loop's port),
 * so it must be taken by B's old connection or dropped by B, never written by A.
 *
 * <p>What runs for real: two {@link WakeupQueue}s and {@link ConnectionTable}s, and
 * {@link ResponseOrder#accept} into the {@link OutputQueue}; {@code IoLoop.onCommand},
 * {@code ConnectionIo.onSend} and {@code ConnectionIo.close} are mirrored as in
 * {@link ConnectionTableGenerationTest}.
 *
 * <p>Result: r1 1 if B's old connection took the response, r2 1 if A's new connection did.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "arrived before the close: queued on B's connection, discarded with it")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "arrived after the close: B has no (5, 1) any more, dropped")
@Outcome(id = ".*, 1", expect = FORBIDDEN, desc = "B's connection's response was written to A's connection on the same fd")
@Outcome(expect = FORBIDDEN, desc = "impossible")
@State
public class CrossLoopReusedFdTest {

    private static final int FD = 5;
    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Loop a = new Loop();
    private final Loop b = new Loop();
    private final Connection old = new Connection(FD, 1, new byte[0]);
    private final Connection next = new Connection(FD, 1, new byte[0]);
    private int oldTook;

    /** One loop's queue, table and the response order of its one connection. */
    private static final class Loop {
        final WakeupQueue<IoCommand> queue = new WakeupQueue<>(new CountingWaker());
        final ConnectionTable connections = new ConnectionTable();
        final ResponseOrder order = new ResponseOrder();

        void drain() {
            queue.drain(command -> {
                if (command instanceof IoCommand.Send send) {
                    Connection connection = connections.get(send.fd(), send.generation());
                    if (connection != null && !connection.closed()) {
                        order.accept(send, released -> connection.out.add(released.bytes()));
                    }
                }
            }, Integer.MAX_VALUE);
        }
    }

    /** B holds (5, 1) with its first request dispatched. */
    public CrossLoopReusedFdTest() {
        b.connections.add(old);
        b.order.next(0);
    }

    /** The worker answers B's connection: through B's port, to B's queue. */
    @Actor
    public void worker() {
        b.queue.offer(IoCommand.Send.finalResponse(new ResponseSlot(FD, 1, 0), RESPONSE, false));
    }

    /**
     * The IO threads: loop B drains, then its connection hangs up and is closed; at once loop A
     * accepts fd 5 as its generation 1, dispatches its first request and drains. (One actor for
     * both: A can only get fd 5 after B closed it, and jcstress skips a test that has more
     * actors than the machine has CPUs, two here.)
     */
    @Actor
    public void loops() {
        b.drain();
        oldTook = old.out.isEmpty() ? 0 : 1;
        old.state = Connection.State.CLOSED;
        old.dropCarry();
        old.out.clear();
        b.connections.remove(old);
        a.connections.add(next);
        a.order.next(0);
        a.drain();
    }

    /** Both loops' next turns drain what is left; then who got the response. */
    @Arbiter
    public void check(II_Result r) {
        b.drain();
        a.drain();
        r.r1 = oldTook;
        r.r2 = next.out.isEmpty() ? 0 : 1;
    }
}
