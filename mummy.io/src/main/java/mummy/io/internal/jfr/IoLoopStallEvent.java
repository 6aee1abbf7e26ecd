package mummy.io.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * {@code mummy.IoLoopStall}: a turn of the IO loop whose work (after {@code epoll_wait}) took
 * longer than the event's threshold (default 20 ms; {@code mummy.jfc} sets it): while it works no
 * other connection is served, so a long turn is latency for everyone.
 *
 * <p>Threading: IO thread only; begun after each {@code epoll_wait} only while a recording has the
 * event enabled.
 */
@Name("mummy.IoLoopStall")
@Label("IO Loop Stall")
@Category({"Mummy", "IO Loop"})
@Description("A turn of the IO loop that worked past the threshold")
@Threshold("20 ms")
@StackTrace(false)
public final class IoLoopStallEvent extends jdk.jfr.Event {

    /** An event not begun yet. */
    public IoLoopStallEvent() {
    }

    /** Events. */
    @Label("Events")
    @Description("epoll events handled in the turn")
    public int events;

    /** Commands. */
    @Label("Commands")
    @Description("messages from workers taken in the turn")
    public int commands;
}
