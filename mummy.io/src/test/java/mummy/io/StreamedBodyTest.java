package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import mummy.api.RequestBodyException;
import mummy.api.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies streamed to handlers, over real sockets: framing (length, chunked, trailers),
 * backpressure, 100-continue, limits, malformed and abandoned bodies, and keep-alive after them.
 */
@ParameterizedClass
@ValueSource(strings = {"pool", "forkjoin", "virtual"})
class StreamedBodyTest {

    /** The streamed-body limit of the server {@link #limited()} starts. */
    private static final int STREAM_LIMIT = 100_000;

    @Parameter
    String scheduler;

    private Router router;
    private Server server;
    private int port;
    private Server limitedServer;
    /** Released by a test to let {@code /gated} start reading. */
    private final CountDownLatch gate = new CountDownLatch(1);
    /** What the last failed read of a body threw. */
    private final CompletableFuture<Throwable> readFailure = new CompletableFuture<>();
    private final CompletableFuture<Boolean> bodyThrew = new CompletableFuture<>();

    @BeforeEach
    void start() {
        router = Router.builder()
                .post("/upload", StreamedBodyTest::digest).streaming()
                .post("/gated", request -> {
                    if (!gate.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate never opened");
                    }
                    digest(request);
                }).streaming()
                .post("/refuse", request -> request.respond(403, "no uploads here")).streaming()
                .post("/watch", request -> {
                    try {
                        request.bodyStream().transferTo(OutputStream.nullOutputStream());
                        request.respond(200, "whole");
                    } catch (IOException e) {
                        readFailure.complete(e);
                        throw e;
                    }
                }).streaming()
                .post("/body-array", request -> {
                    try {
                        request.body();
                        bodyThrew.complete(false);
                    } catch (IllegalStateException e) {
                        bodyThrew.complete(true);
                    }
                    request.respond(200, String.valueOf(request.bodyStream().readAllBytes().length));
                }).streaming()
                .post("/buffered", request -> request.respond(200, request.isBodyStreamed() + " "
                        + request.body().length + " " + request.bodyStream().readAllBytes().length))
                .get("/n", request -> request.respond(200, request.queryParams().get("i")))
                .build();
        server = Server.builder().handler(router).scheduler(scheduler).maxBodyLength(1000)
                .shutdownGracePeriod(Duration.ofSeconds(2)).build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    /** Starts a second server, with the same routes and a streamed-body limit; returns its port. */
    private int limited() {
        limitedServer = Server.builder().handler(router).scheduler(scheduler).maxStreamedBodyLength(STREAM_LIMIT)
                .shutdownGracePeriod(Duration.ofSeconds(2)).build();
        return limitedServer.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @AfterEach
    void stop() {
        gate.countDown();
        server.close();
        if (limitedServer != null) {
            limitedServer.close();
        }
    }

    /** Answers the body's length and SHA-256, read through the stream in odd-sized pieces. */
    private static void digest(Request request) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        InputStream in = request.bodyStream();
        byte[] buffer = new byte[7919];
        long count = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            sha.update(buffer, 0, n);
            count += n;
        }
        request.respond(200, HttpHeaders.of("Content-Type", "application/json"), "{\"bytes\": " + count
                + ", \"sha256\": \"" + HexFormat.of().formatHex(sha.digest()) + "\", \"streamed\": "
                + request.isBodyStreamed() + "}");
    }

