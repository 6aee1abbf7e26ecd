package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.api.MalformedJsonException;
import mummy.api.Request;
import mummy.api.Router;
import mummy.api.SetCookie;
import mummy.api.spi.JsonCodec;
import mummy.web.multipart.FormFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Request}'s JSON, form and cookie conveniences through real sockets: the server's codec
 * reads and writes bodies, a body it refuses is a 400 with the codec's short message, a server
 * without a codec says which module to add; urlencoded forms, several {@code Cookie} fields and
 * {@code Set-Cookie} fields as they go over the wire.
 */
class JsonFormsCookiesTest {

    /** Reads and writes JSON strings without escapes: enough to see what goes through the codec. */
    static final class StringCodec implements JsonCodec {
        @Override
        public Object decode(byte[] json, Type type) {
            String text = new String(json, StandardCharsets.UTF_8);
            if (type != String.class) {
                throw new IllegalArgumentException("strings only: " + type);
            }
            if (text.length() < 2 || !text.startsWith("\"") || !text.endsWith("\"")) {
                throw new MalformedJsonException("not a JSON string");
            }
            return text.substring(1, text.length() - 1);
        }

        @Override
        public byte[] encode(Object value) {
            return ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final Router ROUTER = Router.builder()
            .post("/shout", request -> request.respondJson(201, request.bodyAs(String.class) + "!"))
            .post("/shout-streamed", request -> request.respondJson(request.bodyAs(String.class) + "!")).streaming()
            .get("/codec", request -> request.respond(200, request.jsonCodec().getClass().getSimpleName()))
            .post("/form", JsonFormsCookiesTest::form)
            .post("/fields", request -> request.respond(200, FormFields.of(request).toString()))
            .post("/fields-streamed", request -> request.respond(200, FormFields.of(request).toString())).streaming()
            .get("/cookies", request -> request.respond(200, request.cookies().toString()))
            .get("/sign-in", request -> request.respond(200, HttpHeaders.builder()
                    .addCookie(SetCookie.builder("__Host-session", "abc123").path("/").secure().httpOnly()
                            .sameSite(SetCookie.SameSite.LAX).maxAge(Duration.ofHours(1)).build())
                    .addCookie(SetCookie.expire("old").path("/app")
                            .expires(Instant.parse("1994-11-06T08:49:37Z")).build())
                    .build(), "in"))
            .build();

    private Server server;

    private static void form(Request request) {
        try {
            var form = request.formParams();
            request.respond(200, form.get("title") + "|" + form.all("tag") + "|" + form.get("note") + "|" + form.size());
        } catch (IllegalStateException multipart) {
            request.respond(415, multipart.getMessage());
        }
    }

    private int start(Server.Builder builder) {
        server = builder.scheduler("virtual").shutdownGracePeriod(Duration.ofSeconds(5)).build();
        return server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RawClient.Response exchange(int port, String request) throws IOException {
        try (RawClient client = new RawClient(port)) {
            return client.send(request).read();
        }
    }

    private static String post(String path, String contentType, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void bodyAsAndRespondJsonGoThroughTheServersCodec() throws IOException {
        int port = start(Server.builder().handler(ROUTER).jsonCodec(new StringCodec()));
        RawClient.Response created = exchange(port, post("/shout", "application/json", "\"hello\""));
        assertEquals(201, created.status());
        assertEquals("application/json", created.header("Content-Type"));
        assertEquals("\"hello!\"", created.text());
        assertEquals("StringCodec", exchange(port, "GET /codec HTTP/1.1\r\nHost: x\r\n\r\n").text());
    }

    @Test
    void streamedBodyIsReadWholeByBodyAs() throws IOException {
        int port = start(Server.builder().handler(ROUTER).jsonCodec(new StringCodec()));
        RawClient.Response response = exchange(port, "POST /shout-streamed HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\n\"st\r\n5\r\nream\"\r\n0\r\n\r\n");
        assertEquals(200, response.status());
        assertEquals("\"stream!\"", response.text());
    }

    @Test
    void bodyTheCodecRefusesIsAnsweredBadRequestWithItsMessage() throws IOException {
        int port = start(Server.builder().handler(ROUTER).jsonCodec(new StringCodec()));
        RawClient.Response malformed = exchange(port, post("/shout", "application/json", "{oops"));
        assertEquals(400, malformed.status());
        assertEquals("text/plain; charset=utf-8", malformed.header("Content-Type"));
        assertEquals("not a JSON string", malformed.text());

        RawClient.Response empty = exchange(port, post("/shout", "application/json", ""));
        assertEquals(400, empty.status());
        assertEquals("the request has no body; JSON was expected", empty.text());
    }

    @Test
    void withoutCodecTheExceptionNamesTheModuleToAdd() throws IOException {
        int port = start(Server.builder().handler(request -> {
            try {
                request.bodyAs(String.class);
                request.respond(200, "a codec was found");
            } catch (IllegalStateException none) {
                request.respond(500, none.getMessage());
            }
        }));
        RawClient.Response response = exchange(port, post("/", "application/json", "\"x\""));
        assertEquals(500, response.status());
        assertTrue(response.text().startsWith("no JSON codec: add the module mummy.json.jackson"), response.text());
        assertTrue(response.text().contains("Server.builder().jsonCodec(...)"), response.text());
    }

    @Test
    void urlEncodedFormIsDecodedAsUtf8() throws IOException {
        int port = start(Server.builder().handler(ROUTER));
        RawClient.Response response = exchange(port, post("/form", "application/x-www-form-urlencoded; charset=UTF-8",
                "title=Buy+milk&tag=home&tag=urgent&note=caf%C3%A9+%26+cr%C3%A8me"));
        assertEquals("Buy milk|[home, urgent]|café & crème|4", response.text());
    }

    @Test
    void formParamsOfOtherBodiesAreEmptyAndMultipartIsSentToMummyWeb() throws IOException {
        int port = start(Server.builder().handler(ROUTER));
        assertEquals("null|[]|null|0", exchange(port, post("/form", "application/json", "{\"title\":\"x\"}")).text());
        RawClient.Response multipart = exchange(port, post("/form", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--b--\r\n"));
        assertEquals(415, multipart.status());
        assertTrue(multipart.text().contains("FormFields.of(request)"), multipart.text());
    }

    private static final String MULTIPART_FORM = "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
            + "Buy milk\r\n--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n"
            + "Content-Type: image/png\r\n\r\n\u0089PNG\r\n--b\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\n"
            + "home\r\n--b\r\nContent-Disposition: form-data; name=\"tag\"\r\nContent-Type: text/plain; charset=UTF-8"
            + "\r\n\r\ncaf\u00c3\u00a9\r\n--b--\r\n";

    @Test
    void formFieldsOfAMultipartBodyLeaveTheFilesOut() throws IOException {
        int port = start(Server.builder().handler(ROUTER));
        for (String path : List.of("/fields", "/fields-streamed")) {
            RawClient.Response response;
            try (RawClient client = new RawClient(port)) {
                byte[] body = MULTIPART_FORM.getBytes(StandardCharsets.ISO_8859_1);
                response = client.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data;"
                        + " boundary=b\r\nContent-Length: " + body.length + "\r\n\r\n").send(body).read();
            }
            assertEquals(200, response.status(), path);
            assertEquals("Parameters[title=Buy milk, tag=home, tag=café]", response.text(), path);
        }
        assertEquals("Parameters[a=1, b=x y]",
                exchange(port, post("/fields", "application/x-www-form-urlencoded", "a=1&b=x+y")).text());
        RawClient.Response malformed = exchange(port, post("/fields", "multipart/form-data; boundary=b", "--b\r\nbroken"));
        assertEquals(400, malformed.status());
    }

    @Test
    void cookiesOfEveryCookieFieldAreReadInOrder() throws IOException {
        int port = start(Server.builder().handler(ROUTER));
        RawClient.Response response = exchange(port, "GET /cookies HTTP/1.1\r\nHost: x\r\n"
                + "Cookie: session=abc; theme=\"dark\"; b64=YQ==; broken\r\n"
                + "Cookie:  lang = en ; session=older;;\r\n\r\n");
        assertEquals("Parameters[session=abc, theme=dark, b64=YQ==, lang=en, session=older]", response.text());
    }

    @Test
    void eachSetCookieGoesOutAsAFieldOfItsOwn() throws IOException {
        int port = start(Server.builder().handler(ROUTER));
        try (RawClient client = new RawClient(port)) {
            String wire = client.send("GET /sign-in HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToEnd();
            List<String> cookies = wire.lines().filter(line -> line.startsWith("Set-Cookie:")).toList();
            assertEquals(List.of(
                    "Set-Cookie: __Host-session=abc123; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax",
                    "Set-Cookie: old=; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Max-Age=0; Path=/app"), cookies);
        }
    }
}
