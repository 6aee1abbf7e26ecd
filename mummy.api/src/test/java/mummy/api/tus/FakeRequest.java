package mummy.api.tus;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Parameters;
import mummy.api.Request;
import mummy.api.ResponseStream;
import mummy.api.WebSocket;
import mummy.api.WebSocketOptions;

/**
 * A test fake of a streamed {@link Request}: method, path, headers and a body stream in (any
 * {@link InputStream}, such as one that fails part-way), the final response recorded.
 */
final class FakeRequest implements Request {

    private final String method;
    private final String path;
    private final HttpHeaders headers;
    private final InputStream body;
    private int status;
    private HttpHeaders responseHeaders;
    private byte[] responseBody;
    private Runnable onRespond = () -> { };

    FakeRequest(String method, String path, HttpHeaders headers, InputStream body) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
    }

    /** Runs {@code action} on the responding thread right after the final response is recorded. */
    FakeRequest onRespond(Runnable action) {
        this.onRespond = action;
        return this;
    }

    int status() {
        return status;
    }

    String responseHeader(String name) {
        return responseHeaders.get(name);
    }

    String responseText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return path;
    }

    @Override
    public String path() {
        return path;
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
        return headers;
    }

    @Override
    public byte[] body() {
        throw new IllegalStateException("streamed");
    }

    @Override
    public InputStream bodyStream() {
        return body;
    }

    @Override
    public boolean isBodyStreamed() {
        return true;
    }

    @Override
    public String version() {
        return "HTTP/1.1";
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public void respond(int status, HttpHeaders headers, byte[] body) {
        if (isResponded()) {
            throw new IllegalStateException("already responded with " + this.status);
        }
        this.status = status;
        this.responseHeaders = headers;
        this.responseBody = body;
        onRespond.run();
    }

    @Override
    public void sendInformational(int status, HttpHeaders headers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ResponseStream respondStream(int status, HttpHeaders headers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void respondFile(java.nio.file.Path file, HttpHeaders extraHeaders) {
        throw new UnsupportedOperationException();
    }

    @Override
    public EventStream respondEventStream() {
        throw new UnsupportedOperationException();
    }

    @Override
    public WebSocket upgradeToWebSocket(WebSocketOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isResponded() {
        return status != 0;
    }
}
