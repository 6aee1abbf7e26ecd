package mummy.benchmarks.peers.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import mummy.benchmarks.dbcommon.Fortune;
import mummy.benchmarks.dbcommon.JdbcDatabase;
import mummy.benchmarks.dbcommon.World;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /}, {@code GET /sleep} and {@code POST /echo}, written in plain blocking style; with a
 * database also {@code GET /db} and {@code GET /fortunes}, plain JDBC ({@link JdbcDatabase}) in the
 * handler.
 *
 * <p>Threading: the invocation type is Jetty's default, {@code BLOCKING}, so Jetty calls
 * {@link #handle} on a virtual thread of its own; blocking here (sleep, reading the body, waiting
 * for the database) is what virtual threads are for.
 */
final class EchoHandler extends Handler.Abstract {

    /** The database, or null when the server has none. */
    private final JdbcDatabase database;

    EchoHandler(JdbcDatabase database) {
        this.database = database;
    }

    private static final ByteBuffer HELLO = ByteBuffer.wrap("Hello, World!".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    private static final ByteBuffer OK = ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        boolean get = HttpMethod.GET.is(request.getMethod());
        if (path.equals("/") && get) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.write(true, HELLO.slice(), callback);
        } else if (path.equals("/sleep") && get) {
            Thread.sleep(10);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.write(true, OK.slice(), callback);
        } else if (database != null && path.equals("/db") && get) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, World.CONTENT_TYPE);
            response.write(true, ByteBuffer.wrap(database.randomWorld().json()), callback);
        } else if (database != null && path.equals("/fortunes") && get) {
            byte[] page = database.fortunesPage();
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Fortune.CONTENT_TYPE);
            response.write(true, ByteBuffer.wrap(page), callback);
        } else if (path.equals("/echo") && HttpMethod.POST.is(request.getMethod())) {
            ByteBuffer body = Content.Source.asByteBuffer(request);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            response.write(true, body, callback);
        } else {
            Response.writeError(request, response, callback, 404);
        }
        return true;
    }
}
