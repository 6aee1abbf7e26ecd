package mummy.io.internal.jfr;

import jdk.jfr.EventType;

/**
 * Whether each of the server's events is enabled in a running recording, read before anything
 * is built for it: a disabled event costs one field read. {@link EventType#isEnabled()} is true
 * only while a recording that enables the event runs.
 *
 * <p>Threading: any thread.
 */
public final class Jfr {

    private static final EventType HTTP_REQUEST = EventType.getEventType(HttpRequestEvent.class);
    private static final EventType WEBSOCKET_SESSION = EventType.getEventType(WebSocketSessionEvent.class);
    private static final EventType CONNECTION_CLOSED = EventType.getEventType(ConnectionClosedEvent.class);
    private static final EventType IO_LOOP_STALL = EventType.getEventType(IoLoopStallEvent.class);

    private Jfr() {
    }

    /** {@return a begun {@code mummy.HttpRequest}, or null when it is disabled} */
    public static HttpRequestEvent beginHttpRequest() {
        if (!HTTP_REQUEST.isEnabled()) {
            return null;
        }
        HttpRequestEvent event = new HttpRequestEvent();
        event.begin();
        return event;
    }

    /** {@return a begun {@code mummy.WebSocketSession}, or null when it is disabled} */
    public static WebSocketSessionEvent beginWebSocketSession() {
        if (!WEBSOCKET_SESSION.isEnabled()) {
            return null;
        }
        WebSocketSessionEvent event = new WebSocketSessionEvent();
        event.begin();
        return event;
    }

    /** {@return whether {@code mummy.ConnectionClosed} is enabled} */
    public static boolean connectionClosedEnabled() {
        return CONNECTION_CLOSED.isEnabled();
    }

    /** {@return a begun {@code mummy.IoLoopStall}, or null when it is disabled} */
    public static IoLoopStallEvent beginIoLoopStall() {
        if (!IO_LOOP_STALL.isEnabled()) {
            return null;
        }
        IoLoopStallEvent event = new IoLoopStallEvent();
        event.begin();
        return event;
    }
}
