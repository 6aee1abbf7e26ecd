/**
 * The test kit: a real server for a handler and a client to talk to it ({@link mummy.testing.TestServer},
 * {@link mummy.testing.TestClient}, {@link mummy.testing.TestResponse},
 * {@link mummy.testing.TestStream}, {@link mummy.testing.TestWebSocket}), and fakes for unit
 * tests without sockets ({@link mummy.testing.FakeRequest}, {@link mummy.testing.FakeWebSocket}).
 *
 * <h2>A whole test</h2>
 *
 * <pre>{@code
 * class HelloTest {
 *     static final Router ROUTER = Router.builder()
 *             .get("/hello/@name", request -> request.respond(200, "Hello, " + request.pathParams().get("name")))
 *             .get("/ws", request -> request.upgradeToWebSocket())
 *             .build();
 *     static final WebSocketHandler ECHO = (socket, event) -> {
 *         if (event instanceof WebSocketEvent.Message message) socket.send(message.asText());
 *     };
 *
 *     @Test
 *     void greetsThroughARealServer() {
 *         try (TestServer server = TestServer.start(ROUTER, ECHO)) {
 *             assertEquals("Hello, Ann", server.get("/hello/Ann").text());
 *             try (TestWebSocket socket = server.webSocket("/ws")) {
 *                 socket.sendText("hi");
 *                 assertEquals("hi", socket.receiveText());
 *             }
 *         }
 *     }
 *
 *     @Test
 *     void greetsWithoutSockets() throws Exception {
 *         FakeRequest request = FakeRequest.of("GET", "/hello/Bob");
 *         ROUTER.handle(request);
 *         assertEquals(200, request.status());
 *         assertEquals("Hello, Bob", request.responseText());
 *     }
 * }
 * }</pre>
 *
 * <h2>What a test needs</h2>
 *
 * <p>Add {@code io.mummy:mummy.testing} with scope {@code test}, and at least one scheduler module
 * ({@code mummy.sched.pool}, {@code mummy.sched.fj} or {@code mummy.sched.virtual}) on the test's
 * path: {@link mummy.testing.TestServer} starts a real server.
 *
 * <p>JVM and compiler flags: none for the kit. A test compiled into the application's named
 * module (Maven's usual way: surefire and the compiler patch the test classes into the module and
 * put test-only jars such as this one on the class path, where the module reads them) uses only
 * the kit's types, mummy.api's and the JDK's {@code java.base}, so it needs no
 * {@code --add-modules} and no {@code --add-reads}. mummy.examples' own tests run that way. The
 * only flag is mummy.io's, needed by any program that runs the server:
 * {@code --enable-native-access=mummy.io} in surefire's {@code argLine} (without it the JDK warns
 * about mummy.io's restricted calls).
 *
 * <p>The one exception is {@link mummy.testing.TestClient#httpClient()}: test code that itself
 * names {@code java.net.http} types, in a named module that does not require
 * {@code java.net.http}, needs {@code --add-modules java.net.http --add-reads <module>=java.net.http}
 * in the test compiler's arguments and the same in surefire's {@code argLine}. A test that is a
 * module of its own and {@code requires mummy.testing} needs neither: the kit
 * {@code requires transitive java.net.http}.
 *
 * <h2>Limits</h2>
 *
 * <p>The client speaks HTTP/1.1 (over TLS, HTTP/2 when offered: a proxy in front of Mummy) through
 * the JDK's {@code HttpClient}, so it sends only well-formed requests with percent-encoded targets,
 * sets {@code Host}, {@code Content-Length} and {@code Connection} itself, and groups response
 * fields by name. A test of malformed or raw bytes
 * on the wire needs a plain {@link java.net.Socket}. Every wait of the kit is bounded by
 * {@link mummy.testing.TestClient#TIMEOUT}, except reads of a {@link mummy.testing.TestStream}.
 */
package mummy.testing;
