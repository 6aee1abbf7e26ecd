package mummy.benchmarks.load;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One load thread: a selector over its share of the connections. Each echo completes a round
 * trip, recorded into the histogram of the round running at that moment, and sends the next
 * message at once. A connection that fails or stalls is reported and dropped.
 *
 * <p>Threading: {@link #run} on its own platform thread; {@link #histogram} is read by the main
 * thread after {@code join}. The round number is the only state shared while running.
 */
final class WsLoadLoop implements Runnable {

    private static final long STALL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final List<WsLoadConnection> connections;
    private final WsLoad.Phase phase;
    private final Failures failures;
    private final long stallNanos;
    private final LatencyHistogram[] histograms;

    WsLoadLoop(List<WsLoadConnection> connections, WsLoad.Phase phase, Failures failures, long stallNanos, int rounds) {
        this.connections = connections;
        this.phase = phase;
        this.failures = failures;
        this.stallNanos = stallNanos;
        this.histograms = new LatencyHistogram[rounds + 2];
        for (int i = 0; i < histograms.length; i++) {
            histograms[i] = new LatencyHistogram();
        }
    }

    LatencyHistogram histogram(int round) {
        return histograms[round];
    }

    @Override
    public void run() {
        try (Selector selector = Selector.open()) {
            long now = System.nanoTime();
            for (WsLoadConnection connection : connections) {
                connection.channel.register(selector, SelectionKey.OP_READ, connection);
                send(connection, now);
            }
            long nextStallCheck = now + STALL_CHECK_NANOS;
            while (!phase.stopped()) {
                selector.select(this::onReady, 50);
                now = System.nanoTime();
                if (now >= nextStallCheck) {
                    failStalled(selector, now);
                    nextStallCheck = now + STALL_CHECK_NANOS;
                }
            }
        } catch (IOException e) {
            failures.report(phase.round(), "load thread: " + e);
        } finally {
            connections.forEach(WsLoadConnection::closeQuietly);
        }
    }

    private void onReady(SelectionKey key) {
        WsLoadConnection connection = (WsLoadConnection) key.attachment();
        try {
            if (connection.onReadable() == WsLoadConnection.Progress.ECHOED) {
                long now = System.nanoTime();
                histograms[phase.round()].record((now - connection.sentAt()) / 1_000);
                if (!phase.stopped()) {
                    connection.send(now);
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(key, connection, e.getMessage());
        }
    }

    private void send(WsLoadConnection connection, long now) {
        try {
            connection.send(now);
        } catch (IOException e) {
            failures.report(phase.round(), "connection " + connection.id + ": " + e.getMessage());
            connection.closeQuietly();
        }
    }

    private void failStalled(Selector selector, long now) {
        for (SelectionKey key : selector.keys()) {
            WsLoadConnection connection = (WsLoadConnection) key.attachment();
            if (key.isValid() && connection.awaiting() && now - connection.sentAt() > stallNanos) {
                fail(key, connection, "stalled: no echo within " + TimeUnit.NANOSECONDS.toMillis(stallNanos) + " ms");
            }
        }
    }

    private void fail(SelectionKey key, WsLoadConnection connection, String why) {
        failures.report(phase.round(), "connection " + connection.id + ": " + why);
        key.cancel();
        connection.closeQuietly();
    }
}
