package mummy.api;

import java.net.InetSocketAddress;

/**
 * The request a route's handler receives: the original request with the path parameters of the
 * matched route. Everything else is delegated, one line per method.
 *
 * <p>When a method is added to {@link Request}, add its delegation here too, default methods
 * included (the server's request may override them); {@code RoutedRequestTest} fails until then.
 *
 * <p>Threading: as thread-safe as the request it wraps.
 */
final class RoutedRequest implements Request {

    private final Request original;
    private final Parameters pathParams;

    /**
     * Wraps a request.
     *
     * @param original the request the router received
     * @param pathParams the parameters of the matched route
     */
    RoutedRequest(Request original, Parameters pathParams) {
        this.original = original;
        this.pathParams = pathParams;
    }

    /**
     * The request the router received.
     *
     * @return the wrapped request
     */
    Request original() {
        return original;
    }

    @Override
    public Parameters pathParams() {
        return pathParams;
    }

    // Everything below delegates to the original request.

    @Override
    public String method() {
        return original.method();
    }

    @Override
    public String target() {
        return original.target();
    }

    @Override
    public String path() {
        return original.path();
    }

    @Override
    public String rawQuery() {
        return original.rawQuery();
    }

    @Override
    public Parameters queryParams() {
        return original.queryParams();
    }

    @Override
    public HttpHeaders headers() {
        return original.headers();
    }

    @Override
    public byte[] body() {
        return original.body();
    }

    @Override
    public java.io.InputStream bodyStream() {
        return original.bodyStream();
    }

    @Override
    public boolean isBodyStreamed() {
        return original.isBodyStreamed();
    }

    @Override
    public String bodyText() {
        return original.bodyText();
    }

    @Override
    public Parameters formParams() {
        return original.formParams();
    }

    @Override
    public Parameters cookies() {
        return original.cookies();
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        return original.bodyAs(type);
    }

    @Override
    public <T> T bodyAs(GenericType<T> type) {
        return original.bodyAs(type);
    }

    @Override
    public <T> T bodyAs(java.lang.reflect.Type type) {
        return original.bodyAs(type);
    }

    @Override
    public mummy.api.spi.JsonCodec jsonCodec() {
        return original.jsonCodec();
    }

    @Override
    public String version() {
        return original.version();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return original.remoteAddress();
    }

    @Override
    public void respond(int status, HttpHeaders headers, byte[] body) {
        original.respond(status, headers, body);
    }

    @Override
    public void respond(int status, HttpHeaders headers, String body) {
        original.respond(status, headers, body);
    }

    @Override
    public void respond(int status, String body) {
        original.respond(status, body);
    }

    @Override
    public void respond(int status) {
        original.respond(status);
    }

    @Override
    public void respondError(int status, String detail) {
        original.respondError(status, detail);
    }

    @Override
    public void respondError(int status, HttpHeaders headers, String detail) {
        original.respondError(status, headers, detail);
    }

    @Override
    public void respondJson(Object value) {
        original.respondJson(value);
    }

    @Override
    public void respondJson(int status, Object value) {
        original.respondJson(status, value);
    }

    @Override
    public void respondJson(int status, HttpHeaders headers, Object value) {
        original.respondJson(status, headers, value);
    }

    @Override
    public void respondFile(java.nio.file.Path file) {
        original.respondFile(file);
    }

    @Override
    public void respondFile(java.nio.file.Path file, HttpHeaders extraHeaders) {
        original.respondFile(file, extraHeaders);
    }

    @Override
    public void sendInformational(int status, HttpHeaders headers) {
        original.sendInformational(status, headers);
    }

    @Override
    public boolean isResponded() {
        return original.isResponded();
    }

    @Override
    public ResponseStream respondStream(int status, HttpHeaders headers) {
        return original.respondStream(status, headers);
    }

    @Override
    public EventStream respondEventStream() {
        return original.respondEventStream();
    }

    @Override
    public WebSocket upgradeToWebSocket() {
        return original.upgradeToWebSocket();
    }

    @Override
    public WebSocket upgradeToWebSocket(WebSocketOptions options) {
        return original.upgradeToWebSocket(options);
    }

    @Override
    public WebSocket upgradeToWebSocket(WebSocketHandler handler, WebSocketOptions options) {
        return original.upgradeToWebSocket(handler, options);
    }

    @Override
    public void addResponseHeader(String name, String value) {
        original.addResponseHeader(name, value);
    }

    @Override
    public ResponseInfo response() {
        return original.response();
    }

    @Override
    public void routeMatched(String template) {
        original.routeMatched(template);
    }

    @Override
    public String toString() {
        return "RoutedRequest[" + original + ", pathParams=" + pathParams + "]";
    }
}
