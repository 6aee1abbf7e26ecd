package mummy.io;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the failures the server logs of its own while a test runs: every warning or error of
 * the {@code mummy.io} logger except a handler's ({@code handler.failed}, {@code handler.no_response}),
 * which tests provoke on purpose. An unexpected exception on the IO thread closes only its
 * connection, so clients alone would not notice it; this does.
 *
 * <p>Threading: records arrive on any thread; read {@link #failures()} from the test thread.
 */
final class ServerFailureLog extends Handler implements AutoCloseable {

    private static final Set<String> HANDLER_EVENTS = Set.of("handler.failed", "handler.no_response");

    /** Held strongly: the logging framework keeps loggers only weakly. */
    private final Logger logger = Logger.getLogger("mummy.io");
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private ServerFailureLog() {
    }

    static ServerFailureLog attach() {
        ServerFailureLog log = new ServerFailureLog();
        log.logger.addHandler(log);
        return log;
    }

    /** The server's own failures logged so far, as "event: message". */
    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void publish(LogRecord record) {
        String message = String.valueOf(record.getMessage());
        String event = message.contains(":") ? message.substring(0, message.indexOf(':')) : message;
        if (record.getLevel().intValue() >= Level.WARNING.intValue() && !HANDLER_EVENTS.contains(event)) {
            failures.add(message + (record.getThrown() != null ? " (" + record.getThrown() + ")" : ""));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
