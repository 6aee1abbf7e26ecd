/**
 * The Mummy server: {@link mummy.io.Server} and its {@link mummy.io.Server.Builder builder}.
 *
 * <p>One platform IO thread does all socket work through Linux epoll, called with the FFM API;
 * handlers run on a {@link mummy.api.spi.Scheduler} found with {@link java.util.ServiceLoader};
 * workers hand results back through a JCTools MPSC queue and an eventfd wakeup. Everything but
 * {@code mummy.io} is internal. This is the only module that makes restricted (native) calls:
 * run with {@code --enable-native-access=mummy.io}.
 *
 * @uses mummy.api.spi.SchedulerProvider
 */
module mummy.io {
    requires transitive mummy.api;
    // Internal only: JCTools types never appear in a public signature.
    requires org.jctools.core;
    // Optional, and JDK only: when java.logging is present and backs System.Logger (the default),
    // LifecycleLog keeps the handlers it finds at server start, because LogManager's shutdown hook
    // removes them while the application's hook is closing the server, and server.stopped would be
    // lost. Static, so that an image linked without java.logging (System.Logger then writes to
    // System.err itself) need not include it.
    requires static java.logging;
    // JFR events (mummy.HttpRequest, mummy.WebSocketSession, mummy.ConnectionClosed,
    // mummy.IoLoopStall): jdk.jfr is in every JDK and is linked into runtime images with this module;
    // a disabled event costs one field read (see mummy.io.internal.jfr.Jfr).
    requires jdk.jfr;

    exports mummy.io;

    uses mummy.api.spi.SchedulerProvider;
}
