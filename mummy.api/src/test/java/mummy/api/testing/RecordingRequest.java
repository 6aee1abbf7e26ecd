package mummy.api.testing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Parameters;
import mummy.api.Request;
import mummy.api.ResponseStream;
import mummy.api.WebSocket;
import mummy.api.WebSocketOptions;

/**
 * A test fake of {@link Request}: a method, target and headers in, and the final response (status,
 * headers, body) and interim statuses recorded. Like the server's request, a second final response
 * throws {@link IllegalStateException}.
 *
 * <p>Its package is not one of module {@code mummy.api}'s, so that other modules' tests can use
 * it from mummy.api's test-jar on the class path (as {@code mummy.web}'s do) without splitting a
 * package of the module.
 */
public final class RecordingRequest implements Request {

    private WebSocketOptions upgradeOptions;
    private java.nio.file.Path file;

    private final String method;
    private final String target;
    private final HttpHeaders headers;
    private final byte[] body;
    /** A streamed body, or null when the body is {@link #body}. */
    private final java.io.InputStream streamedBody;
    private Runnable onRespond = () -> { };
    private final List<Integer> informational = new ArrayList<>();
    private int status;
    private HttpHeaders responseHeaders;
    private byte[] responseBody;

    /**
     * A request with a buffered body.
     *
     * @param method the method
     * @param target the target
     * @param headers the header fields
     * @param body the body
     */
    public RecordingRequest(String method, String target, HttpHeaders headers, byte[] body) {
        this.method = method;
        this.target = target;
        this.headers = headers;
        this.body = body;
        this.streamedBody = null;
    }

    /**
     * A request whose body is streamed from {@code body}, as on a streaming route.
     *
     * @param method the method
     * @param target the target
     * @param headers the header fields
     * @param body the body stream
     */
    public RecordingRequest(String method, String target, HttpHeaders headers, java.io.InputStream body) {
        this.method = method;
        this.target = target;
        this.headers = headers;
        this.body = null;
        this.streamedBody = body;
    }

    /**
     * Runs {@code action} on the responding thread right after the final response is recorded.
     *
     * @param action what to run
     * @return this request
     */
    public RecordingRequest onRespond(Runnable action) {
        this.onRespond = action;
        return this;
    }

    /**
     * A field of the final response.
     *
     * @param name the field name
     * @return its value, or null
     */
    public String responseHeader(String name) {
        return responseHeaders.get(name);
    }

    /**
     * A request without header fields or body.
     *
     * @param method the method
     * @param target the target
     */
    public RecordingRequest(String method, String target) {
        this(method, target, HttpHeaders.empty(), new byte[0]);
    }

    /**
     * The final status sent, or 0 if none.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The final response's headers.
     *
     * @return the headers, or null if none was sent
     */
    public HttpHeaders responseHeaders() {
        return responseHeaders;
    }

    /**
     * The final response's body as UTF-8, or null if none was sent.
     *
     * @return the text
     */
    public String responseText() {
        return responseBody == null ? null : new String(responseBody, StandardCharsets.UTF_8);
    }

    /**
     * The interim statuses sent.
     *
     * @return the statuses, in order
     */
    public List<Integer> informational() {
        return List.copyOf(informational);
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
        int query = target.indexOf('?');
        return Parameters.decode(target, 0, query < 0 ? target.length() : query, false);
    }

    @Override
    public String rawQuery() {
        int query = target.indexOf('?');
        return query < 0 ? "" : target.substring(query + 1);
    }

    @Override
    public Parameters queryParams() {
        return Parameters.parseUrlEncoded(rawQuery());
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
        if (streamedBody != null) {
            throw new IllegalStateException("the body is streamed: read it with bodyStream()");
        }
        return body;
    }

    @Override
    public java.io.InputStream bodyStream() {
        return streamedBody != null ? streamedBody : new java.io.ByteArrayInputStream(body);
    }

    @Override
    public boolean isBodyStreamed() {
        return streamedBody != null;
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
    public void respondFile(java.nio.file.Path file, HttpHeaders extraHeaders) {
        respond(200, extraHeaders, new byte[0]);
        this.file = file;
    }

    @Override
    public void sendInformational(int status, HttpHeaders headers) {
        if (isResponded()) {
            throw new IllegalStateException("already responded with " + this.status);
        }
        informational.add(status);
    }

    @Override
    public boolean isResponded() {
        return status != 0;
    }

    @Override
    public ResponseStream respondStream(int status, HttpHeaders headers) {
        respond(status, headers, new byte[0]);
        return null;
    }

    @Override
    public EventStream respondEventStream() {
        respond(200, HttpHeaders.of("Content-Type", "text/event-stream"), new byte[0]);
        return null;
    }

    @Override
    public WebSocket upgradeToWebSocket(WebSocketOptions options) {
        if (isResponded()) {
            throw new IllegalStateException("already responded with " + this.status);
        }
        this.status = 101;
        this.upgradeOptions = options;
        return null;
    }

    /**
     * The file of {@code respondFile}, recorded with status 200 and the extra headers.
     *
     * @return the file, or null if none
     */
    public java.nio.file.Path file() {
        return file;
    }

    /**
     * The options of the upgrade.
     *
     * @return the options, or null if the request was not upgraded
     */
    public WebSocketOptions upgradeOptions() {
        return upgradeOptions;
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
