package mummy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mummy.api.HttpHeaders;

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
