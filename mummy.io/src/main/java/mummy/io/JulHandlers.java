package mummy.io;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The java.util.logging handlers that reach one logger, remembered so that {@link LifecycleLog}
 * can still publish to them after {@code LogManager}'s shutdown hook has removed them. The only
 * class of this module that touches {@code java.util.logging}: it is loaded only when that module
 * is present and backs {@link System.Logger}.
 *
 * <p>Threading: immutable after {@link #capture}; {@link #log(System.Logger.Level, String, Throwable, Object...) log}
 * from any thread (handlers are thread-safe).
 *
 * @see LifecycleLog
 */
final class JulHandlers {

    /** Held strongly: java.util.logging keeps loggers only weakly, and a new one would have no configuration. */
    private static final StackWalker CALLERS = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Logger logger;
    private final List<Handler> captured;
    private final Level threshold;

    private JulHandlers(Logger logger, List<Handler> captured, Level threshold) {
        this.logger = logger;
        this.captured = captured;
        this.threshold = threshold;
    }

    /**
     * The handlers reaching logger {@code name} now (its own and its parents', as far as
     * {@link Logger#getUseParentHandlers()} goes), and its effective level.
     *
     * @param name the logger's name
     * @return the snapshot
     */
    static JulHandlers capture(String name) {
        Logger logger = Logger.getLogger(name);
        return new JulHandlers(logger, reaching(logger), effectiveLevel(logger));
    }

    /**
     * Logs a record as java.util.logging's System.Logger bridge would, with the first caller that
     * is not a System.Logger as its source. Once the JVM is shutting down, the record goes
     * straight to the handlers still reaching the logger, or, when none is left (the
     * {@code LogManager} was reset), to the captured ones if its level passes the level captured.
     *
     * @param level the System.Logger level
     * @param message the message, a {@link java.text.MessageFormat} pattern if there are parameters
     * @param thrown the exception to log, or null
     * @param params the message's parameters
     */
    void log(System.Logger.Level level, String message, Throwable thrown, Object... params) {
        log(Shutdown.inProgress(), level, message, thrown, params);
    }

    /** {@link #log(System.Logger.Level, String, Throwable, Object...)} with the shutdown state given (tests). */
    void log(boolean shuttingDown, System.Logger.Level level, String message, Throwable thrown, Object... params) {
        Level julLevel = julLevel(level);
        if (!shuttingDown) {
            if (logger.isLoggable(julLevel)) {
                logger.log(record(julLevel, message, thrown, params));
            }
            return;
        }
        // A snapshot: the reset may remove the logger's handlers while this publishes.
        List<Handler> targets = reaching(logger);
        if (targets.isEmpty()) {
            if (julLevel.intValue() < threshold.intValue() || threshold.intValue() == Level.OFF.intValue()) {
                return;
            }
            targets = captured;
        } else if (!logger.isLoggable(julLevel)) {
            return;
        }
        LogRecord record = record(julLevel, message, thrown, params);
        Filter filter = logger.getFilter();
        if (filter != null && !filter.isLoggable(record)) {
            return;
        }
        for (Handler handler : targets) {
            handler.publish(record);
            handler.flush();
        }
    }

    /** A record as the System.Logger bridge makes it, with the caller as its source. */
    private LogRecord record(Level julLevel, String message, Throwable thrown, Object[] params) {
        LogRecord record = new LogRecord(julLevel, message);
        record.setParameters(params == null || params.length == 0 ? null : params);
        record.setThrown(thrown);
        record.setLoggerName(logger.getName());
        CALLERS.walk(frames -> frames
                .filter(frame -> frame.getDeclaringClass() != JulHandlers.class
                        && !System.Logger.class.isAssignableFrom(frame.getDeclaringClass()))
                .findFirst()).ifPresent(caller -> {
                    record.setSourceClassName(caller.getClassName());
                    record.setSourceMethodName(caller.getMethodName());
                });
        return record;
    }

    private static List<Handler> reaching(Logger logger) {
        List<Handler> handlers = new ArrayList<>();
        for (Logger current = logger; current != null; current = current.getParent()) {
            handlers.addAll(List.of(current.getHandlers()));
            if (!current.getUseParentHandlers()) {
                break;
            }
        }
        return List.copyOf(handlers);
    }

    private static Level effectiveLevel(Logger logger) {
        for (Logger current = logger; current != null; current = current.getParent()) {
            if (current.getLevel() != null) {
                return current.getLevel();
            }
        }
        return Level.INFO;
    }

    /** The mapping java.util.logging's own System.Logger bridge uses. */
    private static Level julLevel(System.Logger.Level level) {
        return switch (level) {
            case ALL -> Level.ALL;
            case TRACE -> Level.FINER;
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case ERROR -> Level.SEVERE;
            case OFF -> Level.OFF;
        };
    }
}
