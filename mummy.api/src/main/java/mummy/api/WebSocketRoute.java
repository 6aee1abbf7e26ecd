package mummy.api;

/**
 * The handler of a {@link Router.Builder#webSocket WebSocket route}: upgrades handshakes with the
 * route's handler, whose {@link WebSocketEvent.Open} event then carries the path parameters, and
 * answers other requests 426 Upgrade Required.
 *
 * <p>Threading: immutable.
 */
final class WebSocketRoute implements RequestHandler {

    private static final byte[] NOT_A_HANDSHAKE = ("This is a WebSocket endpoint: connect with a WebSocket client"
            + " (an HTTP/1.1 GET with Upgrade: websocket, RFC 6455 section 4.1).\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final HttpHeaders UPGRADE_REQUIRED = HttpHeaders.of("Upgrade", "websocket",
            "Sec-WebSocket-Version", "13", "Content-Type", "text/plain; charset=utf-8");

    private final WebSocketOptions options;
    private final WebSocketHandler handler;

    WebSocketRoute(WebSocketOptions options, WebSocketHandler handler) {
        this.options = options;
        this.handler = handler;
    }

    @Override
    public void handle(Request request) {
        if (!asksForWebSocket(request.headers())) {
            // RFC 9110 15.5.22: a 426 names the protocol to upgrade to in Upgrade
            request.respond(426, UPGRADE_REQUIRED, NOT_A_HANDSHAKE);
            return;
        }
        Parameters pathParams = request.pathParams();
        WebSocketHandler routed = pathParams.isEmpty() ? handler : (webSocket, event) ->
                handler.onEvent(webSocket, event instanceof WebSocketEvent.Open open
                        ? new WebSocketEvent.Open(pathParams, open.requestHeaders()) : event);
        request.upgradeToWebSocket(routed, options);
    }

    /** Whether an {@code Upgrade} field lists {@code websocket} (RFC 9110 7.8: case-insensitive). */
    private static boolean asksForWebSocket(HttpHeaders headers) {
        for (String upgrade : headers.all("Upgrade")) {
            for (String protocol : upgrade.split(",")) {
                if (protocol.strip().equalsIgnoreCase("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "webSocket(" + handler + ")";
    }
}
