package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A handler that tries to put a line break, a control character or a char above 0xFF into a
 * response field gets an {@link IllegalArgumentException} from whichever way it builds the
 * headers, and the client gets a 500 without the injected field; fields the parser read from a
 * request go back out octet for octet.
 */
@ParameterizedClass
@ValueSource(strings = {"pool", "forkjoin", "virtual"})
class HeaderInjectionTest {

    /** Values a handler might copy from untrusted input; the comment says what each tries. */
    private static final List<String> VALUES = List.of(
            "a\r\nSet-Cookie: injected=1",           // response splitting with CR LF
            "a\nSet-Cookie: injected=1",             // a bare LF, which some clients split on
            "a\u010d\u010aSet-Cookie: injected=1",   // chars whose low bytes are CR LF
            "a\u0000Set-Cookie: injected=1",         // NUL
            "\u65e5\u672c Set-Cookie: injected=1");  // chars above 0xFF

    private static final List<BiFunction<String, String, HttpHeaders>> WAYS = List.of(
            HttpHeaders::of,
            (name, value) -> HttpHeaders.of("Content-Type", "text/plain").with(name, value),
            (name, value) -> HttpHeaders.builder().add(name, value).build(),
            (name, value) -> HttpHeaders.builder().set(name, value).build());

    @Parameter
    String scheduler;

    private final BlockingQueue<Throwable> refusals = new LinkedBlockingQueue<>();
    private Server server;
    private int port;

    @BeforeEach
    void startServer() {
        server = Server.builder().handler(this::handle).scheduler(scheduler)
                .shutdownGracePeriod(Duration.ofSeconds(5)).build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** {@code /inject?value=V&way=W}: answers with field X-A set to VALUES[V], built the W-th way. */
    private void handle(Request request) {
        if (request.path().equals("/echo-fields")) {
            request.respond(200, HttpHeaders.builder().addAll(request.headers()).build(), "echoed");
            return;
        }
        String value = VALUES.get(Integer.parseInt(request.queryParams().get("value")));
        BiFunction<String, String, HttpHeaders> way = WAYS.get(Integer.parseInt(request.queryParams().get("way")));
        HttpHeaders headers;
        try {
            headers = way.apply("X-A", value);
        } catch (IllegalArgumentException refused) {
            refusals.add(refused);
            throw refused; // the server answers 500
        }
        request.respond(200, headers, "the field went out");
    }

    @Test
    void everyWayOfBuildingTheFieldIsRefusedAndTheClientGetsA500WithoutIt() throws Exception {
        for (int value = 0; value < VALUES.size(); value++) {
            for (int way = 0; way < WAYS.size(); way++) {
                String what = "value " + value + ", way " + way;
                try (RawClient client = new RawClient(port)) {
                    client.send("GET /inject?value=" + value + "&way=" + way + " HTTP/1.1\r\nHost: h\r\n\r\n");
                    RawClient.Response response = client.read();
                    assertEquals(500, response.status(), what);
                    assertFalse(response.headers().containsKey("set-cookie"), what + ": " + response.headers());
                    assertFalse(response.headers().containsKey("x-a"), what + ": " + response.headers());
                    assertFalse(response.text().contains("went out"), what);
                }
                Throwable refused = refusals.poll(10, TimeUnit.SECONDS);
                assertNotNull(refused, what + ": the handler saw the refusal");
                assertInstanceOf(IllegalArgumentException.class, refused, what);
            }
        }
    }

    @Test
    void requestFieldsEchoedBackKeepTheirOctets() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("GET /echo-fields HTTP/1.1\r\nHost: h\r\nX-Name: caf".getBytes(StandardCharsets.US_ASCII));
            client.send(new byte[] {(byte) 0xe9, '\t', (byte) 0xff, '!', '\r', '\n', '\r', '\n'});
            RawClient.Response response = client.read();
            assertEquals(200, response.status());
            assertEquals("caf\u00e9\t\u00ff!", response.header("X-Name"), "obs-text and HTAB, byte for byte");
            assertEquals("h", response.header("Host"));
        }
    }
}
