package mummy.io.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code mummy.ConnectionClosed}: a connection closed, with the reason (a
 * {@link mummy.io.ServerMetrics.CloseReason} name) and the detail logged at debug level.
 *
 * <p>Threading: IO thread only.
 */
@Name("mummy.ConnectionClosed")
@Label("Connection Closed")
@Category({"Mummy", "Connection"})
@Description("A TCP connection closed, and why")
@StackTrace(false)
public final class ConnectionClosedEvent extends jdk.jfr.Event {

    /** An event not begun yet. */
    public ConnectionClosedEvent() {
    }

    /** Reason. */
    @Label("Reason")
    public String reason;

    /** Detail. */
    @Label("Detail")
    public String detail;

    /** File Descriptor. */
    @Label("File Descriptor")
    public int fd;

    /** Remote Address. */
    @Label("Remote Address")
    public String remoteAddress;
}
