package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mummy.api.HttpHeaders;
import mummy.testing.TestClient;
import mummy.testing.TestStream;
import mummy.testing.TestWebSocket;

/**
 * The cluster tests' clients of {@link ClusterChat}: a chat member over a WebSocket
 * ({@link Member}) and an event stream of the room ({@link Feed}), each read with a timeout.
 */
final class ClusterClients {

    /** How long one expected line or event may take. */
    static final Duration WAIT = Duration.ofSeconds(15);

    private ClusterClients() {
    }

    /** A chat member: joined under a name, reading the room's lines. Threading: one test thread. */
    static final class Member implements AutoCloseable {
        private final TestWebSocket socket;
        private final String instance;
        private final List<String> seen = new ArrayList<>();

        private Member(TestWebSocket socket, String instance) {
            this.socket = socket;
            this.instance = instance;
        }

        /** Joins the room through {@code client} as {@code name}, and waits for its own join notice. */
        static Member join(TestClient client, String name) {
            TestWebSocket socket = client.webSocket("/ws");
            String greeting = socket.receiveText();
            assertTrue(greeting.startsWith("# instance "), greeting);
            Member member = new Member(socket, greeting.substring("# instance ".length()));
            socket.sendText(name);
            member.await("* " + name + " joined");
            return member;
        }

        /** The instance it reached. */
        String instance() {
            return instance;
        }

        void say(String text) {
            socket.sendText(text);
        }

        /** Waits until the exact line comes; fails after {@link #WAIT} with the lines seen. */
        void await(String line) {
            Instant deadline = Instant.now().plus(WAIT);
            while (true) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    fail("\"" + line + "\" did not reach a member on " + instance + " within " + WAIT + "; it saw " + seen);
                }
                String got;
                try {
                    got = socket.receive(left).asText();
                } catch (UncheckedIOException e) {
                    continue; // the timeout: the loop fails with the lines seen
                }
                seen.add(got);
                if (got.equals(line)) {
                    return;
                }
            }
        }

        /**
         * Says {@code text} every 300 ms until {@code line} comes back: while a broker reconnects,
         * a publish is lost (at most once), so the first ones may go nowhere.
         */
        void sayUntilSeen(String text, String line, Member... others) {
            Instant deadline = Instant.now().plus(WAIT);
            while (true) {
                say(text);
                try {
                    String got = socket.receive(Duration.ofMillis(300)).asText();
                    seen.add(got);
                    if (got.equals(line)) {
                        break;
                    }
                } catch (UncheckedIOException e) {
                    // nothing within 300 ms: say it again
                }
                if (Instant.now().isAfter(deadline)) {
                    fail("\"" + line + "\" never came back to its sender on " + instance + "; it saw " + seen);
                }
            }
            for (Member other : others) {
                other.await(line);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** One server-sent event as the feed read it. */
    record Event(String id, String type, String data) {
    }

    /**
     * An event stream of the room ({@code GET /events}), read on a virtual thread into a queue.
     * Threading: the reader thread fills the queue, the test thread polls it.
     */
    static final class Feed implements AutoCloseable {
        private final TestStream stream;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final List<Event> seen = new ArrayList<>();

        private Feed(TestStream stream) {
            this.stream = stream;
            Thread.ofVirtual().name("cluster-feed").start(this::read);
        }

        /** Opens the room's event stream, resuming after {@code lastEventId} when it is not null. */
        static Feed open(TestClient client, String lastEventId) {
            HttpHeaders headers = lastEventId == null ? HttpHeaders.of("Accept", "text/event-stream")
                    : HttpHeaders.of("Accept", "text/event-stream", "Last-Event-ID", lastEventId);
            TestStream stream = client.stream("GET", "/events", headers, null);
            assertEquals(200, stream.status());
            assertEquals("text/event-stream", stream.header("Content-Type"));
            return new Feed(stream);
        }

        /** The instance that answered (its {@code X-Instance} field). */
        String instance() {
            return stream.header("X-Instance");
        }

        private void read() {
            String id = null;
            String type = null;
            StringBuilder data = null;
            try {
                for (String line; (line = stream.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new Event(id, type, data.toString()));
                        }
                        id = null;
                        type = null;
                        data = null;
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        type = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                    }
                }
            } catch (UncheckedIOException e) {
                // closed by the test, or the instance went away: the queue just stops
            }
        }

        /** The next event whose data matches, skipping others; fails after {@link #WAIT}. */
        Event await(Predicate<String> data, String what) throws InterruptedException {
            Instant deadline = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(deadline)) {
                Event event = events.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
                if (event != null) {
                    seen.add(event);
                    if (data.test(event.data())) {
                        return event;
                    }
                }
            }
            return fail(what + " did not reach the event stream on " + instance() + " within " + WAIT + "; it saw " + seen);
        }

        /** The next event, whatever it is; fails after {@link #WAIT}. */
        Event next() throws InterruptedException {
            return await(data -> true, "an event");
        }

        /** The events seen by {@link #await} so far. */
        List<Event> seen() {
            return seen;
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
