package mummy.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A soak client that sends a byte now and then (slowloris). Three kinds, chosen at random:
 * <ul>
 *   <li>a slow head of about 230 bytes, a byte every 0.3 to 1.5 s: the server must cut it with a
 *       408 within its 10 s header timeout (+ {@value #SLACK_SECONDS} s);</li>
 *   <li>a slow {@code /echo} body of 8 to 24 bytes, a byte every 0.3 to 2 s, each gap well inside
 *       the 30 s body timeout: it must be echoed exactly, or cut with a 408 (a server may enforce
 *       a minimum data rate);</li>
 *   <li>a body that stops after a few bytes: the server must answer 408 within its 30 s body
 *       timeout (+ {@value #SLACK_SECONDS} s) of the last byte.</li>
 * </ul>
 * After a 408 the server must close the connection. A client still waiting when the run ends is
 * dropped without a verdict.
 *
 * <p>Threading: one instance per client thread.
 */
final class SoakTrickle implements SoakContext.Round {

    /** EchoServer's header timeout (the server's default). */
    static final int HEADER_TIMEOUT_SECONDS = 10;
    /** EchoServer's body timeout (the server's default). */
    static final int BODY_TIMEOUT_SECONDS = 30;
    /** How late after its timeout a cut may come on a loaded machine. */
    static final int SLACK_SECONDS = 10;

    @Override
    public void run(SoakContext context) throws IOException {
        ThreadLocalRandom random = context.random();
        try (Client client = context.connect()) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                slowHead(context, client);
            } else if (kind < 9) {
                slowBody(context, client);
            } else {
                stoppedBody(context, client);
            }
        }
        context.pause(random.nextInt(1000));
    }

    private static void slowHead(SoakContext context, Client client) throws IOException {
        byte[] head = ResponseReader.ascii(client.head("GET", "/", "X-Trickle: " + "a".repeat(200) + "\r\n"));
        long started = System.nanoTime();
        HttpResponse response = trickle(context, client, head, 300, 1500);
        if (context.over()) {
            return;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        if (response == null) {
            context.tally().fail("trickle", "a slow head was never cut: all " + head.length + " bytes sent in " + seconds + " s");
        } else if (response.status() != 408 || seconds > HEADER_TIMEOUT_SECONDS + SLACK_SECONDS) {
            context.tally().fail("trickle", "a slow head answered " + response.status() + " after " + seconds + " s");
        } else if (closed(context, client, "slow head")) {
            context.tally().add(SoakTally.Count.SLOW_HEADS_CUT);
        }
    }

    private static void slowBody(SoakContext context, Client client) throws IOException {
        byte[] body = new byte[context.random().nextInt(8, 25)];
        context.random().nextBytes(body);
        client.write(ResponseReader.ascii(client.head("POST", "/echo", "Content-Length: " + body.length + "\r\n")));
        HttpResponse early = trickle(context, client, body, 300, 2000);
        if (context.over()) {
            return;
        }
        if (early != null) {
            if (early.status() != 408) {
                context.tally().fail("trickle", "a slow body answered " + early.status() + " before it was complete");
            } else if (closed(context, client, "slow body")) {
                context.tally().add(SoakTally.Count.TRICKLING_BODIES_CUT);
            }
            return;
        }
        client.timeout(SoakContext.ANSWER_TIMEOUT_MILLIS);
        HttpResponse echo = client.next();
        context.tally().add(SoakTally.Count.HTTP_REQUESTS);
        if (echo.status() != 200 || !Arrays.equals(body, echo.body())) {
            context.tally().fail("trickle", "a slow body of " + body.length + " bytes answered " + echo.status()
                    + " with " + echo.body().length + " bytes, not its echo");
        } else {
            context.tally().add(SoakTally.Count.SLOW_BODIES_ECHOED);
        }
    }

    private static void stoppedBody(SoakContext context, Client client) throws IOException {
        byte[] body = new byte[context.random().nextInt(1, 6)];
        client.write(ResponseReader.ascii(client.head("POST", "/echo", "Content-Length: 1000\r\n")));
        if (trickle(context, client, body, 300, 1000) != null || context.over()) {
            return; // cut while still sending: the slow-body case covers that
        }
        long stopped = System.nanoTime();
        long limitMillis = TimeUnit.SECONDS.toMillis(BODY_TIMEOUT_SECONDS + SLACK_SECONDS);
        if (!answered(client, (int) Math.min(limitMillis, context.millisLeft() + 1))) {
            if (!context.over()) {
                context.tally().fail("trickle", "a body that stopped was not cut within " + limitMillis / 1000 + " s");
            }
            return;
        }
        HttpResponse response = client.next();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopped);
        if (response.status() != 408) {
            context.tally().fail("trickle", "a body that stopped answered " + response.status() + " after " + seconds + " s");
        } else if (closed(context, client, "stopped body")) {
            context.tally().add(SoakTally.Count.STOPPED_BODIES_CUT);
        }
    }

    /**
     * Sends {@code bytes} one at a time with a random gap before each but the first, watching for
     * an answer during the gaps.
     *
     * @return the server's answer if one came before the last byte was sent, else null (also when
     *     the run ended)
     */
    private static HttpResponse trickle(SoakContext context, Client client, byte[] bytes, int minGap, int maxGap)
            throws IOException {
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0 && answered(client, context.random().nextInt(minGap, maxGap + 1))) {
                return client.next();
            }
            if (context.over()) {
                return null;
            }
            client.output().write(bytes[i]);
        }
        return null;
    }

    /** Whether a byte of an answer arrives within {@code millis}; the end of the stream is an error. */
    private static boolean answered(Client client, int millis) throws IOException {
        BufferedInputStream in = client.input();
        client.timeout(Math.max(1, millis));
        in.mark(1);
        try {
            if (in.read() < 0) {
                throw new IOException("closed by the server without an answer");
            }
            in.reset();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static boolean closed(SoakContext context, Client client, String what) throws IOException {
        if (client.awaitPeerClose(SoakContext.ANSWER_TIMEOUT_MILLIS)) {
            return true;
        }
        context.tally().fail("trickle", "bytes after the 408 to a " + what + ", not the close");
        return false;
    }
}
