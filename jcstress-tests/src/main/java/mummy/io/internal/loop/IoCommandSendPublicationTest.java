package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Publication of a {@link IoCommand.Send} through the {@link WakeupQueue}: a worker fills a fresh
 * byte array with plain stores, wraps it in a {@code Send} and offers it; the IO thread polls it
 * and must see every component and every byte as written, never a default value.
 *
 * <p>Result: r1 messages the IO thread polled (0 when it polled before the offer), r2 a bit mask
 * of what it saw wrong: 1 fd, 2 generation, 4 sequence, 8 last, 16 close, 32 the array's length,
 * 64 its contents.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "polled before the offer: nothing yet")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "polled the response with every field and byte as written")
@Outcome(expect = FORBIDDEN, desc = "a field or a byte of the response seen unwritten")
@State
public class IoCommandSendPublicationTest {

    private static final int FD = 5;
    private static final long GENERATION = 0x1_0000_0007L;
    private static final int SEQUENCE = 3;
    private static final int LENGTH = 16;

    private final WakeupQueue<IoCommand> queue = new WakeupQueue<>(new CountingWaker());

    /** A worker encodes a response and hands it to the IO thread. */
    @Actor
    public void worker() {
        byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bytes[i] = (byte) (i + 1);
        }
        queue.offer(IoCommand.Send.finalResponse(new ResponseSlot(FD, GENERATION, SEQUENCE), bytes, true));
    }

    /** The IO thread drains at most one message and checks what it got. */
    @Actor
    public void ioThread(II_Result r) {
        int[] wrong = new int[1];
        r.r1 = queue.drain(command -> wrong[0] = check(command), 1);
        r.r2 = wrong[0];
    }

    private static int check(IoCommand command) {
        if (!(command instanceof IoCommand.Send send)) {
            return -1;
        }
        int wrong = 0;
        wrong |= send.fd() == FD ? 0 : 1;
        wrong |= send.generation() == GENERATION ? 0 : 2;
        wrong |= send.sequence() == SEQUENCE ? 0 : 4;
        wrong |= send.last() ? 0 : 8;
        wrong |= send.close() ? 0 : 16;
        byte[] bytes = send.bytes();
        if (bytes.length != LENGTH) {
            return wrong | 32;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (bytes[i] != (byte) (i + 1)) {
                return wrong | 64;
            }
        }
        return wrong;
    }
}
