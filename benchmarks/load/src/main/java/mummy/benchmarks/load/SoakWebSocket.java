package mummy.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A soak client of the {@code /ws} echo: random text (valid UTF-8, multi-byte characters included)
 * and binary messages from empty to the default {@code maxMessageLength} of 64 KiB, some in
 * fragments split anywhere (inside a character too), a ping now and then; every echo must be one
 * message of the same type and bytes, and the pong of a ping must come before the echo that follows
 * it. After 20 to 300 messages it reconnects: mostly with the closing handshake (1000 both ways,
 * then the server's FIN), sometimes with a reset.
 *
 * <p>Threading: one instance per client thread.
 */
final class SoakWebSocket implements SoakContext.Round {

    /** EchoServer's limit: the default {@code maxMessageLength}. */
    static final int MAX_MESSAGE = 64 * 1024;

    private WsPeer peer;
    private int messagesLeft;

    @Override
    public void run(SoakContext context) throws IOException {
        ThreadLocalRandom random = context.random();
        SoakTally tally = context.tally();
        if (peer == null) {
            peer = WsPeer.open(context.connect(), "/ws");
            messagesLeft = random.nextInt(20, 301);
        }
        if (random.nextInt(20) == 0) {
            byte[] ping = new byte[random.nextInt(126)];
            random.nextBytes(ping);
            peer.ping(ping);
            tally.add(SoakTally.Count.WS_PINGS);
        }
        boolean text = random.nextBoolean();
        int size = size(random);
        byte[] payload = text ? utf8(size, random) : new byte[size];
        if (!text) {
            random.nextBytes(payload);
        }
        int fragments = size >= 2 && random.nextInt(7) == 0 ? random.nextInt(2, 5) : 1;
        peer.send(text ? WsFrames.TEXT : WsFrames.BINARY, payload, fragments);
        WsPeer.Message echo = peer.next();
        String problem = echo.opcode() == WsFrames.CLOSE ? "closed by the server with " + echo.closeCode()
                : echo.opcode() != (text ? WsFrames.TEXT : WsFrames.BINARY) ? "echo of opcode " + echo.opcode()
                : !Arrays.equals(payload, echo.payload()) ? "echo of a " + size + "-byte message differs at byte "
                        + Arrays.mismatch(payload, echo.payload())
                : peer.pongAwaited() ? "no pong before the echo of the message after the ping" : null;
        if (problem != null) {
            tally.fail("websocket", problem + " (" + (text ? "text" : "binary") + ", " + fragments + " fragments)");
            reset();
            return;
        }
        tally.add(SoakTally.Count.WS_MESSAGES);
        tally.add(SoakTally.Count.WS_BYTES, size);
        if (--messagesLeft == 0) {
            reconnect(context);
        }
        context.pause(random.nextInt(100));
    }

    private void reconnect(SoakContext context) throws IOException {
        context.tally().add(SoakTally.Count.WS_RECONNECTS);
        if (context.random().nextInt(4) == 0) {
            peer.client().abort();
            context.tally().add(SoakTally.Count.DISCONNECTS);
        } else {
            peer.close(WsPeer.NORMAL);
            WsPeer.Message reply = peer.next();
            if (reply.opcode() != WsFrames.CLOSE || reply.closeCode() != WsPeer.NORMAL) {
                context.tally().fail("websocket", "our close 1000 answered by opcode " + reply.opcode() + " code " + reply.closeCode());
            } else if (!peer.client().awaitPeerClose(SoakContext.ANSWER_TIMEOUT_MILLIS)) {
                context.tally().fail("websocket", "bytes after the close handshake, not the server's FIN");
            }
            peer.client().close();
        }
        peer = null;
    }

    @Override
    public void reset() {
        if (peer != null) {
            peer.client().abort();
            peer = null;
        }
    }

    private static int size(ThreadLocalRandom random) {
        return switch (random.nextInt(20)) {
            case 0, 1 -> 0;
            case 2 -> MAX_MESSAGE;
            case 3, 4, 5 -> random.nextInt(126, MAX_MESSAGE);
            default -> random.nextInt(1, 126);
        };
    }

    /** Exactly {@code length} bytes of valid UTF-8: ASCII mostly, two-, three- and four-byte characters too. */
    static byte[] utf8(int length, ThreadLocalRandom random) {
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        while (bytes < length) {
            int codePoint = switch (random.nextInt(10)) {
                case 0 -> random.nextInt(0x80, 0x800);
                case 1 -> random.nextBoolean() ? random.nextInt(0x800, 0xD800) : random.nextInt(0xE000, 0x10000);
                case 2 -> random.nextInt(0x10000, 0x110000);
                default -> random.nextInt(0x20, 0x7F);
            };
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > length) {
                codePoint = 'x';
                size = 1;
            }
            text.appendCodePoint(codePoint);
            bytes += size;
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
