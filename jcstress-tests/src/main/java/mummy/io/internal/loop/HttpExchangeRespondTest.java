package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import mummy.api.HttpHeaders;
import mummy.io.internal.http.ResponseEncoder;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two threads of one handler respond to the same request at once: exactly one final response
 * reaches the IO thread's queue, and the other call throws {@link IllegalStateException}.
 *
 * <p>At the level that is constructible: an {@link HttpExchange} needs an {@link IoLoop}, which
 * opens an epoll instance and an eventfd and holds two read buffers, and jcstress makes thousands
 * of states at once. So this test runs the steps of {@code HttpExchange.respond} on the real
 * parts, in its order: {@link ResponseEncoder#encodeFinal}, the claim by
 * {@code compareAndSet(false, true)} on an {@link AtomicBoolean} (the exchange's
 * {@code responded}, which every final path of {@code HttpExchange} claims the same way), then
 * {@code offer} of an {@link IoCommand.Send} to a {@link WakeupQueue}.
 *
 * <p>Result: r1 and r2 1 if that thread's respond returned, 0 if it threw; r3 the final responses
 * the IO thread drains afterwards.
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the first thread's response won, the second thread was refused")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "the second thread's response won, the first thread was refused")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both responded: two final responses for one request")
@Outcome(expect = FORBIDDEN, desc = "no response, or one refused call too many")
@State
public class HttpExchangeRespondTest {

    private static final int FD = 5;
    private static final long GENERATION = 1;
    private static final int SEQUENCE = 0;
    private static final ResponseEncoder.RequestInfo GET = new ResponseEncoder.RequestInfo(false, true, false, null);

    private final WakeupQueue<IoCommand> queue = new WakeupQueue<>(new CountingWaker());
    private final AtomicBoolean responded = new AtomicBoolean();

    /** One thread of the handler responds. */
    @Actor
    public void handlerThread1(III_Result r) {
        r.r1 = tryRespond("first");
    }

    /** Another thread of the handler responds. */
    @Actor
    public void handlerThread2(III_Result r) {
        r.r2 = tryRespond("second");
    }

    /** The IO thread counts the final responses it receives. */
    @Arbiter
    public void ioThread(III_Result r) {
        int[] finals = new int[1];
        queue.drain(command -> {
            if (command instanceof IoCommand.Send send && send.last()) {
                finals[0]++;
            }
        }, Integer.MAX_VALUE);
        r.r3 = finals[0];
    }

    private int tryRespond(String body) {
        try {
            respond(200, body.getBytes(StandardCharsets.UTF_8));
            return 1;
        } catch (IllegalStateException refused) {
            return 0;
        }
    }

    /** {@code HttpExchange.respond(int, HttpHeaders, byte[])}, step for step. */
    private void respond(int status, byte[] body) {
        ResponseEncoder.Encoded encoded = ResponseEncoder.encodeFinal(status, HttpHeaders.empty(), body, GET);
        if (!responded.compareAndSet(false, true)) {
            throw new IllegalStateException("a final response was already sent");
        }
        queue.offer(new IoCommand.Send(FD, GENERATION, SEQUENCE, encoded.bytes(), true, encoded.close(), null, null));
    }
}
