package mummy.io.internal.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import mummy.api.HttpHeaders;

/**
 * The server's side of the opening handshake (RFC 6455 section 4.2): checks an upgrade request
 * and gives either the fields of the 101 response or the rejection to send.
 *
 * <p>Threading: stateless, any thread.
 */
public final class WsHandshake {

    /** The GUID appended to the client's key to compute {@code Sec-WebSocket-Accept} (RFC 6455 1.3, 4.2.2). */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The only protocol version this server speaks (RFC 6455 4.1, 11.6). */
    static final String VERSION = "13";
    /** The length of a valid key: base64 with padding of a 16-byte nonce (RFC 6455 4.1, 4.2.1). */
    private static final int KEY_LENGTH = 24;
    private static final int NONCE_BYTES = 16;

    private WsHandshake() {
    }

    /**
     * The outcome of {@link #evaluate}.
     *
     * <p>Threading: immutable.
     */
    public sealed interface Outcome {

        /**
         * The upgrade is accepted: send 101 Switching Protocols with these fields.
         *
         * @param responseHeaders {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Accept},
         *     and {@code Sec-WebSocket-Protocol} and {@code Sec-WebSocket-Extensions} when chosen
         * @param subprotocol the subprotocol chosen, or null
         * @param deflate the permessage-deflate parameters accepted, or null
         */
        record Accept(HttpHeaders responseHeaders, String subprotocol, PerMessageDeflate.Parameters deflate)
                implements Outcome {
            /** Validates that the headers are not null. */
            public Accept {
                Objects.requireNonNull(responseHeaders, "responseHeaders");
            }
        }

        /**
         * The upgrade is refused: send this status with the message as a text body.
         *
         * @param status 400, or 426 for an unsupported version
         * @param message what was wrong, for the response body
         * @param responseHeaders fields to send with the status (for 426: the version spoken)
         */
        record Reject(int status, String message, HttpHeaders responseHeaders) implements Outcome {
            /** Validates the status and that nothing is null. */
            public Reject {
                if (status < 400 || status > 499) {
                    throw new IllegalArgumentException("a handshake is rejected with a 4xx status, got " + status);
                }
                Objects.requireNonNull(message, "message");
                Objects.requireNonNull(responseHeaders, "responseHeaders");
            }
        }
    }

    /**
     * The {@code Sec-WebSocket-Accept} value for a key (RFC 6455 4.2.2 item 5.4): the base64 of
     * the SHA-1 of the key, as sent, followed by {@link #GUID}.
     *
     * @param secWebSocketKey the value of the request's {@code Sec-WebSocket-Key}
     * @return the accept value
     */
    public static String acceptKey(String secWebSocketKey) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((secWebSocketKey + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1 (MessageDigest)", e);
        }
    }

    /**
     * Checks an upgrade request (RFC 6455 4.2.1) and decides the response (4.2.2).
     *
     * @param method the request method
     * @param minorVersion the minor version of HTTP/1.x
     * @param requestHeaders the request's fields
     * @param serverSubprotocols the subprotocols the server supports; the first of the client's
     *     offers found here is chosen (RFC 6455 4.2.2 item 5.4 /subprotocol/)
     * @param deflateEnabled whether the server offers permessage-deflate
     * @return an {@link Outcome.Accept} or an {@link Outcome.Reject}
     */
    public static Outcome evaluate(String method, int minorVersion, HttpHeaders requestHeaders,
                                   List<String> serverSubprotocols, boolean deflateEnabled) {
        Outcome.Reject reject = check(method, minorVersion, requestHeaders);
        if (reject != null) {
            return reject;
        }
        String subprotocol = subprotocol(requestHeaders.all("Sec-WebSocket-Protocol"), serverSubprotocols);
        PerMessageDeflate.Parameters deflate = deflateEnabled
                ? PerMessageDeflate.negotiate(requestHeaders.all("Sec-WebSocket-Extensions"))
                : null;
        // RFC 6455 4.2.2 item 5: the fields of the 101 response
        HttpHeaders.Builder response = HttpHeaders.builder()
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", acceptKey(requestHeaders.get("Sec-WebSocket-Key")));
        if (subprotocol != null) {
            response.add("Sec-WebSocket-Protocol", subprotocol);
        }
        if (deflate != null) {
            response.add("Sec-WebSocket-Extensions", deflate.toHeaderValue());
        }
        return new Outcome.Accept(response.build(), subprotocol, deflate);
    }

    /** The rejection a request deserves, or null when it is a valid upgrade request. */
    private static Outcome.Reject check(String method, int minorVersion, HttpHeaders headers) {
        // RFC 6455 4.2.1 item 1: an HTTP/1.1 or higher GET request
        if (!"GET".equals(method)) {
            return badRequest("a WebSocket upgrade is a GET request");
        }
        if (minorVersion < 1) {
            return badRequest("a WebSocket upgrade needs HTTP/1.1");
        }
        // RFC 6455 4.2.1 item 2: a Host field
        if (!headers.contains("Host")) {
            return badRequest("Host field missing");
        }
        // RFC 6455 4.2.1 item 3: Upgrade lists "websocket", ASCII case-insensitive
        if (!headers.containsToken("Upgrade", "websocket")) {
            return badRequest("Upgrade field does not list websocket");
        }
        // RFC 6455 4.2.1 item 4: Connection lists "Upgrade", ASCII case-insensitive
        if (!headers.containsToken("Connection", "upgrade")) {
            return badRequest("Connection field does not list upgrade");
        }
        // RFC 6455 4.2.1 item 6, 4.2.2 item 4, 4.4: version 13, else 426 naming the version spoken;
        // RFC 9110 15.5.22: a 426 carries an Upgrade field
        List<String> versions = headers.all("Sec-WebSocket-Version");
        if (versions.size() != 1 || !versions.getFirst().equals(VERSION)) {
            return new Outcome.Reject(426, "WebSocket version 13 required",
                    HttpHeaders.of("Sec-WebSocket-Version", VERSION, "Upgrade", "websocket", "Connection", "Upgrade"));
        }
        // RFC 6455 4.2.1 item 5: one Sec-WebSocket-Key, the base64 of 16 bytes
        List<String> keys = headers.all("Sec-WebSocket-Key");
        if (keys.size() != 1 || !isValidKey(keys.getFirst())) {
            return badRequest("Sec-WebSocket-Key must be one base64-encoded 16-byte value");
        }
        return null;
    }

    private static boolean isValidKey(String key) {
        if (key.length() != KEY_LENGTH) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == NONCE_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** RFC 6455 4.2.2 item 5.4, 11.3.4: the first offered subprotocol the server supports. */
    private static String subprotocol(List<String> fieldValues, List<String> serverSubprotocols) {
        for (String value : fieldValues) {
            for (String offered : ExtensionOffers.split(value, ',', true)) {
                if (serverSubprotocols.contains(offered)) {
                    return offered;
                }
            }
        }
        return null;
    }

    private static Outcome.Reject badRequest(String message) {
        return new Outcome.Reject(400, message, HttpHeaders.empty());
    }
}
