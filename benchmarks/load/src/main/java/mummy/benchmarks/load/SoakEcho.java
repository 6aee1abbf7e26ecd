package mummy.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A soak client of {@code POST /echo}: random bodies from empty to the server's default
 * {@code maxBodyLength} of 1 MiB, with {@code Content-Length} or chunked, one at a time or up to 8
 * pipelined in one write, on a kept-alive connection that now and then ends with
 * {@code Connection: close}. Every echo must be a 200 with exactly the bytes sent.
 *
 * <p>Threading: one instance per client thread.
 */
final class SoakEcho implements SoakContext.Round {

    /** EchoServer's limit: the default {@code maxBodyLength}. */
    static final int MAX_BODY = 1024 * 1024;

    private Client client;

    @Override
    public void run(SoakContext context) throws IOException {
        ThreadLocalRandom random = context.random();
        if (client == null) {
            client = context.connect();
        }
        int batch = random.nextInt(10) < 7 ? 1 : random.nextInt(2, 9);
        boolean closing = random.nextInt(20) == 0;
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < batch; i++) {
            byte[] body = new byte[bodySize(random)];
            random.nextBytes(body);
            bodies.add(body);
            String fields = closing && i == batch - 1 ? "Connection: close\r\n" : "";
            requests.writeBytes(random.nextInt(5) == 0 ? chunkedRequest(fields, body, random)
                    : client.request("POST", "/echo", fields, body));
        }
        client.write(requests.toByteArray());
        for (int i = 0; i < batch; i++) {
            check(context, client.next(), bodies.get(i), i, batch);
        }
        if (batch > 1) {
            context.tally().add(SoakTally.Count.PIPELINED_BATCHES);
        }
        if (closing) {
            if (!client.awaitPeerClose(SoakContext.ANSWER_TIMEOUT_MILLIS)) {
                context.tally().fail("echo", "bytes after the response to Connection: close, not the close");
            }
            reset();
        }
    }

    @Override
    public void reset() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Mostly small, sometimes up to the limit, exactly the limit now and then. */
    static int bodySize(ThreadLocalRandom random) {
        return switch (random.nextInt(20)) {
            case 0 -> 0;
            case 1 -> MAX_BODY;
            case 2, 3 -> random.nextInt(MAX_BODY + 1);
            case 4, 5, 6, 7, 8 -> random.nextInt(256 * 1024);
            default -> random.nextInt(16 * 1024);
        };
    }

    private byte[] chunkedRequest(String fields, byte[] body, ThreadLocalRandom random) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(ResponseReader.ascii(client.head("POST", "/echo", fields
                + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n")));
        for (int at = 0; at < body.length; ) {
            int length = Math.min(body.length - at, random.nextInt(1, 64 * 1024));
            request.writeBytes(ResponseReader.ascii(Integer.toHexString(length) + "\r\n"));
            request.write(body, at, length);
            request.writeBytes(ResponseReader.ascii("\r\n"));
            at += length;
        }
        request.writeBytes(ResponseReader.ascii("0\r\n\r\n"));
        return request.toByteArray();
    }

    private static void check(SoakContext context, HttpResponse response, byte[] sent, int index, int batch) {
        SoakTally tally = context.tally();
        tally.add(SoakTally.Count.HTTP_REQUESTS);
        String which = "request " + (index + 1) + " of " + batch + " (" + sent.length + " bytes)";
        if (response.status() != 200) {
            tally.fail("echo", which + " answered " + response.status());
            return;
        }
        int differs = Arrays.mismatch(sent, response.body());
        if (differs >= 0) {
            tally.fail("echo", which + ": echo of " + response.body().length + " bytes differs at byte " + differs);
            return;
        }
        tally.add(SoakTally.Count.ECHOES);
        tally.add(SoakTally.Count.ECHO_BYTES, sent.length);
    }
}
