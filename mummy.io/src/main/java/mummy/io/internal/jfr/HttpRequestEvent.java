package mummy.io.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code mummy.HttpRequest}: one request, from its head parsed on the IO thread to its final
 * answer handed back (committed on the thread that answered).
 *
 * <p>Threading: begun by the IO thread, filled and committed by one worker.
 */
@Name("mummy.HttpRequest")
@Label("HTTP Request")
@Category({"Mummy", "HTTP"})
@Description("A request, from its head parsed to its final answer queued")
@StackTrace(false)
public final class HttpRequestEvent extends jdk.jfr.Event {

    /** An event not begun yet. */
    public HttpRequestEvent() {
    }

    /** Method. */
    @Label("Method")
    public String method;

    /** Route. */
    @Label("Route")
    @Description("The router's template, empty when no route matched")
    public String route;

    /** Status. */
    @Label("Status")
    public int status;

    /** Request Body. */
    @Label("Request Body")
    @DataAmount
    public long requestBytes;

    /** Response Body. */
    @Label("Response Body")
    @DataAmount
    public long responseBytes;
}