    private static String expected(byte[] body) throws Exception {
        return "{\"bytes\": " + body.length + ", \"sha256\": \""
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)) + "\", \"streamed\": true}";
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunked(byte[] body, int chunkSize, String trailers) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += chunkSize) {
            int n = Math.min(chunkSize, body.length - at);
            out.writeBytes(ascii(Integer.toHexString(n) + ";ext=1\r\n"));
            out.write(body, at, n);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n" + trailers + "\r\n"));
        return out.toByteArray();
    }

    @Test
    void aBrokenHeadRightAfterAStreamedBodyIsAnsweredAndTheConnectionCloses() throws Exception {
        // The body ends and the next head fails in the same parse: the failure must not be lost.
        try (RawClient client = new RawClient(port)) {
            client.send(concat(ascii("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"),
                    ascii("G\u0000T / HTTP/1.1\r\n\r\n")));
            RawClient.Response upload = client.read();
            assertEquals(200, upload.status());
            assertEquals(expected(ascii("hello")), upload.text());
            RawClient.Response refused = client.read();
            assertEquals(400, refused.status(), "the broken request is answered");
            assertEquals("close", refused.header("Connection"));
            assertTrue(client.closedByServer(), "and the connection closes instead of leaking its fd");
        }
    }

    @Test
    void contentLengthBodyArrivesWholeThenTheConnectionServesTheNextRequest() throws Exception {
        byte[] body = random(90_000);
        try (RawClient client = new RawClient(port)) {
            client.send(concat(ascii("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length + "\r\n\r\n"),
                    body, ascii("GET /n?i=next HTTP/1.1\r\nHost: h\r\n\r\n")));
            RawClient.Response response = client.read();
            assertEquals("HTTP/1.1 200 OK", response.statusLine());
            assertEquals(expected(body), response.text());
            assertEquals("next", client.read().text(), "the request pipelined after the body was served");
        }
    }

    @Test
    void chunkedBodyWithTrailersIsDecoded() throws Exception {
        byte[] body = random(70_001);
        try (RawClient client = new RawClient(port)) {
            client.send(concat(ascii("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"),
                    chunked(body, 3000, "X-Sum: 1\r\n"), ascii("GET /n?i=after HTTP/1.1\r\nHost: h\r\n\r\n")));
            assertEquals(expected(body), client.read().text());
            assertEquals("after", client.read().text());
        }
    }

    @Test
    void bodySentByteByByteStillArrives() throws Exception {
        byte[] body = random(300);
        try (RawClient client = new RawClient(port)) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length + "\r\n\r\n");
            for (byte b : body) {
                client.send(new byte[] {b});
            }
            assertEquals(expected(body), client.read().text());
        }
    }

    @Test
    void aSlowReaderStopsTheServerReadingTheSocket() throws Exception {
        int total = 64 << 20;
        AtomicLong sent = new AtomicLong();
        try (RawClient client = new RawClient(port)) {
            client.send("POST /gated HTTP/1.1\r\nHost: h\r\nContent-Length: " + total + "\r\n\r\n");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] piece = random(64 * 1024);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    OutputStream out = client.socket().getOutputStream();
                    for (int at = 0; at < total; at += piece.length) {
                        out.write(piece);
                        sent.addAndGet(piece.length);
                    }
                } catch (IOException e) {
                    sent.set(-1);
                }
            });
            // Wait until the client cannot send more: the server stopped reading (bounded wait).
            long last = -1;
            for (int i = 0; i < 100 && sent.get() != last; i++) {
                last = sent.get();
                Thread.sleep(200);
            }
            long stalledAt = sent.get();
            assertTrue(stalledAt > 0 && stalledAt < 32 << 20, "the client could send " + stalledAt
                    + " bytes of " + total + " while the handler read nothing: reading did not pause");
            gate.countDown();
            writer.join(30_000);
            assertEquals(total, sent.get(), "once the handler reads, the rest of the body flows");
            for (int at = 0; at < total; at += piece.length) {
                sha.update(piece);
            }
            assertEquals("{\"bytes\": " + total + ", \"sha256\": \"" + HexFormat.of().formatHex(sha.digest())
                    + "\", \"streamed\": true}", client.read().text());
        }
    }

    @Test
    void expectContinueIsAnsweredWhenTheHandlerReads() throws Exception {
        byte[] body = random(5000);
        try (RawClient client = new RawClient(port)) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            RawClient.Response interim = client.read();
            assertEquals("HTTP/1.1 100 Continue", interim.statusLine());
            client.send(body);
            assertEquals(expected(body), client.read().text());
        }
    }

    @Test
    void aHandlerThatDoesNotReadRefusesTheBodyWithoutInvitingIt() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /refuse HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 50000\r\n\r\n");
            RawClient.Response response = client.read();
            assertEquals("HTTP/1.1 403 Forbidden", response.statusLine(), "no 100 Continue before the refusal");
            assertEquals("close", response.header("Connection"));
            assertEquals("no uploads here", response.text());
            assertTrue(client.closedByServer(), "the unread body cannot be skipped: the connection closes");
        }
    }

    @Test
    void anAnswerBeforeTheBodyArrivedClosesTheConnectionAfterIt() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /refuse HTTP/1.1\r\nHost: h\r\nContent-Length: 80000\r\n\r\n" + "x".repeat(1000));
            RawClient.Response response = client.read();
            assertEquals("HTTP/1.1 403 Forbidden", response.statusLine());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void contentLengthOverTheStreamLimitIsRefusedBeforeTheBody() throws Exception {
        try (RawClient client = new RawClient(limited())) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: " + (STREAM_LIMIT + 1) + "\r\n\r\n");
            RawClient.Response response = client.read();
            assertEquals("HTTP/1.1 413 Content Too Large", response.statusLine());
            assertEquals("body longer than " + STREAM_LIMIT + " bytes", response.text().strip());
        }
    }

    @Test
    void chunkedBodyGrowingPastTheStreamLimitFailsTheReadWith413() throws Exception {
        byte[] body = random(STREAM_LIMIT + 5000);
        try (RawClient client = new RawClient(limited())) {
            client.send(concat(ascii("POST /watch HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"),
                    chunked(body, 10_000, "")));
            RawClient.Response response = client.read();
            assertEquals("HTTP/1.1 413 Content Too Large", response.statusLine());
            assertEquals("chunked body longer than " + STREAM_LIMIT + " bytes", response.text().strip());
            RequestBodyException failure = assertInstanceOf(RequestBodyException.class,
                    readFailure.get(10, TimeUnit.SECONDS));
            assertEquals(413, failure.status());
        }
    }

    @Test
    void malformedChunkingMidBodyFailsTheReadWith400() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /watch HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nzz\r\n");
            RawClient.Response response = client.read();
            assertEquals("HTTP/1.1 400 Bad Request", response.statusLine());
            assertEquals(400, assertInstanceOf(RequestBodyException.class, readFailure.get(10, TimeUnit.SECONDS)).status());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void aClientLeavingMidBodyFailsTheRead() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /watch HTTP/1.1\r\nHost: h\r\nContent-Length: 50000\r\n\r\n" + "y".repeat(2000));
            client.socket().setSoLinger(true, 0); // a reset, as when a browser tab is closed
        }
        Throwable failure = readFailure.get(10, TimeUnit.SECONDS);
        RequestBodyException body = assertInstanceOf(RequestBodyException.class, failure);
        assertEquals(0, body.status(), failure.getMessage());
    }

    @Test
    void aClientClosingItsSideMidBodyFailsTheReadWith400() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /watch HTTP/1.1\r\nHost: h\r\nContent-Length: 50000\r\n\r\n" + "y".repeat(2000));
            client.socket().shutdownOutput();
            RawClient.Response response = client.read();
            assertEquals("HTTP/1.1 400 Bad Request", response.statusLine());
            assertEquals("the client closed its side before the end of the request body", response.text().strip());
        }
    }

    @Test
    void bodyOfAStreamedRequestIsNotAnArray() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /body-array HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
            assertEquals("3", client.read().text());
            assertTrue(bodyThrew.get(10, TimeUnit.SECONDS), "body() of a streamed request throws");
        }
    }

    @Test
    void bufferedRoutesKeepTheirLimitAndOfferTheBodyAsAStreamToo() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /buffered HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
            assertEquals("false 5 5", client.read().text());
            client.send("POST /buffered HTTP/1.1\r\nHost: h\r\nContent-Length: 1001\r\n\r\n");
            assertEquals("HTTP/1.1 413 Content Too Large", client.read().statusLine());
        }
    }

    @Test
    void streamedRequestWithoutABodyReadsEmpty() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
            String text = client.read().text();
            assertEquals("{\"bytes\": 0, \"sha256\": \"" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest()) + "\", \"streamed\": false}", text);
        }
    }

    @Test
    void manyConcurrentUploadsEachGetTheirOwnBytes() throws Exception {
        int clients = 20;
        byte[][] bodies = new byte[clients][];
        RawClient[] connections = new RawClient[clients];
        try {
            for (int i = 0; i < clients; i++) {
                bodies[i] = random(300_000 + i);
                connections[i] = new RawClient(port);
            }
            Thread[] writers = new Thread[clients];
            for (int i = 0; i < clients; i++) {
                int index = i;
                writers[i] = Thread.ofPlatform().start(() -> {
                    try {
                        connections[index].send(concat(ascii("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: "
                                + bodies[index].length + "\r\n\r\n"), bodies[index]));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            for (int i = 0; i < clients; i++) {
                assertEquals(expected(bodies[i]), connections[i].read().text(), "client " + i);
                writers[i].join(10_000);
            }
        } finally {
            for (RawClient connection : connections) {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }
}
