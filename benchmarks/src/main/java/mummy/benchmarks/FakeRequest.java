package mummy.benchmarks;

import java.net.InetSocketAddress;
import mummy.api.HttpHeaders;
import mummy.api.Parameters;
import mummy.api.Request;

/**
 * The least {@link Request} a router needs: a method and a target in, the last status out.
 * Unlike the server's request it may be answered any number of times, so one instance serves a
 * whole benchmark. Answers other than {@code respond} (files, streams, upgrades) throw
 * {@link UnsupportedOperationException}: the router benchmark measures dispatch, not them.
 * Threading: one thread.
 */
final class FakeRequest implements Request {

    private static final InetSocketAddress CLIENT = InetSocketAddress.createUnresolved("127.0.0.1", 50000);

    private final String method;
    private final String target;
    private int status;

    FakeRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** The status of the last response, 0 before any. */
    int status() {
        return status;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String path() {
        return target;
    }

    @Override
    public String rawQuery() {
        return "";
    }

    @Override
    public Parameters queryParams() {
        return Parameters.empty();
    }

    @Override
    public Parameters pathParams() {
        return Parameters.empty();
    }

    @Override
    public HttpHeaders headers() {
        return HttpHeaders.empty();
    }

    @Override
    public byte[] body() {
        return new byte[0];
    }

    @Override
    public java.io.InputStream bodyStream() {
        return new java.io.ByteArrayInputStream(body());
    }

    @Override
    public boolean isBodyStreamed() {
        return false;
    }

    @Override
    public String version() {
        return "HTTP/1.1";
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return CLIENT;
    }

    @Override
    public void respond(int status, HttpHeaders headers, byte[] body) {
        this.status = status;
    }

    @Override
    public void respondFile(java.nio.file.Path file, HttpHeaders extraHeaders) {
        throw new UnsupportedOperationException("not used by the router benchmark");
    }

    @Override
    public void sendInformational(int status, HttpHeaders headers) {
    }

    @Override
    public boolean isResponded() {
        return status != 0;
    }

    @Override
    public mummy.api.ResponseStream respondStream(int status, HttpHeaders headers) {
        throw new UnsupportedOperationException("not used by the router benchmark");
    }

    @Override
    public mummy.api.EventStream respondEventStream() {
        throw new UnsupportedOperationException("not used by the router benchmark");
    }

    @Override
    public mummy.api.WebSocket upgradeToWebSocket(mummy.api.WebSocketOptions options) {
        throw new UnsupportedOperationException("not used by the router benchmark");
    }
}
