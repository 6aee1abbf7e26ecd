package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mummy.api.HttpHeaders;
import mummy.testing.TestServer;
import mummy.testing.TestStream;
import org.junit.jupiter.api.Test;

/** Many event-stream clients get the same broadcast; the ones that leave are dropped. */
class SseBroadcastTest {

    @Test
    void everyClientGetsEachTickAndLeaversAreDropped() throws Exception {
        SseBroadcast app = new SseBroadcast();
        try (TestServer server = TestServer.startWith(builder -> builder.handler(app.router()).scheduler("virtual"))) {
            List<TestStream> streams = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                TestStream stream = server.client().stream("GET", "/events", HttpHeaders.of("Last-Event-ID", "" + i), null);
                assertEquals("text/event-stream", stream.header("Content-Type"));
                streams.add(stream);
                assertEquals("event: hello", stream.readLine());
                assertEquals("data: resuming after " + i, stream.readLine());
                assertEquals("", stream.readLine());
            }
            assertEquals(50, app.broadcast());
            for (TestStream stream : streams) {
                assertEquals("event: tick", stream.readLine());
                assertEquals("id: 1", stream.readLine());
                assertTrue(stream.readLine().startsWith("data: "));
                assertEquals("", stream.readLine());
            }
            for (int i = 0; i < 10; i++) {
                streams.get(i).close(); // ten clients leave
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int reached = app.broadcast();
            while (reached != 40 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the server drops them as it notices each close
                reached = app.broadcast();
            }
            assertEquals(40, reached);
        }
    }
}
