package mummy.benchmarks.peers.jetty;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Echoes each whole message of one {@code /ws} session. A binary payload is sent back as it is and
 * the read is completed when that send completes, so the buffer is not copied and the next frame is
 * demanded only then.
 *
 * <p>Public because Jetty binds the listener methods through method handles.
 *
 * <p>Threading: Jetty calls one session's listener methods one at a time.
 */
public final class WebSocketEcho implements Session.Listener.AutoDemanding {

    private Session session;

    /** An endpoint for one session. */
    public WebSocketEcho() {
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        session.sendBinary(payload, callback);
    }

    /** {@inheritDoc} */
    @Override
    public void onWebSocketText(String message) {
        session.sendText(message, Callback.NOOP);
    }
}
