package mummy.api;

import java.time.Duration;

/**
 * One server-sent event (WHATWG HTML, "Server-sent events", 9.2.6 "Interpreting an event stream").
 *
 * @param event the event type ({@code event:} field), or null for the default "message"
 * @param data the data; each line (CR, LF and CRLF all break lines) becomes one {@code data:} field
 * @param id the last event ID ({@code id:} field), or null; must not contain CR, LF or NUL
 * @param retry the reconnection time ({@code retry:} field), or null
 */
public record ServerSentEvent(String event, String data, String id, Duration retry) {

    /** Validates the single-line fields. */
    public ServerSentEvent {
        if (data == null) {
            data = "";
        }
        requireSingleLine("event", event);
        requireSingleLine("id", id);
        if (id != null && id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an event id may not contain NUL");
        }
        if (retry != null && retry.isNegative()) {
            throw new IllegalArgumentException("retry must not be negative: " + retry);
        }
    }

    /**
     * An event with only data.
     *
     * @param data the data
     * @return the event
     */
    public static ServerSentEvent of(String data) {
        return new ServerSentEvent(null, data, null, null);
    }

    /**
     * An event with a type and data.
     *
     * @param event the type
     * @param data the data
     * @return the event
     */
    public static ServerSentEvent of(String event, String data) {
        return new ServerSentEvent(event, data, null, null);
    }

    /**
     * This event with an id.
     *
     * @param id the id
     * @return a new event
     */
    public ServerSentEvent withId(String id) {
        return new ServerSentEvent(event, data, id, retry);
    }

    /**
     * This event with a reconnection time.
     *
     * @param retry the time the client should wait before reconnecting
     * @return a new event
     */
    public ServerSentEvent withRetry(Duration retry) {
        return new ServerSentEvent(event, data, id, retry);
    }

    /**
     * The event on the wire: its fields, one {@code data:} line per line of data, and the blank
     * line that dispatches it.
     *
     * @return the encoded event
     */
    public String encode() {
        StringBuilder out = new StringBuilder(data.length() + 32);
        if (event != null) {
            out.append("event: ").append(event).append('\n');
        }
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            out.append("retry: ").append(retry.toMillis()).append('\n');
        }
        int start = 0;
        int length = data.length();
        while (true) {
            int end = start;
            while (end < length && data.charAt(end) != '\r' && data.charAt(end) != '\n') {
                end++;
            }
            out.append("data: ").append(data, start, end).append('\n');
            if (end == length) {
                break;
            }
            boolean crlf = data.charAt(end) == '\r' && end + 1 < length && data.charAt(end + 1) == '\n';
            start = end + (crlf ? 2 : 1);
        }
        return out.append('\n').toString();
    }

    private static void requireSingleLine(String field, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("the " + field + " field may not contain CR or LF");
        }
    }
}
