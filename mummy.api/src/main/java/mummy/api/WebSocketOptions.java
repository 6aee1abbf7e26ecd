package mummy.api;

import java.util.List;
import java.util.Objects;

/**
 * How to answer a WebSocket upgrade.
 *
 * @param subprotocols the subprotocols this endpoint speaks, in the server's order; the first one
 *                     the client also offers is chosen (RFC 6455 4.2.2); empty for none
 * @param responseHeaders extra header fields for the 101 response
 */
public record WebSocketOptions(List<String> subprotocols, HttpHeaders responseHeaders) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if a subprotocol is not a token (RFC 6455 4.1, 11.3.4)
     */
    public WebSocketOptions {
        subprotocols = List.copyOf(subprotocols);
        for (String subprotocol : subprotocols) {
            if (!Tokens.isToken(subprotocol)) {
                throw new IllegalArgumentException("a subprotocol must be a token (RFC 6455 4.1): \""
                        + subprotocol + "\"");
            }
        }
        Objects.requireNonNull(responseHeaders, "responseHeaders");
    }

    /**
     * No subprotocol, no extra fields.
     *
     * @return the default options
     */
    public static WebSocketOptions defaults() {
        return new WebSocketOptions(List.of(), HttpHeaders.empty());
    }

    /**
     * Options speaking these subprotocols.
     *
     * @param subprotocols in the server's order of preference
     * @return the options
     */
    public static WebSocketOptions subprotocols(String... subprotocols) {
        return new WebSocketOptions(List.of(subprotocols), HttpHeaders.empty());
    }

    /**
     * These options with extra fields on the 101 response.
     *
     * @param headers the fields
     * @return new options
     */
    public WebSocketOptions withResponseHeaders(HttpHeaders headers) {
        return new WebSocketOptions(subprotocols, headers);
    }
}
