package mummy.io;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mummy.api.HttpHeaders;
import mummy.api.EventStream;
import mummy.api.Request;
import mummy.api.ResponseStream;
import mummy.api.ServerSentEvent;
import mummy.api.SendResult;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.api.WebSocketOptions;

/** The handler the integration tests serve, and a server running it on an ephemeral port. */
final class TestApp implements AutoCloseable {

    final Server server;
    final int port;
    /** Released by a test to let {@code /latch} answer. */
    final CountDownLatch latch = new CountDownLatch(1);
    /** Counted down when {@code /latch} has started waiting. */
    final CountDownLatch latchEntered = new CountDownLatch(1);
    /** What a second {@code respond} threw in {@code /twice}. */
    final java.util.concurrent.CompletableFuture<Throwable> secondRespond = new java.util.concurrent.CompletableFuture<>();

    TestApp(String scheduler) {
        this(scheduler, Server.builder());
    }

    TestApp(String scheduler, Server.Builder builder) {
        server = builder.handler(this::handle).webSocketHandler(this::onWebSocket).scheduler(scheduler).shutdownGracePeriod(Duration.ofSeconds(5)).build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    private void handle(Request request) throws Exception {
        switch (request.path()) {
            case "/" -> request.respond(200, HttpHeaders.of("Content-Type", "text/plain"), "Hello, World!");
            case "/echo" -> request.respond(200, HttpHeaders.of("Content-Type", "application/octet-stream"), request.body());
            case "/n" -> request.respond(200, request.queryParams().get("i"));
            case "/sleep" -> {
                Thread.sleep(Long.parseLong(request.queryParams().getOrDefault("ms", "10")));
                request.respond(200, "slept");
            }
            case "/throw" -> throw new IllegalStateException("handler failed on purpose");
            case "/silent" -> { }
            case "/twice" -> {
                request.respond(200, "first");
                try {
                    request.respond(200, "second");
                    secondRespond.complete(null);
                } catch (Throwable error) {
                    secondRespond.complete(error);
                }
            }
            case "/hints" -> {
                request.sendInformational(103, HttpHeaders.of("Link", "</style.css>; rel=preload"));
                request.respond(200, "hinted");
            }
            case "/big" -> request.respond(200, HttpHeaders.of("Content-Type", "text/plain"),
                    "x".repeat(Integer.parseInt(request.queryParams().getOrDefault("size", "5000"))));
            case "/latch" -> {
                latchEntered.countDown();
                if (!latch.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("latch never released");
                }
                request.respond(200, "released");
            }
            case "/ws" -> request.upgradeToWebSocket(WebSocketOptions.subprotocols("chat", "superchat"));
            case "/ws-flood" -> request.upgradeToWebSocket();
            case "/ws-hello" -> {
                WebSocket webSocket = request.upgradeToWebSocket();
                webSocket.send("sent before the 101 was written");
            }
            case "/stream" -> {
                ResponseStream stream = request.respondStream(200, HttpHeaders.of("Content-Type", "text/plain"));
                stream.write("a");
                stream.write("bc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                Thread.ofVirtual().start(() -> { // later, from another thread
                    stream.write("d");
                    stream.close(HttpHeaders.of("X-Done", "yes"));
                });
            }
            case "/stream-fixed" -> {
                ResponseStream stream = request.respondStream(200, HttpHeaders.of("Content-Length", "6"));
                stream.write("abc");
                stream.write("def");
                stream.close();
            }
            case "/sse" -> {
                EventStream events = request.respondEventStream();
                for (int i = 0; i < 5; i++) {
                    events.send("" + i);
                }
                events.send(new ServerSentEvent("note", "two\nlines", "7", null));
                events.close();
            }
            case "/sse-forever" -> {
                EventStream events = request.respondEventStream();
                events.onClose(streamClosed::countDown);
                events.send("hello " + events.lastEventId());
                openStream.complete(events);
            }
            case "/sse-flood" -> {
                // Ignores backpressure on purpose: the server must cut this client off, not grow the heap.
                EventStream events = request.respondEventStream();
                CountDownLatch closed = new CountDownLatch(1);
                events.onClose(closed::countDown);
                ServerSentEvent big = ServerSentEvent.of("x".repeat(64 * 1024));
                long maxBuffered = 0;
                int sent = 0;
                SendResult result = SendResult.QUEUED;
                while (result != SendResult.CLOSED && sent < 2000) {
                    result = events.send(big);
                    maxBuffered = Math.max(maxBuffered, events.bufferedBytes());
                    sent++;
                }
                boolean callbackRan = closed.await(10, TimeUnit.SECONDS);
                flood.complete(result + " after " + sent + " events, max buffered " + maxBuffered
                        + ", onClose ran " + callbackRan);
            }
            case "/stream-length" -> {
                // RFC 9110 8.6: one Content-Length of digits only; anything else is the handler's mistake
                HttpHeaders declared = switch (request.queryParams().get("kind")) {
                    case "plus" -> HttpHeaders.of("Content-Length", "+5");
                    case "twice" -> HttpHeaders.of("Content-Length", "5", "Content-Length", "5");
                    case "list" -> HttpHeaders.of("Content-Length", "5, 5");
                    default -> HttpHeaders.of("Content-Length", "5");
                };
                try {
                    ResponseStream stream = request.respondStream(200, declared);
                    stream.write("hello");
                    stream.close();
                } catch (IllegalArgumentException refused) {
                    request.respond(500, "refused: " + refused.getMessage());
                }
            }
            case "/sse-late" -> {
                // Starts its stream only once the test has seen the connection close.
                lateEntered.countDown();
                if (!lateRelease.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("lateRelease never released");
                }
                EventStream events = request.respondEventStream();
                CountDownLatch closed = new CountDownLatch(1);
                events.onClose(closed::countDown);
                boolean ran = closed.await(10, TimeUnit.SECONDS);
                late.complete("onClose " + ran + ", open " + events.isOpen() + ", send " + events.send("late"));
            }
            case "/conn" -> request.respond(200, HttpHeaders.of("Connection", request.queryParams().get("v")), "ok");
            case "/info" -> request.respond(200, request.method() + " " + request.target() + " " + request.version()
                    + " " + request.headers().get("Host") + " " + request.remoteAddress().getAddress().getHostAddress());
            default -> request.respond(404, "Not Found");
        }
    }

