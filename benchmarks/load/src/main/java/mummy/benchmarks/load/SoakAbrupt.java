package mummy.benchmarks.load;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A soak client that resets its connections ({@code SO_LINGER} 0, an RST) in the middle of things:
 * a request head, a streamed upload, a buffered {@code /echo} body, an echo being written back, an
 * event stream, sixteen pipelined {@code /sleep} being handled, a WebSocket message being echoed.
 * It checks nothing itself (the other clients, the server's log and its descriptors show whether
 * the server coped), except that a broken head sent right after a streamed body in the same write
 * is answered and the connection then closed by the server within 15 s (it used to stay open).
 *
 * <p>Threading: one instance per client thread.
 */
final class SoakAbrupt implements SoakContext.Round {

    private enum Moment { HEAD, UPLOAD, ECHO_BODY, ECHO_RESPONSE, EVENT_STREAM, PIPELINE, WEBSOCKET, BROKEN_AFTER_BODY }

    private static final Moment[] MOMENTS = Moment.values();

    @Override
    public void run(SoakContext context) throws IOException {
        ThreadLocalRandom random = context.random();
        Client client = context.connect();
        try {
            Moment moment = MOMENTS[random.nextInt(MOMENTS.length)];
            if (moment == Moment.BROKEN_AFTER_BODY) {
                brokenAfterBody(context, client);
            } else {
                cutShort(client, moment, random);
            }
        } finally {
            client.abort();
        }
        context.tally().add(SoakTally.Count.DISCONNECTS);
        context.pause(random.nextInt(20, 200));
    }

    private static void cutShort(Client client, Moment moment, ThreadLocalRandom random) throws IOException {
        switch (moment) {
            case HEAD -> {
                byte[] request = client.request("GET", "/sleep", "X-Soak: abrupt\r\n", null);
                client.write(Arrays.copyOf(request, random.nextInt(1, request.length)));
            }
            case UPLOAD -> {
                UploadBody body = new UploadBody(client.output(), random.nextLong(1, 32L * 1024 * 1024), random.nextBoolean());
                client.write(ResponseReader.ascii(client.head("POST", "/upload", body.fields())));
                body.sendUpTo(random.nextLong(body.length()));
            }
            case ECHO_BODY -> {
                byte[] request = client.request("POST", "/echo", randomBytes(SoakEcho.MAX_BODY, random));
                client.write(Arrays.copyOf(request, random.nextInt(request.length)));
            }
            case ECHO_RESPONSE -> {
                client.write(client.request("POST", "/echo", randomBytes(SoakEcho.MAX_BODY, random)));
                client.input().readNBytes(random.nextInt(1, 64 * 1024));
            }
            case EVENT_STREAM -> {
                client.write(client.request("GET", "/sse", null));
                client.input().readNBytes(random.nextInt(1, 200));
            }
            case PIPELINE -> {
                byte[] one = client.request("GET", "/sleep", null);
                byte[] sixteen = new byte[16 * one.length];
                for (int i = 0; i < 16; i++) {
                    System.arraycopy(one, 0, sixteen, i * one.length, one.length);
                }
                client.write(sixteen);
                if (random.nextBoolean()) {
                    client.next();
                }
            }
            case WEBSOCKET -> {
                WsPeer peer = WsPeer.open(client, "/ws");
                peer.send(WsFrames.BINARY, randomBytes(SoakWebSocket.MAX_MESSAGE, random), 1);
            }
        }
    }

    /** {@code POST /upload} with a 5-byte body, then bytes that are no request, in one write. */
    private static void brokenAfterBody(SoakContext context, Client client) throws IOException {
        client.write(ResponseReader.ascii("POST /upload HTTP/1.1\r\nHost: soak\r\nContent-Length: 5\r\n\r\nhello"
                + "G\u0000T / HTTP/1.1\r\n\r\n"));
        client.timeout(15_000);
        try {
            while (client.input().read() >= 0) {
                // the answers: read on to the server's close
            }
        } catch (java.net.SocketTimeoutException stuck) {
            context.tally().fail("abrupt", "a broken head after a streamed body left the connection open for 15 s");
        } catch (IOException reset) {
            // NOTE: closed with a reset: closed all the same
        }
    }

    private static byte[] randomBytes(int length, ThreadLocalRandom random) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
