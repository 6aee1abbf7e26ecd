package mummy.topics;

import java.util.ArrayList;
import java.util.List;
import mummy.testing.TestStream;

/** Reads server-sent events off a {@link TestStream}, one event (up to its blank line) at a time. */
final class SseEvents {

    /** One event's fields; {@code event} is null for the default type. */
    record Event(String event, String id, String data) {
    }

    private SseEvents() {
    }

    /** The next event, skipping comments; fails if the stream ends first. */
    static Event next(TestStream stream) {
        String event = null;
        String id = null;
        List<String> data = new ArrayList<>();
        while (true) {
            String line = stream.readLine();
            if (line == null) {
                throw new AssertionError("the event stream ended");
            }
            if (line.isEmpty()) {
                if (event == null && id == null && data.isEmpty()) {
                    continue;
                }
                return new Event(event, id, String.join("\n", data));
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "data" -> data.add(value);
                default -> { }
            }
        }
    }
}
