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

    exports mummy.examples;
}
