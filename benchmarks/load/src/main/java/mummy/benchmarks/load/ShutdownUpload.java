package mummy.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One upload of the SIGTERM fault: {@value #LENGTH_MIB} MiB, its head with
 * {@code Expect: 100-continue} so that the server's {@code 100 Continue} proves the upload had
 * begun; {@value #BEFORE_MIB} MiB go before the signal, the rest after it, paced (1 MiB per 50 ms)
 * so that it is still arriving while the server shuts down. The answer must carry the exact count
 * and SHA-256, and then the server must close the connection.
 *
 * <p>Threading: {@link #run} on its own virtual thread; the main thread waits on the latches and
 * reads {@link #problem} after that thread ended.
 */
final class ShutdownUpload {

    static final int LENGTH_MIB = 8;
    static final int BEFORE_MIB = 2;

    private final InetSocketAddress server;
    private final boolean chunked;
    private final CountDownLatch begun;
    private final CountDownLatch signalled;
    volatile String problem = "did not finish";

    ShutdownUpload(InetSocketAddress server, boolean chunked, CountDownLatch begun, CountDownLatch signalled) {
        this.server = server;
        this.chunked = chunked;
        this.begun = begun;
        this.signalled = signalled;
    }

    void run() {
        try (Client client = Client.connect(server, 30_000)) {
            UploadBody body = new UploadBody(client.output(), (long) LENGTH_MIB << 20, chunked);
            client.write(ResponseReader.ascii(client.head("POST", "/upload", body.fields() + "Expect: 100-continue\r\n")));
            HttpResponse interim = client.next();
            if (interim.status() != 100) {
                problem = "Expect: 100-continue answered " + interim.status();
                return;
            }
            body.sendUpTo((long) BEFORE_MIB << 20);
            begun.countDown();
            if (!signalled.await(60, TimeUnit.SECONDS)) {
                problem = "no signal within 60 s";
                return;
            }
            while (body.sent() < body.length()) {
                body.sendUpTo(body.sent() + (1 << 20));
                Thread.sleep(50);
            }
            body.finish();
            problem = body.problem(client.next());
            if (problem == null && !client.awaitPeerClose(20_000)) {
                problem = "bytes after the answer instead of the close";
            }
        } catch (IOException e) {
            problem = "upload: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
    }
}
