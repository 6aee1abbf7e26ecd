package mummy.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out load: S WebSocket subscribers spread evenly over the instances' ports, and one publisher
 * on the first port that sends binary messages at a fixed rate for a duration; every instance
 * passes each message to all its subscribers (through its broker, so across instances when the
 * broker is shared). Each message carries its sequence number and the publisher's
 * {@code System.nanoTime()} at sending; publisher and subscribers share this process's clock, so
 * the publish-to-receive latency is exact.
 *
 * <p>Options: {@code --ports P1,P2,...}, {@code --path} (/ws), {@code --subscribers} (1000),
 * {@code --rate} messages per second (200), {@code --duration} s (10), {@code --warmup} s (2),
 * {@code --size} bytes (64, at least 16), {@code --drain} s (2: how long after the last publish
 * the subscribers may take). Prints one line:
 * {@code subscribers=S published=P expected=E received=R lost=L seconds=T delivered_per_s=X
 * p50_us=A p99_us=B max_us=C status=OK} ({@code status=FAILED reason=...} when a subscriber's
 * connection failed or a message arrived out of order); exits 1 then. Only messages sent after
 * the warm-up count.
 *
 * <p>Threading: one virtual thread per subscriber (blocking reads), the publisher on the main
 * thread; each subscriber has its own histogram, merged at the end.
 */
public final class FanOutLoad {

    private static final int TIMEOUT_MILLIS = 10_000;

    private FanOutLoad() {
    }

    /** One subscriber's tally, written by its thread only, read after it ended. */
    private static final class Tally {
        final LatencyHistogram latency = new LatencyHistogram();
        long received;
        long lastSequence = -1;
    }

    /**
     * Runs the load.
     *
     * @param args the options
     * @throws Exception if it cannot connect
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("ports", "path", "subscribers", "rate", "duration", "warmup",
                "size", "drain"));
        List<Integer> ports = new ArrayList<>();
        for (String port : options.string("ports", "8080").split(",")) {
            ports.add(Integer.parseInt(port.strip()));
        }
        String path = options.string("path", "/ws");
        int subscribers = options.integer("subscribers", 1000);
        int rate = options.integer("rate", 200);
        long durationNanos = options.seconds("duration", 10).toNanos();
        long warmupNanos = options.seconds("warmup", 2).toNanos();
        long drainNanos = options.seconds("drain", 2).toNanos();
        int size = Math.max(16, options.integer("size", 64));

        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong firstCounted = new AtomicLong(Long.MAX_VALUE);
        List<Tally> tallies = new ArrayList<>();
        List<WsPeer> peers = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            int port = ports.get(i % ports.size());
            peers.add(WsPeer.open(Client.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS), path));
            tallies.add(new Tally());
        }
        CountDownLatch done = new CountDownLatch(subscribers);
        for (int i = 0; i < subscribers; i++) {
            WsPeer peer = peers.get(i);
            Tally tally = tallies.get(i);
            Thread.ofVirtual().name("subscriber-" + i).start(() -> {
                try {
                    receive(peer, tally, firstCounted, failure);
                } finally {
                    done.countDown();
                }
            });
        }
        // Every subscriber is connected (its 101 read): the instances have added it to their fan-out.
        WsPeer publisher = WsPeer.open(Client.connect(new InetSocketAddress("127.0.0.1", ports.getFirst()),
                TIMEOUT_MILLIS), path);
        byte[] payload = new byte[size];
        long start = System.nanoTime();
        long countFrom = start + warmupNanos;
        long end = countFrom + durationNanos;
        long interval = 1_000_000_000L / Math.max(1, rate);
        long published = 0;
        long counted = 0;
        for (long sequence = 0; failure.get() == null; sequence++) {
            long due = start + sequence * interval;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            if (now >= countFrom && firstCounted.get() == Long.MAX_VALUE) {
                firstCounted.set(sequence);
            }
            ByteBuffer.wrap(payload).putLong(sequence).putLong(now);
            publisher.send(WsFrames.BINARY, payload, 1);
            published++;
            if (now >= countFrom) {
                counted++;
            }
        }
        long publishedEnd = System.nanoTime();
        LockSupport.parkNanos(drainNanos);
        for (WsPeer peer : peers) {
            peer.client().abort();
        }
        publisher.client().abort();
        done.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        LatencyHistogram latency = new LatencyHistogram();
        long received = 0;
        for (Tally tally : tallies) {
            latency.add(tally.latency);
            received += tally.received;
        }
        long expected = counted * subscribers;
        double seconds = (publishedEnd - countFrom) / 1e9;
        String line = String.format(Locale.ROOT, "subscribers=%d published=%d expected=%d received=%d lost=%d seconds=%.3f"
                        + " delivered_per_s=%.0f p50_us=%d p99_us=%d max_us=%d", subscribers, published, expected, received,
                expected - received, seconds, received / seconds, latency.percentile(50), latency.percentile(99),
                latency.max());
        String problem = failure.get();
        System.out.println(line + (problem == null ? " status=OK" : " status=FAILED reason=" + problem.replace(' ', '_')));
        System.exit(problem == null ? 0 : 1);
    }

    /** Reads messages until the connection is aborted at the end; records the counted ones. */
    private static void receive(WsPeer peer, Tally tally, AtomicLong firstCounted, AtomicReference<String> failure) {
        try {
            while (true) {
                WsPeer.Message message = peer.next();
                if (message.opcode() == WsFrames.CLOSE) {
                    failure.compareAndSet(null, "a subscriber was closed with " + message.closeCode());
                    return;
                }
                long now = System.nanoTime();
                ByteBuffer in = ByteBuffer.wrap(message.payload());
                long sequence = in.getLong();
                long sent = in.getLong();
                if (sequence <= tally.lastSequence) {
                    failure.compareAndSet(null, "message " + sequence + " after " + tally.lastSequence);
                }
                tally.lastSequence = sequence;
                if (sequence >= firstCounted.get()) {
                    tally.received++;
                    tally.latency.record((now - sent) / 1000);
                }
            }
        } catch (SocketTimeoutException e) {
            failure.compareAndSet(null, "a subscriber heard nothing for " + TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            // aborted at the end (or the server went away: then messages are missing, and counted as lost)
        }
    }
}
