package mummy.benchmarks.peers.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import mummy.benchmarks.dbcommon.Fortune;
import mummy.benchmarks.dbcommon.World;

/**
 * {@code GET /}, {@code GET /sleep} and {@code POST /echo}, in the style of Netty's
 * {@code HttpHelloWorldServerHandler}: responses are written as requests come and flushed when the
 * read completes; with a database also {@code GET /db} and {@code GET /fortunes}.
 *
 * <p>Threading: one instance per channel, called on its event loop only. A {@code /sleep} runs on
 * the offload executor, the JDBC of {@code /db} and {@code /fortunes} on the database workers
 * ({@link Database}); responses of later requests on the same connection wait for it, so
 * pipelined responses keep request order.
 */
final class HttpEchoHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private static final CharSequence JSON = HttpHeaderValues.APPLICATION_JSON;
    private static final CharSequence HTML = Fortune.CONTENT_TYPE;

    private final Executor offload;
    /** The database and its workers, or null when the server has none. */
    private final Database database;
    /** The last response still to be written, or a completed future; event loop only. */
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

    HttpEchoHandler(Executor offload, Database database) {
        this.offload = offload;
        this.database = database;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = request.uri();
        HttpMethod method = request.method();
        if (path.equals("/") && method.equals(HttpMethod.GET)) {
            send(ctx, response(request, HttpResponseStatus.OK, HttpHeaderValues.TEXT_PLAIN, Unpooled.wrappedBuffer(HELLO)), keepAlive);
        } else if (path.equals("/sleep") && method.equals(HttpMethod.GET)) {
            FullHttpResponse response = response(request, HttpResponseStatus.OK, HttpHeaderValues.TEXT_PLAIN, Unpooled.wrappedBuffer(OK));
            pending = pending.thenRunAsync(HttpEchoHandler::sleepTenMillis, offload)
                    .thenRunAsync(() -> writeAndFlush(ctx, response, keepAlive), ctx.executor());
        } else if (database != null && path.equals("/db") && method.equals(HttpMethod.GET)) {
            queried(ctx, request, JSON, () -> database.jdbc().randomWorld().json(), keepAlive);
        } else if (database != null && path.equals("/fortunes") && method.equals(HttpMethod.GET)) {
            queried(ctx, request, HTML, () -> database.jdbc().fortunesPage(), keepAlive);
        } else if (path.equals("/echo") && method.equals(HttpMethod.POST)) {
            ByteBuf body = request.content().retainedDuplicate();
            send(ctx, response(request, HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_OCTET_STREAM, body), keepAlive);
        } else {
            send(ctx, response(request, HttpResponseStatus.NOT_FOUND, HttpHeaderValues.TEXT_PLAIN, Unpooled.EMPTY_BUFFER), keepAlive);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Runs {@code query} on the database workers, then writes its body (a 500 if it failed) in order. */
    private void queried(ChannelHandlerContext ctx, FullHttpRequest request, CharSequence type, Callable<byte[]> query, boolean keepAlive) {
        HttpVersion version = request.protocolVersion();
        CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> {
            try {
                return query.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, database.workers());
        pending = pending.thenCombine(body, (ignored, bytes) -> bytes)
                .handleAsync((bytes, error) -> {
                    if (error != null) {
                        System.err.println("query failed: " + error);
                        writeAndFlush(ctx, response(version, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                HttpHeaderValues.TEXT_PLAIN, Unpooled.EMPTY_BUFFER), keepAlive);
                    } else {
                        writeAndFlush(ctx, response(version, keepAlive, HttpResponseStatus.OK, type, Unpooled.wrappedBuffer(bytes)), keepAlive);
                    }
                    return null;
                }, ctx.executor());
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (pending.isDone()) {
            write(ctx, response, keepAlive);
        } else {
            pending = pending.thenRunAsync(() -> writeAndFlush(ctx, response, keepAlive), ctx.executor());
        }
    }

    private static FullHttpResponse response(FullHttpRequest request, HttpResponseStatus status, CharSequence type, ByteBuf body) {
        return response(request.protocolVersion(), HttpUtil.isKeepAlive(request), status, type, body);
    }

    private static FullHttpResponse response(HttpVersion version, boolean keepAlive, HttpResponseStatus status, CharSequence type, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (keepAlive && !version.isKeepAliveDefault()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            ctx.write(response, ctx.voidPromise());
        } else {
            ctx.write(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void writeAndFlush(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        write(ctx, response, keepAlive);
        ctx.flush();
    }

    private static void sleepTenMillis() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
