package mummy.io.internal.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import mummy.api.ErrorResponder;
import mummy.api.RequestHandler;
import mummy.api.spi.JsonCodec;
import mummy.io.internal.http.HttpLimits;

/**
 * The settings the IO loop runs with, built and validated by {@code Server.Builder}.
 *
 * @param handler the request handler
 * @param limits parser limits
 * @param maxStreamedBodyLength the longest body of a request whose handler streams it
 * @param maxConnections connections held at once; at the cap the loop stops accepting until one closes
 * @param maxPipelinedRequests requests of one connection in flight at once; beyond it the loop
 *                             stops parsing (and reading) that connection until responses go out
 * @param backlog the listen backlog
 * @param ioThreadName the IO thread's name
 * @param timeouts the connection timeouts
 * @param nanoClock the loop's clock, {@link System#nanoTime} outside tests
 * @param webSockets the WebSocket settings
 * @param buffers how many bytes the loop may hold per connection and in total
 * @param jsonCodec the codec requests use for JSON, or null for the one {@link mummy.api.Request#jsonCodec()}
 *                  finds
 * @param errorResponder what builds the bodies of the server's own error answers, or null for plain text
 */
public record LoopConfig(RequestHandler handler, HttpLimits limits, long maxStreamedBodyLength, int maxConnections,
                         int maxPipelinedRequests, int backlog, String ioThreadName, Timeouts timeouts,
                         LongSupplier nanoClock, WebSocketSettings webSockets,
                         BufferLimits buffers, JsonCodec jsonCodec, ErrorResponder errorResponder) {

    /**
     * Settings whose error answers are plain text.
     *
     * @param handler the request handler
     * @param limits parser limits
     * @param maxStreamedBodyLength the longest body of a request whose handler streams it
     * @param maxConnections connections held at once
     * @param maxPipelinedRequests requests of one connection in flight at once
     * @param backlog the listen backlog
     * @param ioThreadName the IO thread's name
     * @param timeouts the connection timeouts
     * @param nanoClock the loop's clock
     * @param webSockets the WebSocket settings
     * @param buffers how many bytes the loop may hold
     * @param jsonCodec the codec, or null
     */
    public LoopConfig(RequestHandler handler, HttpLimits limits, long maxStreamedBodyLength, int maxConnections,
                      int maxPipelinedRequests, int backlog, String ioThreadName, Timeouts timeouts,
                      LongSupplier nanoClock, WebSocketSettings webSockets, BufferLimits buffers, JsonCodec jsonCodec) {
        this(handler, limits, maxStreamedBodyLength, maxConnections, maxPipelinedRequests, backlog, ioThreadName,
                timeouts, nanoClock, webSockets, buffers, jsonCodec, null);
    }

    /** Validates the components. */
    public LoopConfig {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(ioThreadName, "ioThreadName");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(nanoClock, "nanoClock");
        Objects.requireNonNull(webSockets, "webSockets");
        Objects.requireNonNull(buffers, "buffers");
        if (maxStreamedBodyLength < 1) {
            throw new IllegalArgumentException("maxStreamedBodyLength must be positive: " + maxStreamedBodyLength);
        }
        if (maxConnections < 1 || maxPipelinedRequests < 1 || backlog < 1) {
            throw new IllegalArgumentException("maxConnections, maxPipelinedRequests and backlog must be positive");
        }
    }

    /**
     * Settings without a JSON codec of their own (requests find one with {@link java.util.ServiceLoader}).
     *
     * @param handler the request handler
     * @param limits parser limits
     * @param maxStreamedBodyLength the longest body of a request whose handler streams it
     * @param maxConnections connections held at once
     * @param maxPipelinedRequests requests of one connection in flight at once
     * @param backlog the listen backlog
     * @param ioThreadName the IO thread's name
     * @param timeouts the connection timeouts
     * @param nanoClock the loop's clock
     * @param webSockets the WebSocket settings
     * @param buffers how many bytes the loop may hold per connection and in total
     */
    public LoopConfig(RequestHandler handler, HttpLimits limits, long maxStreamedBodyLength, int maxConnections,
                      int maxPipelinedRequests, int backlog, String ioThreadName, Timeouts timeouts,
                      LongSupplier nanoClock, WebSocketSettings webSockets, BufferLimits buffers) {
        this(handler, limits, maxStreamedBodyLength, maxConnections, maxPipelinedRequests, backlog, ioThreadName,
                timeouts, nanoClock, webSockets, buffers, null);
    }

    /**
     * How long a connection may wait in each state before the loop acts.
     *
     * @param header to receive a whole request head (then 408 and close)
     * @param body between two reads of a body that stopped arriving (then 408 and close)
     * @param idle on a keep-alive connection with nothing to do (then a quiet close)
     * @param write between two writes that make progress while the peer does not read (then close)
     * @param linger after a refusal, for the peer to close its side before we do
     * @param heartbeat between heartbeat comments on a quiet event stream; zero for none
     */
    public record Timeouts(Duration header, Duration body, Duration idle, Duration write, Duration linger,
                           Duration heartbeat) {
        /** Validates that every timeout is positive (the heartbeat may be zero). */
        public Timeouts {
            if (heartbeat == null || heartbeat.isNegative()) {
                throw new IllegalArgumentException("heartbeat must be zero or positive: " + heartbeat);
            }
            for (Duration timeout : new Duration[] {header, body, idle, write, linger}) {
                if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                    throw new IllegalArgumentException("timeouts must be positive: " + timeout);
                }
            }
        }

        /**
         * The defaults: header 10 s, body 30 s, idle 60 s, write 30 s, linger 2 s, heartbeat 15 s.
         *
         * @return the defaults
         */
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                    Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(15));
        }

        /**
         * These timeouts with another header timeout.
         *
         * @param timeout the header timeout
         * @return these timeouts with it
         */
        public Timeouts withHeader(Duration timeout) {
            return new Timeouts(timeout, body, idle, write, linger, heartbeat);
        }

        /**
         * These timeouts with another body stall timeout.
         *
         * @param timeout the body stall timeout
         * @return these timeouts with it
         */
        public Timeouts withBody(Duration timeout) {
            return new Timeouts(header, timeout, idle, write, linger, heartbeat);
        }

        /**
         * These timeouts with another idle timeout.
         *
         * @param timeout the keep-alive idle timeout
         * @return these timeouts with it
         */
        public Timeouts withIdle(Duration timeout) {
            return new Timeouts(header, body, timeout, write, linger, heartbeat);
        }

        /**
         * These timeouts with another write timeout.
         *
         * @param timeout the write stall timeout
         * @return these timeouts with it
         */
        public Timeouts withWrite(Duration timeout) {
            return new Timeouts(header, body, idle, timeout, linger, heartbeat);
        }

        /**
         * These timeouts with another heartbeat interval.
         *
         * @param interval the heartbeat interval, zero for none
         * @return these timeouts with it
         */
        public Timeouts withHeartbeat(Duration interval) {
            return new Timeouts(header, body, idle, write, linger, interval);
        }

        Deadlines deadlines(WebSocketSettings webSockets) {
            return new Deadlines(header.toNanos(), body.toNanos(), idle.toNanos(), write.toNanos(), linger.toNanos(),
                    webSockets.closeTimeout().toNanos(), webSockets.pingInterval().toNanos(), heartbeat.toNanos());
        }
    }
}
