package mummy.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slowloris clients on one NIO selector loop: many connections that each send one byte of a
 * request head every period, never finishing it, and record how the server ends them.
 *
 * <p>Threading: one thread calls {@link #connect} then {@link #run}; {@link #stillOpen()} may be
 * read from any thread.
 */
final class SlowClients implements AutoCloseable {

    /** How a slow connection ended, as the client saw it. */
    enum End { OPEN, GOT_408, CLOSED_SILENTLY, GOT_OTHER }

    /** A head that never ends: after the request line, one header value that grows forever. */
    private static final byte[] HEAD_START =
            "GET /slow HTTP/1.1\r\nHost: h\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPECTED = "HTTP/1.1 408 ".getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final SocketChannel[] channels;
    private final long periodNanos;
    private final long[] firstWrite;
    private final long[] nextWrite;
    private final long[] ended;
    private final int[] sent;
    private final byte[][] received;
    private final int[] receivedLength;
    private final End[] ends;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(4096);
    private volatile int stillOpen;

    SlowClients(int count, long periodMillis) throws IOException {
        selector = Selector.open();
        channels = new SocketChannel[count];
        periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        firstWrite = new long[count];
        nextWrite = new long[count];
        ended = new long[count];
        sent = new int[count];
        received = new byte[count][EXPECTED.length];
        receivedLength = new int[count];
        ends = new End[count];
        Arrays.fill(ends, End.OPEN);
    }

    /** Opens every connection and sends each its first byte; the next follows one period later. */
    void connect(int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        for (int i = 0; i < channels.length; i++) {
            SocketChannel channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, i);
            channels[i] = channel;
            long now = System.nanoTime();
            firstWrite[i] = now;
            nextWrite[i] = now;
            stillOpen++; // NOTE: one writer (this thread); others only read the volatile
            trickle(i, now);
        }
    }

    /** Trickles bytes and reads answers until every connection has ended or {@code deadlineNanos} passes. */
    void run(long deadlineNanos) throws IOException {
        while (stillOpen > 0 && System.nanoTime() < deadlineNanos) {
            selector.select(5);
            for (SelectionKey key : selector.selectedKeys()) {
                onReadable((Integer) key.attachment());
            }
            selector.selectedKeys().clear();
            long now = System.nanoTime();
            for (int i = 0; i < channels.length; i++) {
                if (ends[i] == End.OPEN && now >= nextWrite[i]) {
                    trickle(i, now);
                }
            }
        }
    }

    private void trickle(int i, long now) {
        byte b = sent[i] < HEAD_START.length ? HEAD_START[sent[i]] : (byte) 'a';
        try {
            if (channels[i].write(ByteBuffer.wrap(new byte[] {b})) == 1) {
                sent[i]++;
            }
        } catch (IOException closedByServer) {
            onReadable(i); // collect what the server sent before it closed
            end(i, now);
        }
        nextWrite[i] = now + periodNanos;
    }

    private void onReadable(int i) {
        if (ends[i] != End.OPEN) {
            return;
        }
        try {
            for (int n; (n = channels[i].read(readBuffer.clear())) != 0; ) {
                if (n < 0) {
                    end(i, System.nanoTime());
                    return;
                }
                int keep = Math.min(n, EXPECTED.length - receivedLength[i]);
                System.arraycopy(readBuffer.array(), 0, received[i], receivedLength[i], keep);
                receivedLength[i] += keep;
            }
        } catch (IOException reset) {
            end(i, System.nanoTime());
        }
    }

    private void end(int i, long now) {
        if (ends[i] != End.OPEN) {
            return;
        }
        ended[i] = now;
        if (receivedLength[i] == 0) {
            ends[i] = End.CLOSED_SILENTLY;
        } else {
            ends[i] = Arrays.equals(received[i], EXPECTED) ? End.GOT_408 : End.GOT_OTHER;
        }
        closeQuietly(channels[i]);
        stillOpen--;
    }

    int stillOpen() {
        return stillOpen;
    }

    /**
     * How the connections ended, for after {@link #run}.
     *
     * @param ends how many ended each way
     * @param shortestMillis the shortest time from a connection's first byte to its end
     * @param longestMillis the longest such time
     * @param unexpected what the first connection that got neither a 408 nor a silent close
     *     received, or null if none did
     */
    record Summary(Map<End, Integer> ends, long shortestMillis, long longestMillis, String unexpected) {
        int count(End end) {
            return ends.getOrDefault(end, 0);
        }
    }

    Summary summary() {
        Map<End, Integer> counts = new EnumMap<>(End.class);
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        String unexpected = null;
        for (int i = 0; i < channels.length; i++) {
            counts.merge(ends[i], 1, Integer::sum);
            if (ends[i] != End.GOT_408 && ends[i] != End.CLOSED_SILENTLY && unexpected == null) {
                unexpected = "connection " + i + " ended " + ends[i] + " after receiving: "
                        + new String(received[i], 0, receivedLength[i], StandardCharsets.ISO_8859_1);
            }
            shortest = Math.min(shortest, ended[i] - firstWrite[i]);
            longest = Math.max(longest, ended[i] - firstWrite[i]);
        }
        return new Summary(counts, TimeUnit.NANOSECONDS.toMillis(shortest), TimeUnit.NANOSECONDS.toMillis(longest),
                unexpected);
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel channel : channels) {
            closeQuietly(channel);
        }
        selector.close();
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a client socket that the server already reset; nothing to do
        }
    }
}
