package mummy.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A soak client of {@code GET /sse}: each stream must be a 200 {@code text/event-stream} carrying
 * exactly EchoServer's events {@code data: 0} to {@code data: 4}, in order and nothing else but
 * comment lines (heartbeats), then end; the connection is kept alive between streams.
 *
 * <p>Threading: one instance per client thread.
 */
final class SoakSse implements SoakContext.Round {

    /** How many events EchoServer sends on one stream. */
    static final int EVENTS = 5;

    private Client client;

    @Override
    public void run(SoakContext context) throws IOException {
        if (client == null) {
            client = context.connect();
        }
        HttpResponse response = client.exchange("GET", "/sse", null);
        context.tally().add(SoakTally.Count.HTTP_REQUESTS);
        String problem = problem(response);
        if (problem != null) {
            context.tally().fail("sse", problem);
            reset();
            return;
        }
        context.tally().add(SoakTally.Count.SSE_STREAMS);
        context.tally().add(SoakTally.Count.SSE_EVENTS, EVENTS);
        String connection = response.header("connection");
        if (connection != null && connection.equalsIgnoreCase("close")) {
            reset();
        }
        context.pause(context.random().nextInt(100));
    }

    @Override
    public void reset() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Why a response is not EchoServer's event stream, or null when it is. */
    static String problem(HttpResponse response) {
        String type = response.header("content-type");
        if (response.status() != 200 || type == null || !type.startsWith("text/event-stream")) {
            return "GET /sse answered " + response.status() + " " + type;
        }
        List<String> data = events(new String(response.body(), StandardCharsets.UTF_8));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            expected.add(Integer.toString(i));
        }
        return data.equals(expected) ? null : "events " + data + ", expected " + expected;
    }

    /**
     * The data of each event (WHATWG HTML 9.2.6, "Interpreting an event stream"): lines until a
     * blank line; comment lines (a leading colon) are skipped; anything but {@code data:} lines
     * and comments is reported as an event of its own so that it fails the comparison.
     */
    static List<String> events(String stream) {
        List<String> events = new ArrayList<>();
        StringBuilder data = null;
        for (String line : stream.split("\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(data.toString());
                    data = null;
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (!line.startsWith(":")) {
                events.add("unexpected line " + line);
            }
        }
        if (data != null) {
            events.add("unterminated " + data);
        }
        return events;
    }
}
