package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mummy.io.Server;
import org.junit.jupiter.api.Test;

/** Many event-stream clients get the same broadcast; the ones that leave are dropped. */
class SseBroadcastTest {

    @Test
    void everyClientGetsEachTickAndLeaversAreDropped() throws Exception {
        SseBroadcast app = new SseBroadcast();
        try (Server server = Server.builder().handler(app.router()).scheduler("virtual").build();
             HttpClient client = HttpClient.newHttpClient()) {
            int port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
            List<BufferedReader> readers = new ArrayList<>();
            List<HttpResponse<java.io.InputStream>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/events")).header("Last-Event-ID", "" + i).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
                responses.add(response);
                BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
                assertEquals("event: hello", reader.readLine());
                assertEquals("data: resuming after " + i, reader.readLine());
                assertEquals("", reader.readLine());
                readers.add(reader);
            }
            assertEquals(50, app.broadcast());
            for (BufferedReader reader : readers) {
                assertEquals("event: tick", reader.readLine());
                assertEquals("id: 1", reader.readLine());
                assertTrue(reader.readLine().startsWith("data: "));
                assertEquals("", reader.readLine());
            }
            for (int i = 0; i < 10; i++) {
                responses.get(i).body().close(); // ten clients leave
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int reached = app.broadcast();
            while (reached != 40 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the server drops them as it notices each close
                reached = app.broadcast();
            }
            assertEquals(40, reached);
            for (HttpResponse<java.io.InputStream> response : responses) {
                response.body().close(); // or HttpClient.close() would wait for these endless streams
            }
        }
    }
}
