package mummy.io.internal.loop;

import java.time.Duration;
import java.util.Objects;
import mummy.api.RequestHandler;
import mummy.io.internal.http.HttpLimits;

/**
 * The settings the IO loop runs with, built and validated by {@code Server.Builder}.
 *
 * @param handler the request handler
 * @param limits parser limits
 * @param maxConnections connections held at once; at the cap the loop stops accepting until one closes
 * @param maxPipelinedRequests requests of one connection in flight at once; beyond it the loop
 *                             stops parsing (and reading) that connection until responses go out
 * @param backlog the listen backlog
 * @param ioThreadName the IO thread's name
 */
public record LoopConfig(RequestHandler handler, HttpLimits limits, int maxConnections,
                         int maxPipelinedRequests, int backlog, String ioThreadName) {

    /** Validates the components. */
    public LoopConfig {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(ioThreadName, "ioThreadName");
        if (maxConnections < 1 || maxPipelinedRequests < 1 || backlog < 1) {
            throw new IllegalArgumentException("maxConnections, maxPipelinedRequests and backlog must be positive");
        }
    }

    /** How long a refused connection may take to close its side after our final response. */
    static final Duration LINGER = Duration.ofSeconds(2);
}
