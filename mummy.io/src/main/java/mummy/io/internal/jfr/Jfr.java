package mummy.io.internal.jfr;

import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * Whether each of the server's events is enabled in a running recording, read before anything is
 * built for it.
 *
 * <p>Cost: touching an event class, or registering it ({@link EventType#getEventType}), sets up
 * JFR's machinery: measured here, about 250 ms and 15 MB of resident memory, which a server that is
 * never recorded must not pay (Mummy starts in tens of milliseconds). So nothing of JFR is touched
 * until {@link FlightRecorder#isInitialized()} says a recorder exists (a recording was started with
 * {@code -XX:StartFlightRecording}, {@code jcmd JFR.start} or the API): until then every check is
 * two field reads and answers "disabled". The first check that sees the recorder registers the
 * event types on a thread of its own, so the IO thread never waits for it; events are recorded
 * from the moment that is done (a recording started while the server runs misses at most the
 * events of those few hundred milliseconds).
 *
 * <p>Threading: any thread.
 */
public final class Jfr {

    private static final AtomicBoolean REGISTERING = new AtomicBoolean();
    /** Set once the event types are registered: {@link Types} may be used without a wait. */
    private static volatile boolean registered;

    private Jfr() {
    }

    /** The event types; loading this class registers them (the expensive part). */
    private static final class Types {
        static final EventType HTTP_REQUEST = EventType.getEventType(HttpRequestEvent.class);
        static final EventType WEBSOCKET_SESSION = EventType.getEventType(WebSocketSessionEvent.class);
        static final EventType CONNECTION_CLOSED = EventType.getEventType(ConnectionClosedEvent.class);
        static final EventType IO_LOOP_STALL = EventType.getEventType(IoLoopStallEvent.class);
    }

    /** Whether the event types are registered; starts registering them once a recorder exists. */
    private static boolean ready() {
        if (registered) {
            return true;
        }
        if (FlightRecorder.isInitialized() && REGISTERING.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("mummy-jfr-register").start(Jfr::register);
        }
        return false;
    }

    /**
     * Registers the event types now, on the calling thread (a test that starts a recording and
     * wants the very next events calls this first). Cheap once done.
     */
    public static void register() {
        if (Types.HTTP_REQUEST != null) {
            registered = true;
        }
    }

    /**
     * At a server's start: registers the event types now if a recorder exists already (a recording
     * started with the JVM, {@code -XX:StartFlightRecording}), so that the first requests are
     * recorded too; else does nothing, and costs nothing.
     */
    public static void registerIfRecording() {
        if (!registered && FlightRecorder.isInitialized()) {
            REGISTERING.set(true);
            register();
        }
    }

    /** {@return a begun {@code mummy.HttpRequest}, or null when it is disabled} */
    public static HttpRequestEvent beginHttpRequest() {
        if (!ready() || !Types.HTTP_REQUEST.isEnabled()) {
            return null;
        }
        HttpRequestEvent event = new HttpRequestEvent();
        event.begin();
        return event;
    }

    /** {@return a begun {@code mummy.WebSocketSession}, or null when it is disabled} */
    public static WebSocketSessionEvent beginWebSocketSession() {
        if (!ready() || !Types.WEBSOCKET_SESSION.isEnabled()) {
            return null;
        }
        WebSocketSessionEvent event = new WebSocketSessionEvent();
        event.begin();
        return event;
    }

    /** {@return whether {@code mummy.ConnectionClosed} is enabled} */
    public static boolean connectionClosedEnabled() {
        return ready() && Types.CONNECTION_CLOSED.isEnabled();
    }

    /** {@return a begun {@code mummy.IoLoopStall}, or null when it is disabled} */
    public static IoLoopStallEvent beginIoLoopStall() {
        if (!ready() || !Types.IO_LOOP_STALL.isEnabled()) {
            return null;
        }
        IoLoopStallEvent event = new IoLoopStallEvent();
        event.begin();
        return event;
    }
}
