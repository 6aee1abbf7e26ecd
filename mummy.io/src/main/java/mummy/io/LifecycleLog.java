package mummy.io;

import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The server's lifecycle events ({@code server.started}, {@code server.stopped}, ...) through
 * {@link System.Logger}, made to reach the user's java.util.logging handlers also while the JVM
 * shuts down.
 *
 * <p>Why: applications close the server in a shutdown hook, and java.util.logging's
 * {@code LogManager} registers a shutdown hook of its own that closes and removes every handler
 * ({@code LogManager.reset()}). Shutdown hooks run concurrently, so an event logged from the
 * application's hook usually finds no handler left and is lost. When {@link System.Logger} is
 * backed by java.util.logging (the default when module {@code java.logging} is present),
 * {@link #capture} remembers the handlers that reach the logger at server start
 * ({@link JulHandlers}); an event logged once shutdown is in progress ({@link Shutdown}) is
 * published to the handlers still attached, or to the remembered ones when the reset has removed
 * them (a {@link java.util.logging.ConsoleHandler} keeps writing to {@code System.err} after
 * {@code close()}; a closed file handler drops it, as it would anyway). Outside shutdown the
 * record goes to the java.util.logging logger as the System.Logger bridge would send it. With any
 * other {@link System.LoggerFinder} (whose handlers are its own business), events go through
 * {@link System.Logger} unchanged.
 *
 * <p>It is a {@link System.Logger} itself, so that both JDK backends, which skip the frames of
 * System.Logger classes when they look for a record's source, name the server's method, not this
 * class. A message with a {@link ResourceBundle} goes to the System.Logger unchanged.
 *
 * <p>Threading: immutable after {@link #capture}; logs from any thread, shutdown hooks included.
 */
final class LifecycleLog implements System.Logger {

    private static final String JUL_MODULE = "java.logging";

    private final System.Logger logger;
    /** The handlers reaching {@link #logger} at capture, or null where java.util.logging is not its backend. */
    private final JulHandlers handlers;

    private LifecycleLog(System.Logger logger, JulHandlers handlers) {
        this.logger = logger;
        this.handlers = handlers;
    }

    /**
     * The log named {@code name}, remembering its java.util.logging handlers if that is its backend.
     *
     * @param name the logger's name, such as {@code "mummy.io"}
     * @return the log
     */
    static LifecycleLog capture(String name) {
        System.Logger logger = System.getLogger(name);
        return new LifecycleLog(logger, backedByJul() ? JulHandlers.capture(name) : null);
    }

    @Override
    public String getName() {
        return logger.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return logger.isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (handlers == null || bundle != null) {
            logger.log(level, bundle, message, thrown);
        } else {
            handlers.log(level, message, thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (handlers == null || bundle != null) {
            logger.log(level, bundle, format, params);
        } else {
            handlers.log(level, format, null, params);
        }
    }

    /**
     * Whether {@link System.Logger}s come from java.util.logging's finder, and this module can read
     * {@code java.logging} (it {@code requires static} it: absent from an image linked without it).
     */
    private static boolean backedByJul() {
        Module self = LifecycleLog.class.getModule();
        ModuleLayer layer = self.getLayer() != null ? self.getLayer() : ModuleLayer.boot();
        Optional<Module> jul = layer.findModule(JUL_MODULE);
        return jul.isPresent() && self.canRead(jul.get())
                && System.LoggerFinder.getLoggerFinder().getClass().getModule() == jul.get();
    }
}
