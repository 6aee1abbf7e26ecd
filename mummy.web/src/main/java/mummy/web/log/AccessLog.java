package mummy.web.log;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import mummy.api.AfterFilter;
import mummy.api.Request;
import mummy.api.ResponseInfo;

/**
 * An access log: one line per answered request, written by the worker thread that ran the
 * handler (never the IO thread), through {@link System.Logger} {@value #LOGGER_NAME} at
 * {@code INFO}, or to a sink of one's own. Opt-in, as an after-filter:
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .after(AccessLog.commonWithDuration())   // or AccessLog.jsonLines()
 *         .get("/todos", ...)
 *         .build();
 * }</pre>
 *
 * <p>Formats:
 * <ul>
 *   <li>{@link #commonWithDuration()}: the Common Log Format with the duration in seconds (as
 *       Apache's {@code %h %l %u %t "%r" %>s %b %D} but in seconds with microseconds), as in
 *       {@code 127.0.0.1 - - [03/Dec/2026:07:50:00 +0000] "GET /todos HTTP/1.1" 200 123 0.000412};
 *       the size is {@code -} when not known in advance (streams, WebSockets).
 *   <li>{@link #jsonLines()}: one JSON object per line with {@code time} (ISO 8601, UTC),
 *       {@code remote}, {@code method}, {@code target}, {@code version}, {@code status},
 *       {@code bytes} (null when unknown), {@code kind}, {@code duration_ms} and
 *       {@code user_agent}.
 * </ul>
 * The duration runs from when the router got the request to when its answer was handed to the
 * IO thread (for a stream or a WebSocket, to its start). The request target is logged as sent,
 * query included: do not put secrets in URLs. Fields a client controls are escaped, so a line
 * is always one line.
 *
 * <p>The logger is looked up once; when it is not loggable at {@code INFO}, a request costs one
 * check. Threading: immutable; one log serves every worker at once.
 */
public final class AccessLog implements AfterFilter {

    /** The name of the logger lines go to. */
    public static final String LOGGER_NAME = "mummy.access";

    private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ROOT);

    private final boolean json;
    private final Consumer<String> sink;
    private final System.Logger logger;

    private AccessLog(boolean json, Consumer<String> sink) {
        this.json = json;
        this.sink = sink;
        this.logger = sink == null ? System.getLogger(LOGGER_NAME) : null;
    }

    /**
     * Common Log Format lines with the duration, to the logger {@value #LOGGER_NAME}.
     *
     * @return the access log
     */
    public static AccessLog commonWithDuration() {
        return new AccessLog(false, null);
    }

    /**
     * JSON lines, to the logger {@value #LOGGER_NAME}.
     *
     * @return the access log
     */
    public static AccessLog jsonLines() {
        return new AccessLog(true, null);
    }

    /**
     * The same format, written to {@code sink} instead of the logger (a file writer, a queue, a
     * test's list); the sink is called on worker threads, concurrently.
     *
     * @param sink what takes each line
     * @return a new access log
     */
    public AccessLog to(Consumer<String> sink) {
        return new AccessLog(json, Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public void after(Request request, ResponseInfo response, Duration elapsed) {
        if (sink == null && !logger.isLoggable(System.Logger.Level.INFO)) {
            return;
        }
        String line = json ? json(request, response, elapsed) : common(request, response, elapsed);
        if (sink != null) {
            sink.accept(line);
        } else {
            logger.log(System.Logger.Level.INFO, line);
        }
    }

    private static String common(Request request, ResponseInfo response, Duration elapsed) {
        StringBuilder line = new StringBuilder(128);
        line.append(remote(request)).append(" - - [").append(CLF_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("] \"");
        escape(request.method() + " " + request.target() + " " + request.version(), line, false);
        line.append("\" ").append(response.status()).append(' ')
                .append(response.bodyLength() < 0 ? "-" : Long.toString(response.bodyLength())).append(' ')
                .append(String.format(Locale.ROOT, "%.6f", elapsed.toNanos() / 1e9));
        return line.toString();
    }

    private static String json(Request request, ResponseInfo response, Duration elapsed) {
        StringBuilder line = new StringBuilder(192);
        line.append("{\"time\":\"").append(java.time.Instant.now()).append("\",\"remote\":");
        quote(remote(request), line);
        line.append(",\"method\":");
        quote(request.method(), line);
        line.append(",\"target\":");
        quote(request.target(), line);
        line.append(",\"version\":");
        quote(request.version(), line);
        line.append(",\"status\":").append(response.status())
                .append(",\"bytes\":").append(response.bodyLength() < 0 ? "null" : Long.toString(response.bodyLength()))
                .append(",\"kind\":\"").append(response.kind().name().toLowerCase(Locale.ROOT))
                .append("\",\"duration_ms\":").append(String.format(Locale.ROOT, "%.3f", elapsed.toNanos() / 1e6))
                .append(",\"user_agent\":");
        String agent = request.headers().get("User-Agent");
        if (agent == null) {
            line.append("null");
        } else {
            quote(agent, line);
        }
        return line.append('}').toString();
    }

    private static String remote(Request request) {
        InetSocketAddress address = request.remoteAddress();
        return address == null ? "-" : address.getAddress() != null ? address.getAddress().getHostAddress()
                : address.getHostString();
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        escape(text, out, true);
        out.append('"');
    }

    /** Escapes quotes, backslashes and control characters (JSON style), so a line stays one line. */
    private static void escape(String text, StringBuilder out, boolean json) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format(Locale.ROOT, json ? "\\u%04x" : "\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return "AccessLog[" + (json ? "json lines" : "common with duration") + (sink == null ? ", " + LOGGER_NAME : "")
                + "]";
    }
}
