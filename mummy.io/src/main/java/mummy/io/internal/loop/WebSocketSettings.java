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
 * @param pingInterval how often to ping each connection, closing it if the previous ping got no
 *                     pong by then; {@link Duration#ZERO} for never
 */
public record WebSocketSettings(WebSocketHandler handler, long maxMessageLength, long highWaterMark,
                                Duration closeTimeout, boolean deflate, Duration pingInterval) {

    /** Validates the components. */
    public WebSocketSettings {
        if (maxMessageLength < 1 || highWaterMark < 1) {
            throw new IllegalArgumentException("maxMessageLength and highWaterMark must be positive");
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive: " + closeTimeout);
        }
        if (pingInterval.isNegative()) {
            throw new IllegalArgumentException("pingInterval must not be negative: " + pingInterval);
        }
    }

    /**
     * The defaults: no handler, 64 KiB messages (as Mummy), 1 MiB high-water mark, 5 s close
     * timeout, no compression, no pings.
     *
     * @return the defaults
     */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(null, 64 * 1024, 1024 * 1024, Duration.ofSeconds(5), false, Duration.ZERO);
    }

    /**
     * This configuration with one setting changed; used by the server builder.
     *
     * @param handler the handler
     * @return new settings
     */
    public WebSocketSettings withHandler(WebSocketHandler handler) {
        return new WebSocketSettings(handler, maxMessageLength, highWaterMark, closeTimeout, deflate, pingInterval);
    }

    /**
     * These settings with another message limit.
     *
     * @param bytes the message limit
     * @return new settings
     */
    public WebSocketSettings withMaxMessageLength(long bytes) {
        return new WebSocketSettings(handler, bytes, highWaterMark, closeTimeout, deflate, pingInterval);
    }

    /**
     * These settings with another high-water mark.
     *
     * @param bytes the high-water mark
     * @return new settings
     */
    public WebSocketSettings withHighWaterMark(long bytes) {
        return new WebSocketSettings(handler, maxMessageLength, bytes, closeTimeout, deflate, pingInterval);
    }

    /**
     * These settings with another close timeout.
     *
     * @param timeout the close timeout
     * @return new settings
     */
    public WebSocketSettings withCloseTimeout(Duration timeout) {
        return new WebSocketSettings(handler, maxMessageLength, highWaterMark, timeout, deflate, pingInterval);
    }

    /**
     * These settings with permessage-deflate offered or not.
     *
     * @param enabled whether to accept permessage-deflate
     * @return new settings
     */
    public WebSocketSettings withDeflate(boolean enabled) {
        return new WebSocketSettings(handler, maxMessageLength, highWaterMark, closeTimeout, enabled, pingInterval);
    }

    /**
     * These settings with another ping interval, zero for none.
     *
     * @param interval the ping interval, zero for none
     * @return new settings
     */
    public WebSocketSettings withPingInterval(Duration interval) {
        return new WebSocketSettings(handler, maxMessageLength, highWaterMark, closeTimeout, deflate, interval);
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
