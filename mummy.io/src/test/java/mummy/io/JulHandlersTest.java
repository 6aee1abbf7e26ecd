package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JulHandlers}: what happens to a lifecycle event when {@code LogManager}'s shutdown hook
 * has removed the handlers (as {@code LogManager.reset()} does: remove, close, level back to
 * inherited), and that nothing changes outside shutdown. A logger of its own, cut off from its
 * parents, so the test JVM's logging stays as it was. The shutdown itself (a real SIGTERM) is
 * {@code ShutdownLogTest} in mummy.examples.
 */
class JulHandlersTest {

    private static final String NAME = "mummy.io.test.lifecycle";

    private final Logger logger = Logger.getLogger(NAME);
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void attach() {
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        logger.addHandler(recorder);
    }

    @AfterEach
    void detach() {
        logger.removeHandler(recorder);
        logger.setLevel(null);
        logger.setUseParentHandlers(true);
    }

    @Test
    void duringShutdownAfterTheResetTheCapturedHandlersGetTheEvent() {
        JulHandlers handlers = JulHandlers.capture(NAME);
        reset();
        handlers.log(true, System.Logger.Level.INFO, "server.stopped", null);
        assertEquals(List.of("INFO server.stopped"), recorder.lines());
    }

    @Test
    void duringShutdownBeforeTheResetTheAttachedHandlersGetTheEventOnce() {
        JulHandlers handlers = JulHandlers.capture(NAME);
        handlers.log(true, System.Logger.Level.WARNING, "server.close.timeout: {0}", null, "late");
        assertEquals(List.of("WARNING server.close.timeout: {0} [late]"), recorder.lines());
    }

    @Test
    void afterTheResetTheLevelCapturedStillFilters() {
        logger.setLevel(Level.WARNING);
        JulHandlers handlers = JulHandlers.capture(NAME);
        reset();
        handlers.log(true, System.Logger.Level.INFO, "server.stopped", null);
        handlers.log(true, System.Logger.Level.ERROR, "server.failed", null);
        assertEquals(List.of("SEVERE server.failed"), recorder.lines());
    }

    @Test
    void outsideShutdownRemovedHandlersStayRemoved() {
        JulHandlers handlers = JulHandlers.capture(NAME);
        reset();
        handlers.log(false, System.Logger.Level.INFO, "server.stopped", null);
        assertTrue(recorder.lines().isEmpty(), recorder.lines().toString());
    }

    @Test
    void outsideShutdownTheLoggersLevelDecides() {
        JulHandlers handlers = JulHandlers.capture(NAME);
        handlers.log(false, System.Logger.Level.DEBUG, "task.dropped", null);
        logger.setLevel(Level.FINE);
        handlers.log(false, System.Logger.Level.DEBUG, "task.dropped", null);
        assertEquals(List.of("FINE task.dropped"), recorder.lines());
    }

    @Test
    void theRecordNamesTheLoggerAndTheCallerAsItsSource() {
        JulHandlers handlers = JulHandlers.capture(NAME);
        handlers.log(false, System.Logger.Level.INFO, "server.started", null);
        reset();
        handlers.log(true, System.Logger.Level.INFO, "server.stopped", null);
        assertEquals(2, recorder.records.size());
        for (LogRecord record : recorder.records) {
            assertEquals(NAME, record.getLoggerName());
            assertEquals(JulHandlersTest.class.getName(), record.getSourceClassName());
            assertEquals("theRecordNamesTheLoggerAndTheCallerAsItsSource", record.getSourceMethodName());
        }
    }

    @Test
    void duringShutdownAfterTheResetTheExceptionGoesWithTheEvent() {
        JulHandlers handlers = JulHandlers.capture(NAME);
        reset();
        IllegalStateException failure = new IllegalStateException("stuck");
        handlers.log(true, System.Logger.Level.WARNING, "server.close.timeout", failure);
        assertEquals(1, recorder.records.size());
        assertSame(failure, recorder.records.getFirst().getThrown());
    }

    @Test
    void theLifecycleLogIsASystemLoggerThatNamesItsCallerAndKeepsTheFormat() {
        System.Logger log = LifecycleLog.capture(NAME);
        log.log(System.Logger.Level.INFO, "server.started: listening on {0}", "[/127.0.0.1:8080]");
        log.log(System.Logger.Level.DEBUG, "not at INFO");
        assertEquals(List.of("INFO server.started: listening on {0} [[/127.0.0.1:8080]]"), recorder.lines());
        LogRecord record = recorder.records.getFirst();
        assertEquals(JulHandlersTest.class.getName(), record.getSourceClassName());
        assertEquals("theLifecycleLogIsASystemLoggerThatNamesItsCallerAndKeepsTheFormat", record.getSourceMethodName());
        assertEquals(NAME, log.getName());
    }

    @Test
    void shutdownIsNotInProgressWhileTestsRun() {
        assertFalse(Shutdown.inProgress());
    }

    /** What {@code LogManager.reset()} does to one logger. */
    private void reset() {
        for (Handler handler : logger.getHandlers()) {
            logger.removeHandler(handler);
            handler.close();
        }
        logger.setLevel(null);
    }

    /** Keeps what it is given, also after {@link #close()}, as a ConsoleHandler does. */
    private static final class Recorder extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        List<String> lines() {
            return records.stream().map(r -> r.getLevel() + " " + r.getMessage()
                    + (r.getParameters() == null || r.getParameters().length == 0 ? "" : " " + List.of(r.getParameters())))
                    .toList();
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
