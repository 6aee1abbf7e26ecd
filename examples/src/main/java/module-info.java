/**
 * Runnable examples of Mummy for Java and {@link mummy.examples.EchoServer}, the standard target of
 * the integration and load tests. Needs no scheduler module at compile time: the server finds the
 * ones on the module path with {@link java.util.ServiceLoader}.
 */
module mummy.examples {
    // Transitive: the examples' public methods return Server, Router and WebSocket.
    requires transitive mummy.io;
    // FileServer and TusServer: StaticFiles and TusUploads (transitive: they appear in their signatures).
    requires transitive mummy.web;
    // TodoApp: its JSON goes through the codec this module provides (found by ServiceLoader).
    requires mummy.json.jackson;

    // ClusterChat: its chat room and event feed are a topic (WebSocketFanOut, EventStreamFanOut);
    // transitive: ClusterChat.builder takes a Broker.
    requires transitive mummy.topics;
    // ClusterChat --redis: static because Jedis, an automatic module, cannot be linked by jlink
    // (bin/runtime-image links this module); bin/cluster adds it with --add-modules ALL-MODULE-PATH.
    requires static mummy.topics.redis;
    // ClusterCheck, bin/cluster --check: its WebSocket and event-stream clients.
    requires java.net.http;

    exports mummy.examples;
}
