/**
 * Topics: publish a message under a name and deliver it to every subscriber of that name, on this
 * instance ({@link mummy.topics.InMemoryBroker}, the default) or on every instance behind a load
 * balancer (a broker module such as {@code mummy.topics.redis}); and fan-out of a topic to a set of
 * WebSockets ({@link mummy.topics.WebSocketFanOut}) or event streams
 * ({@link mummy.topics.EventStreamFanOut}) that honours each subscriber's backpressure.
 *
 * <p>A module of its own rather than a package of {@code mummy.web}: its tests need a real server
 * ({@code mummy.testing}, and so {@code mummy.io}), which {@code mummy.web}'s tests cannot have
 * ({@code mummy.io}'s tests depend on {@code mummy.web}), and a broker module depends on this one
 * without carrying {@code mummy.web}'s file and upload helpers. Like {@code mummy.web} it depends
 * on the JDK and {@code mummy.api} only, and works with any server implementing that API.
 */
module mummy.topics {
    // Transitive: WebSocket, EventStream and ServerSentEvent appear in this module's public signatures.
    requires transitive mummy.api;

    exports mummy.topics;
    exports mummy.topics.spi;
}
