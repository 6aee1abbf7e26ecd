package mummy.io.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code mummy.WebSocketSession}: one WebSocket, from its 101 queued to its connection closed.
 *
 * <p>Threading: IO thread only.
 */
@Name("mummy.WebSocketSession")
@Label("WebSocket Session")
@Category({"Mummy", "WebSocket"})
@Description("A WebSocket session, from the switch to WebSocket to the connection's close")
@StackTrace(false)
public final class WebSocketSessionEvent extends jdk.jfr.Event {

    /** An event not begun yet. */
    public WebSocketSessionEvent() {
    }

    /** Path. */
    @Label("Path")
    public String path;

    /** Close Code. */
    @Label("Close Code")
    public int closeCode;

    /** Messages In. */
    @Label("Messages In")
    public long messagesIn;

    /** Messages Out. */
    @Label("Messages Out")
    public long messagesOut;

    /** Bytes In. */
    @Label("Bytes In")
    @DataAmount
    public long bytesIn;

    /** Bytes Out. */
    @Label("Bytes Out")
    @DataAmount
    public long bytesOut;
}
