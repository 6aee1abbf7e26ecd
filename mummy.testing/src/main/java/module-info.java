/**
 * The test kit of Mummy for Java, for an application's own tests: {@link mummy.testing.TestServer}
 * runs a handler on a real server on 127.0.0.1 and talks to it through
 * {@link mummy.testing.TestClient}, whose answers ({@link mummy.testing.TestResponse},
 * {@link mummy.testing.TestWebSocket}, {@link mummy.testing.TestStream}) are the kit's own types;
 * {@link mummy.testing.FakeRequest} and {@link mummy.testing.FakeWebSocket} unit-test handlers
 * without sockets. The package notes show a whole test and say which JVM flags one needs.
 *
 * <p>A test-scope dependency: no core module depends on it, and an application's runtime never
 * carries it.
 */
module mummy.testing {
    // Transitive: Server.Builder (TestServer's customiser), Request, RequestHandler, WebSocketHandler
    // and HttpHeaders appear in this module's public signatures.
    requires transitive mummy.io;
    // Transitive: TestClient.httpClient() hands out the client the kit is built on. The kit's own
    // types never expose java.net.http otherwise, so a test that does not call it needs no flag.
    requires transitive java.net.http;

    exports mummy.testing;
}
