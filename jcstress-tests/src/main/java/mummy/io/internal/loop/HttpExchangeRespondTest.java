package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.nio.charset.StandardCharsets;
import mummy.api.HttpHeaders;
import mummy.io.internal.http.ParsedRequest;
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
 * <p>What runs for real: {@link HttpExchange#respond} (encoding, the claim of the final answer
 * by {@code claimFinal()}, the offer), over a {@link WorkerPort} whose queue the arbiter drains as
 * the IO thread would.
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

    private static final ParsedRequest GET = new ParsedRequest("GET", "/", "/", "", 1, HttpHeaders.empty(),
            new byte[0], HttpHeaders.empty(), true, false);

    private final WakeupQueue<IoCommand> queue = new WakeupQueue<>(new CountingWaker());
    private final HttpExchange exchange = new HttpExchange(JcstressPorts.port(queue), 5, 1, 0, GET, new byte[16],
            false, 0);

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
            exchange.respond(200, HttpHeaders.empty(), body.getBytes(StandardCharsets.UTF_8));
            return 1;
        } catch (IllegalStateException refused) {
            return 0;
        }
    }
}
