package mummy.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client end of an open WebSocket over a {@link Client}, blocking: messages out (whole or in
 * fragments), messages in (fragments assembled, pings answered, pongs checked), the closing
 * handshake (RFC 6455 5.4, 5.5, 7).
 *
 * <p>Threading: one thread at a time.
 */
final class WsPeer {

    /** No status code in a close frame, RFC 6455 7.4.1. */
    static final int NO_STATUS = 1005;
    /** Normal closure, RFC 6455 7.4.1. */
    static final int NORMAL = 1000;
    /** Going away (the server shuts down), RFC 6455 7.4.1. */
    static final int GOING_AWAY = 1001;

    /** A whole message, or a close frame ({@link WsFrames#CLOSE}) with its payload. */
    record Message(int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : NO_STATUS;
        }
    }

    private final Client client;
    private byte[] awaitedPong;

    private WsPeer(Client client) {
        this.client = client;
    }

    /** Performs the opening handshake on {@code path}. */
    static WsPeer open(Client client, String path) throws IOException {
        String problem = client.upgrade(path);
        if (problem != null) {
            throw new IOException("WebSocket handshake on " + path + ": " + problem);
        }
        return new WsPeer(client);
    }

    Client client() {
        return client;
    }

    /** Sends one message as {@code fragments} frames split at random byte positions, in one write. */
    void send(int opcode, byte[] payload, int fragments) throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        int at = 0;
        for (int i = 1; i <= fragments; i++) {
            int end = i == fragments ? payload.length : ThreadLocalRandom.current().nextInt(at, payload.length + 1);
            frames.writeBytes(WsFrames.masked(i == fragments, i == 1 ? opcode : WsFrames.CONTINUATION, payload, at, end - at));
            at = end;
        }
        client.write(frames.toByteArray());
    }

    /** Sends a ping whose pong {@link #next} then expects. */
    void ping(byte[] payload) throws IOException {
        awaitedPong = payload;
        client.write(WsFrames.masked(true, WsFrames.PING, payload, 0, payload.length));
    }

    boolean pongAwaited() {
        return awaitedPong != null;
    }

    /** Sends a close frame with {@code code}. */
    void close(int code) throws IOException {
        byte[] payload = {(byte) (code >>> 8), (byte) code};
        client.write(WsFrames.masked(true, WsFrames.CLOSE, payload, 0, payload.length));
    }

    /**
     * The next message or close frame; pings on the way are answered, the pong of our ping is
     * taken.
     *
     * @throws IOException on a read error, a pong that answers no ping of ours, or broken fragmentation
     */
    Message next() throws IOException {
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        int opcode = -1;
        while (true) {
            WsFrames.Frame frame = WsFrames.read(client.input());
            switch (frame.opcode()) {
                case WsFrames.PING -> client.write(WsFrames.masked(true, WsFrames.PONG, frame.payload(), 0, frame.payload().length));
                case WsFrames.PONG -> takePong(frame.payload());
                case WsFrames.CLOSE -> {
                    return new Message(WsFrames.CLOSE, frame.payload());
                }
                case WsFrames.TEXT, WsFrames.BINARY, WsFrames.CONTINUATION -> {
                    if ((frame.opcode() == WsFrames.CONTINUATION) != (opcode >= 0)) {
                        throw new IOException("opcode " + frame.opcode() + (opcode < 0 ? " outside" : " inside") + " a fragmented message");
                    }
                    opcode = opcode < 0 ? frame.opcode() : opcode;
                    assembled.writeBytes(frame.payload());
                    if (frame.fin()) {
                        return new Message(opcode, assembled.toByteArray());
                    }
                }
                default -> throw new IOException("unknown opcode " + frame.opcode());
            }
        }
    }

    private void takePong(byte[] payload) throws IOException {
        if (awaitedPong == null || !Arrays.equals(awaitedPong, payload)) {
            throw new IOException("a pong of " + payload.length + " bytes that answers no ping of ours");
        }
        awaitedPong = null;
    }
}
