package mummy.io.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mummy.api.HttpHeaders;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.io.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of empty WebSocket frames to a handler that is busy with its first message: every event
 * counts against the mailbox's inbound limit ({@link WsMailbox#EVENT_OVERHEAD}), so reading
 * pauses as it does for big messages, and resumes once the handler catches up.
 */
class WebSocketInboundFloodTest {

    private static final int FRAMES = 2_000_000;
    /** An empty, masked text frame (RFC 6455 5.2): FIN + text, mask bit + length 0, a zero mask. */
    private static final byte[] EMPTY_FRAME = {(byte) 0x81, (byte) 0x80, 0, 0, 0, 0};
    private static final int FRAMES_PER_WRITE = 10_000;

    private final CountDownLatch busy = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong messages = new AtomicLong();
    private final CompletableFuture<LoopWebSocket> opened = new CompletableFuture<>();
    private final Server server = Server.builder().scheduler("virtual")
            .handler(request -> {
                if (request.path().equals("/ws")) {
                    request.upgradeToWebSocket();
                } else {
                    request.respond(200, HttpHeaders.of("Content-Type", "text/plain"), "fresh");
                }
            })
            .webSocketHandler(this::onEvent)
            .build();
    private final int port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();

    private void onEvent(WebSocket webSocket, WebSocketEvent event) {
        switch (event) {
            case WebSocketEvent.Open open -> opened.complete((LoopWebSocket) webSocket);
            case WebSocketEvent.Message message -> {
                if (messages.incrementAndGet() == 1) {
                    busy.countDown();
                    awaitRelease(); // busy with the first message while the flood arrives
                }
            }
            case WebSocketEvent.Close close -> { }
            case WebSocketEvent.Error error -> { }
        }
    }

    private void awaitRelease() {
        try {
            assertTrue(release.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    @Test
    void aFloodOfEmptyFramesPausesReadingUntilTheHandlerCatchesUp() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setSendBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            handshake(socket.getInputStream(), out);
            LoopWebSocket webSocket = opened.get(10, TimeUnit.SECONDS);
            out.write(new byte[] {(byte) 0x81, (byte) 0x80, 0, 0, 0, 0}); // the message the handler is busy with
            assertTrue(busy.await(10, TimeUnit.SECONDS));

            AtomicLong written = new AtomicLong();
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> flood(out, written));
            awaitStall(written);
            long limit = WebSocketSettings.defaults().inboundLimit();
            long oneRead = (64 * 1024 / EMPTY_FRAME.length + 1) * (long) WsMailbox.EVENT_OVERHEAD;
            long queued = webSocket.mailbox.queuedBytes();
            assertTrue(queued > limit, "the mailbox filled to its limit: " + queued);
            assertTrue(queued <= limit + oneRead, "reading paused within one read of the limit: " + queued);
            assertTrue(written.get() < FRAMES, "the writer is stuck: the server stopped reading after "
                    + written.get() + " of " + FRAMES + " frames");
            assertEquals("fresh", get(port), "another client is served meanwhile");

            release.countDown();
            writer.join(TimeUnit.SECONDS.toMillis(60));
            assertEquals(FRAMES, written.get(), "reading resumed once the handler caught up");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (messages.get() < FRAMES + 1 && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling the condition
            }
            assertEquals(FRAMES + 1, messages.get(), "every frame became a message, none was lost");
            assertEquals(0, webSocket.mailbox.queuedBytes(), "a drained mailbox counts nothing");
        }
    }

    /** Writes {@link #FRAMES} empty frames, counting those the socket took. */
    private static void flood(OutputStream out, AtomicLong written) {
        byte[] batch = new byte[FRAMES_PER_WRITE * EMPTY_FRAME.length];
        for (int i = 0; i < FRAMES_PER_WRITE; i++) {
            System.arraycopy(EMPTY_FRAME, 0, batch, i * EMPTY_FRAME.length, EMPTY_FRAME.length);
        }
        try {
            for (int sent = 0; sent < FRAMES; sent += FRAMES_PER_WRITE) {
                out.write(batch);
                written.addAndGet(FRAMES_PER_WRITE);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until the writer made no progress for 500 ms (at most 20 s): the TCP window is closed. */
    private static void awaitStall(AtomicLong written) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = written.get();
            if (now != last) {
                last = now;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > TimeUnit.MILLISECONDS.toNanos(500)) {
                return;
            }
            Thread.sleep(20); // polling the condition
        }
    }

    private static void handshake(InputStream in, OutputStream out) throws IOException {
        out.write(("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head = readHead(in);
        assertTrue(head.startsWith("HTTP/1.1 101 "), head);
    }

    private static String get(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            readHead(in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the middle of a response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
