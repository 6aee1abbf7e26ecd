package mummy.io.internal.loop;

import java.time.Duration;
import mummy.api.WebSocketHandler;

/**
 * The WebSocket settings of a server.
 *
 * @param handler receives every connection's events; null when the server has no WebSockets
 * @param maxMessageLength the largest message accepted (after inflation); larger ones close with 1009
 * @param highWaterMark outbound bytes queued per connection beyond which sends report backpressure
 * @param closeTimeout how long to wait for the peer's Close frame after sending ours
 * @param deflate whether permessage-deflate (RFC 7692) is offered to clients that ask
 */
public record WebSocketSettings(WebSocketHandler handler, long maxMessageLength, long highWaterMark,
                                Duration closeTimeout, boolean deflate) {

    /** Validates the components. */
    public WebSocketSettings {
        if (maxMessageLength < 1 || highWaterMark < 1) {
            throw new IllegalArgumentException("maxMessageLength and highWaterMark must be positive");
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive: " + closeTimeout);
        }
    }

    /**
     * The defaults: no handler, 64 KiB messages (as Mummy), 1 MiB high-water mark, 5 s close
     * timeout, no compression.
     *
     * @return the defaults
     */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(null, 64 * 1024, 1024 * 1024, Duration.ofSeconds(5), false);
    }

    /**
     * Inbound bytes waiting in a connection's mailbox beyond which the IO thread stops reading it.
     *
     * @return the limit
     */
    long inboundLimit() {
        return Math.max(4 * maxMessageLength, 256 * 1024);
    }
}