    /** Counted down when {@code /sse-late} is waiting for {@link #lateRelease}. */
    final CountDownLatch lateEntered = new CountDownLatch(1);
    /** Released by a test to let {@code /sse-late} start its stream. */
    final CountDownLatch lateRelease = new CountDownLatch(1);
    /** What {@code /sse-late} saw of its stream: whether onClose ran, isOpen, and a send's result. */
    final java.util.concurrent.CompletableFuture<String> late = new java.util.concurrent.CompletableFuture<>();
    /** What {@code /ws-flood} saw: sends until CLOSED, the largest backlog. */
    final java.util.concurrent.CompletableFuture<String> wsFlood = new java.util.concurrent.CompletableFuture<>();

    /** What /sse-flood saw: its last send result, events sent, the largest backlog. */
    final java.util.concurrent.CompletableFuture<String> flood = new java.util.concurrent.CompletableFuture<>();

    /** Counted down when the /sse-forever stream ends. */
    final CountDownLatch streamClosed = new CountDownLatch(1);
    /** The /sse-forever stream, once started. */
    final java.util.concurrent.CompletableFuture<EventStream> openStream = new java.util.concurrent.CompletableFuture<>();

    /** Events seen by the WebSocket handler, in order, for the tests to inspect. */
    final java.util.concurrent.BlockingQueue<String> webSocketEvents = new java.util.concurrent.LinkedBlockingQueue<>();

    private void awaitLatch() {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Echoes messages; "close" closes with 4000; "throw" throws; "wait" waits for {@link #latch}; records every event. */
    private void onWebSocket(WebSocket webSocket, WebSocketEvent event) {
        switch (event) {
            case WebSocketEvent.Open open -> {
                webSocketEvents.add("open " + webSocket.subprotocol());
                if (webSocket.path().equals("/ws-flood")) {
                    floodIgnoringBackpressure(webSocket);
                }
            }
            case WebSocketEvent.Message message -> {
                webSocketEvents.add("message " + (message.isText() ? message.asText() : message.data().length + " bytes"));
                if (message.isText() && message.asText().equals("close")) {
                    webSocket.close(4000, "asked to");
                } else if (message.isText() && message.asText().equals("flood")) {
                    flood(webSocket);
                } else if (message.isText() && message.asText().equals("wait")) {
                    awaitLatch(); // until the test releases it, then echo
                    webSocket.send("wait");
                } else if (message.isText() && message.asText().equals("throw")) {
                    throw new IllegalStateException("handler failed on purpose");
                } else if (message.isText()) {
                    webSocket.send(message.asText());
                } else {
                    webSocket.send(message.data());
                }
            }
            case WebSocketEvent.Close close -> webSocketEvents.add("close " + close.code() + " " + close.reason());
            case WebSocketEvent.Error error -> webSocketEvents.add("error " + error.message());
        }
    }

    /** Sends 64 KiB messages until backpressure, then blocks in sendBlocking until the connection ends. */
    private void flood(WebSocket webSocket) {
        byte[] chunk = new byte[64 * 1024];
        int sent = 0;
        SendResult result = SendResult.QUEUED;
        while (result == SendResult.QUEUED && sent < 10_000) {
            result = webSocket.send(chunk);
            sent++;
        }
        webSocketEvents.add("flood " + result + " after " + sent + " with " + webSocket.bufferedBytes() + " buffered");
        try {
            while (result != SendResult.CLOSED) {
                result = webSocket.sendBlocking(chunk);
            }
            webSocketEvents.add("flood ended " + result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends 64 KiB messages, ignoring BACKPRESSURED, until a send reports CLOSED (at most 2,000). */
    private void floodIgnoringBackpressure(WebSocket webSocket) {
        byte[] chunk = new byte[64 * 1024];
        long maxBuffered = 0;
        int sent = 0;
        SendResult result = SendResult.QUEUED;
        while (result != SendResult.CLOSED && sent < 2000) {
            result = webSocket.send(chunk);
            maxBuffered = Math.max(maxBuffered, webSocket.bufferedBytes());
            sent++;
        }
        wsFlood.complete(result + " after " + sent + " sends, max buffered " + maxBuffered + ", open "
                + webSocket.isOpen());
    }

    @Override
    public void close() {
        latch.countDown();
        lateRelease.countDown();
        server.close();
    }
}
