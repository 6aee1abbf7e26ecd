package mummy.benchmarks.load;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A soak client of {@code POST /upload}: bodies of random size up to 64 MiB (a quarter under 64 KiB,
 * empty now and then), with {@code Content-Length} or chunked, a third of them sent only after
 * {@code 100 Continue}, on a kept-alive connection. Each answer must carry the exact byte count and
 * SHA-256 of what was sent.
 *
 * <p>Threading: one instance per client thread.
 */
final class SoakUpload implements SoakContext.Round {

    /** The largest upload. */
    static final long MAX_UPLOAD = 64L * 1024 * 1024;

    private Client client;

    @Override
    public void run(SoakContext context) throws IOException {
        ThreadLocalRandom random = context.random();
        if (client == null) {
            client = context.connect();
        }
        long length = switch (random.nextInt(8)) {
            case 0 -> random.nextInt(10) == 0 ? 0 : random.nextInt(64 * 1024);
            case 1 -> random.nextInt(64 * 1024);
            case 2, 3, 4 -> random.nextLong(8L * 1024 * 1024);
            default -> random.nextLong(MAX_UPLOAD + 1);
        };
        UploadBody body = new UploadBody(client.output(), length, random.nextInt(3) == 0);
        boolean expect = length > 0 && random.nextInt(3) == 0;
        client.write(ResponseReader.ascii(client.head("POST", "/upload",
                body.fields() + (expect ? "Expect: 100-continue\r\n" : ""))));
        if (expect) {
            HttpResponse interim = client.next();
            if (interim.status() != 100) {
                context.tally().fail("upload", "Expect: 100-continue answered " + interim.status() + " before the body");
                reset();
                return;
            }
        }
        body.finish();
        HttpResponse response = client.next();
        context.tally().add(SoakTally.Count.HTTP_REQUESTS);
        String problem = body.problem(response);
        if (problem != null) {
            context.tally().fail("upload", problem);
            reset();
            return;
        }
        context.tally().add(SoakTally.Count.UPLOADS);
        context.tally().add(SoakTally.Count.UPLOAD_BYTES, length);
        context.pause(random.nextInt(200));
    }

    @Override
    public void reset() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
