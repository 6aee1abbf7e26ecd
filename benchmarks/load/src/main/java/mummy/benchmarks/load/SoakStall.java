package mummy.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A soak client that never reads: it writes pipelined {@code POST /echo} requests (64 KiB each,
 * one every 2 ms; or, as "downloads", 1 MiB each, one every 20 ms) and reads none of the echoes.
 * The server must push back (stop reading, so that writes make no progress for
 * {@value #PUSHBACK_MILLIS} ms) before the client has written {@value #LIMIT_MIB} MiB, and must
 * close the connection within its 30 s write timeout (+ {@value #SLACK_SECONDS} s) of the client's
 * last accepted byte. Whether it closed is read afterwards: what arrives then must end in a FIN or
 * a reset; a pause of 2 s, or more than 256 MiB, means the connection was still open.
 *
 * <p>Threading: one instance per client thread.
 */
final class SoakStall implements SoakContext.Round {

    /** How much a client that reads nothing may write before the server must have pushed back. */
    static final int LIMIT_MIB = 64;
    /** How long writes must make no progress to count as pushed back. */
    static final int PUSHBACK_MILLIS = 2000;
    /** EchoServer's write timeout (the server's default). */
    static final int WRITE_TIMEOUT_SECONDS = 30;
    /** How late after the write timeout the close may come on a loaded machine. */
    static final int SLACK_SECONDS = 15;

    private final boolean downloads;

    SoakStall(boolean downloads) {
        this.downloads = downloads;
    }

    /** How the writing ended: the bytes written, the last time one was accepted, and why it stopped. */
    private record Writing(long sent, long lastProgressNanos, boolean cut, boolean pushedBack) {
    }

    @Override
    public void run(SoakContext context) throws IOException {
        try (SocketChannel channel = SocketChannel.open(context.server())) {
            try {
                Writing writing = write(context, channel);
                if (!context.over()) {
                    judge(context, channel, writing);
                }
            } finally {
                Sockets.abortQuietly(channel.socket());
            }
        }
    }

    private Writing write(SoakContext context, SocketChannel channel) throws IOException {
        byte[] body = new byte[downloads ? SoakEcho.MAX_BODY : 64 * 1024];
        context.random().nextBytes(body);
        byte[] head = ResponseReader.ascii("POST /echo HTTP/1.1\r\nHost: soak\r\nContent-Length: " + body.length + "\r\n\r\n");
        ByteBuffer request = ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip();
        channel.configureBlocking(false);
        long lastProgress = System.nanoTime();
        long sent = 0;
        try {
            while (sent < (long) LIMIT_MIB << 20 && !context.over()) {
                request.rewind();
                while (request.hasRemaining()) {
                    int n = channel.write(request);
                    long now = System.nanoTime();
                    if (n > 0) {
                        sent += n;
                        lastProgress = now;
                    } else if (now - lastProgress > TimeUnit.MILLISECONDS.toNanos(PUSHBACK_MILLIS)) {
                        return new Writing(sent, lastProgress, false, true);
                    } else {
                        context.pause(5);
                    }
                }
                context.pause(downloads ? 20 : 2);
            }
        } catch (IOException e) {
            return new Writing(sent, lastProgress, true, false); // closed by the server while we wrote
        }
        return new Writing(sent, lastProgress, false, false);
    }

    private void judge(SoakContext context, SocketChannel channel, Writing writing) throws IOException {
        if (!writing.cut() && !writing.pushedBack()) {
            context.tally().add(SoakTally.Count.STALLED_READERS_NO_BACKPRESSURE);
            context.tally().fail(name(), "the server read " + (writing.sent() >> 20) + " MiB of requests from a client that"
                    + " reads nothing and never pushed back");
        }
        String open = null;
        if (!writing.cut()) {
            long verdictAt = writing.lastProgressNanos() + TimeUnit.SECONDS.toNanos(WRITE_TIMEOUT_SECONDS + SLACK_SECONDS);
            context.pause(TimeUnit.NANOSECONDS.toMillis(verdictAt - System.nanoTime()));
            if (context.over()) {
                return;
            }
            open = stillOpen(channel);
        }
        if (open == null) {
            context.tally().add(SoakTally.Count.STALLED_READERS_CUT);
        } else {
            context.tally().fail(name(), "still connected " + (WRITE_TIMEOUT_SECONDS + SLACK_SECONDS) + " s after the"
                    + " server last accepted a byte from a client that reads nothing (" + open + ")");
        }
    }

    private String name() {
        return downloads ? "stalled download" : "stalled pipeline";
    }

    /**
     * Reads what the server queued, up to 256 MiB and 20 s.
     *
     * @return null when it ended in a FIN or a reset (the server had closed), else what showed that
     *     the connection was open
     */
    private static String stillOpen(SocketChannel channel) throws IOException {
        channel.configureBlocking(true);
        channel.socket().setSoTimeout(2000);
        InputStream in = channel.socket().getInputStream();
        byte[] buffer = new byte[256 * 1024];
        long read = 0;
        long started = System.nanoTime();
        try {
            while (read < 256L << 20 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20)) {
                int n = in.read(buffer);
                if (n < 0) {
                    return null;
                }
                read += n;
            }
            return String.format(Locale.ROOT, "still sending after %.1f MiB in %.1f s", read / 1048576.0,
                    (System.nanoTime() - started) / 1e9);
        } catch (SocketTimeoutException e) {
            return String.format(Locale.ROOT, "%.1f MiB arrived, then nothing for 2 s and no FIN", read / 1048576.0);
        } catch (IOException e) {
            return null; // reset by the server
        }
    }
}
