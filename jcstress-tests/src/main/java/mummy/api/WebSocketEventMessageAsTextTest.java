package mummy.api;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.nio.charset.StandardCharsets;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two threads call {@link WebSocketEvent.Message#asText()} on one text message at once: the
 * benign race of its unsynchronised cache. Each must get the whole text; they may get one
 * {@code String} (one decoded, the other read the cached reference) or two equal ones (both
 * decoded). A thread that sees the cached reference but a partly built string is forbidden.
 *
 * <p>Result: r1 and r2 1 if that thread's text was right, 0 if not; r3 1 if both got the same
 * instance, 0 if each decoded its own.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "one decoded, the other got the cached text")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "both decoded at once: two equal texts")
@Outcome(expect = FORBIDDEN, desc = "a thread got a wrong or partly built text")
@State
public class WebSocketEventMessageAsTextTest {

    private static final String TEXT = "Grüße 😀 κόσμε, a text that is not Latin-1";
    private static final byte[] UTF8 = TEXT.getBytes(StandardCharsets.UTF_8);

    private final WebSocketEvent.Message message = WebSocketEvent.Message.text(UTF8);
    private String first;
    private String second;

    /** A worker asks for the text. */
    @Actor
    public void worker1(III_Result r) {
        first = message.asText();
        r.r1 = TEXT.equals(first) ? 1 : 0;
    }

    /** Another thread asks for it at the same time. */
    @Actor
    public void worker2(III_Result r) {
        second = message.asText();
        r.r2 = TEXT.equals(second) ? 1 : 0;
    }

    /** After both: did they share one decoding. */
    @Arbiter
    public void compare(III_Result r) {
        r.r3 = first == second ? 1 : 0;
    }
}
