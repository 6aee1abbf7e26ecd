package mummy.io.internal.loop;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZI_Result;

/**
 * Backpressure of a streamed request body: the IO thread adds bytes that reach the high-water
 * mark and decides to pause reading the socket, while the handler's thread reads the waiting
 * bytes. If the IO thread paused, the reader must ask it to resume exactly once; a pause nobody
 * resumes would hang the upload (the socket is never read again).
 *
 * <p>What runs for real: {@link LoopRequestBody} ({@code bodyBytes}, {@code shouldPause},
 * {@code read}), with marks of 4 and 1 bytes. The body starts with 3 bytes waiting.
 *
 * <p>Result: r1 whether the IO thread paused, r2 how many resumes the reader asked for.
 */
@JCStressTest
@Outcome(id = "true, 1", expect = ACCEPTABLE, desc = "paused, then the reader drained the bytes and asked to resume")
@Outcome(id = "false, 0", expect = ACCEPTABLE, desc = "the reader took the bytes before the mark was checked: no pause")
@Outcome(id = "true, 0", expect = FORBIDDEN, desc = "lost resume: reading paused and nobody will resume it")
@Outcome(expect = FORBIDDEN, desc = "a resume without a pause, or two")
@State
public class RequestBodyPauseResumeTest {

    private final AtomicInteger resumes = new AtomicInteger();
    private final LoopRequestBody body = new LoopRequestBody(new LoopRequestBody.ExchangeChannel() {
        @Override
        public void sendContinue() {
        }

        @Override
        public void resume(LoopRequestBody caughtUp) {
            resumes.incrementAndGet();
        }
    }, false, 4, 1);
    private boolean paused;

    /** Three bytes wait unread. */
    public RequestBodyPauseResumeTest() {
        body.bodyBytes(new byte[3], 0, 3);
    }

    /** The IO thread: one more byte arrives, then it asks whether to stop reading. */
    @Actor
    public void ioThread() {
        body.bodyBytes(new byte[1], 0, 1);
        paused = body.shouldPause();
    }

    /** The handler: reads what waits (never blocks: at least 3 bytes are there). */
    @Actor
    public void reader() {
        try {
            body.read(new byte[16], 0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After both: was reading paused, and how many resumes were asked for. */
    @Arbiter
    public void arbiter(ZI_Result r) {
        r.r1 = paused;
        r.r2 = resumes.get();
    }
}
