package mummy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mummy.api.HttpHeaders;
import mummy.api.ServerSentEvent;

/**
 * A response whose body is read as it arrives, from {@link TestClient#stream}: an event stream, a
 * streamed download, any response that does not end by itself.
 *
 * <pre>{@code
 * try (TestStream events = client.stream("GET", "/events", HttpHeaders.empty(), null)) {
 *     assertEquals("text/event-stream", events.header("Content-Type"));
 *     assertEquals("data: hello", events.readLine());
 * }
 * }</pre>
 *
 * <p>Read it either as lines ({@link #readLine()}, UTF-8) or as bytes ({@link #body()}), not
 * both: the lines are read ahead in a buffer. A read waits for the server without a time limit,
 * so a test should read only what the server is known to send. Closing it hangs up, which the
 * server sees as the client going away.
 *
 * <p>Threading: one reading thread at a time; {@link #close()} from any thread.
 */
public final class TestStream implements AutoCloseable {

    private final int status;
    private final HttpHeaders headers;
    private final InputStream body;
    private BufferedReader lines;

    TestStream(int status, HttpHeaders headers, InputStream body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * The status code.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The response fields, grouped by name.
     *
     * @return the fields
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * A response field.
     *
     * @param name the field name, any case
     * @return its first value, or null if absent
     */
    public String header(String name) {
        return headers.get(name);
    }

    /**
     * The body as bytes, as they arrive; -1 at its end.
     *
     * @return the body stream
     */
    public InputStream body() {
        return body;
    }

    /**
     * The next line of the body (UTF-8; the line ends with LF, CR or CRLF, which are left out).
     *
     * @return the line, or null at the end of the body
     * @throws UncheckedIOException if the connection failed
     */
    public String readLine() {
        if (lines == null) {
            lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }
        try {
            return lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next server-sent event of an event stream, read as an {@code EventSource} would
     * (WHATWG HTML 9.2.6): {@code data:} fields joined with LF, comments and unknown fields
     * skipped, an event dispatched at its blank line. Unlike an {@code EventSource}, an event
     * with fields but no data is returned too (data empty), and the id is the event's own, not
     * the last one seen. Reads lines with {@link #readLine()}.
     *
     * @return the event, or null at the end of the body (an event cut off by it is dropped)
     * @throws UncheckedIOException if the connection failed
     * @throws IllegalArgumentException if the server sent a {@code retry:} that is not digits
     */
    public ServerSentEvent readEvent() {
        String event = null;
        String id = null;
        Duration retry = null;
        StringBuilder data = null;
        for (String line = readLine(); line != null; line = readLine()) {
            if (line.isEmpty()) {
                if (event != null || id != null || retry != null || data != null) {
                    return new ServerSentEvent(event, data == null ? "" : data.toString(), id, retry);
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon == 0) {
                continue;
            }
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
            switch (field) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "retry" -> {
                    if (!value.matches("[0-9]+")) {
                        throw new IllegalArgumentException("retry is not a number of milliseconds: " + value);
                    }
                    retry = Duration.ofMillis(Long.parseLong(value));
                }
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }
        return null;
    }

    /** Hangs up: the rest of the body is not read. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "TestStream[" + status + ", " + headers + "]";
    }
}
