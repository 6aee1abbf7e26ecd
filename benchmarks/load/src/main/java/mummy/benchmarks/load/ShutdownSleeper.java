package mummy.benchmarks.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * One connection of the SIGTERM fault with {@value #DEPTH} pipelined {@code GET /sleep} (about
 * 0.4 s of handler time, one after another): every response must be a whole 200 {@code ok}, in
 * order, and the connection may end only after all of them or right after a response announcing
 * {@code Connection: close} (RFC 9112 9.6: requests after that one are not answered).
 *
 * <p>Threading: {@link #send} on the main thread, {@link #read} on its own virtual thread; the
 * counts are read by the main thread after that thread ended.
 */
final class ShutdownSleeper {

    /** Pipelined requests per connection. */
    static final int DEPTH = 16;

    private final Client client;
    private final int localPort;
    // NOTE: written only by the reading thread; volatile so that the main thread may watch progress.
    volatile int answered;
    volatile int answeredAfterSignal;
    volatile String problem;

    ShutdownSleeper(InetSocketAddress server) throws IOException {
        this.client = Client.connect(server, 30_000);
        this.localPort = client.localPort();
    }

    int localPort() {
        return localPort;
    }

    void send() throws IOException {
        byte[] one = client.request("GET", "/sleep", null);
        byte[] all = new byte[DEPTH * one.length];
        for (int i = 0; i < DEPTH; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        client.write(all);
    }

    /** Reads every answer; {@code signalled} says whether SIGTERM has been sent. */
    void read(BooleanSupplier signalled) {
        try (client) {
            boolean closeAnnounced = false;
            while (answered < DEPTH && !closeAnnounced) {
                HttpResponse response;
                try {
                    response = client.next();
                } catch (EOFException e) {
                    problem = "the connection ended after " + answered + " of " + DEPTH
                            + " responses, the last without Connection: close";
                    return;
                }
                if (response.status() != 200 || !Arrays.equals(response.body(), ResponseReader.ascii("ok"))) {
                    problem = "GET /sleep answered " + response.status() + " with " + response.body().length + " bytes";
                    return;
                }
                answered++;
                answeredAfterSignal += signalled.getAsBoolean() ? 1 : 0;
                closeAnnounced = "close".equalsIgnoreCase(response.header("connection"));
            }
            if (!client.awaitPeerClose(20_000)) {
                problem = closeAnnounced
                        ? "response " + answered + " announced Connection: close, yet more bytes followed instead of the"
                                + " close (RFC 9112 9.6: no further requests are processed)"
                        : "bytes after the last response instead of the close";
            }
        } catch (IOException e) {
            problem = "after " + answered + " responses: " + e;
        }
    }
}
