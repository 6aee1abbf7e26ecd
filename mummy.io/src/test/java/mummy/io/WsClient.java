package mummy.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Raw WebSocket frames over a {@link RawClient}: masked client frames out, server frames in. */
final class WsClient implements AutoCloseable {

    /** A frame as received. */
    record Frame(int opcode, boolean fin, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }
    }

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    final RawClient http;
    /** The server's 101 response. */
    final RawClient.Response handshake;
    private final Random random = new Random(42);

    private WsClient(RawClient http, RawClient.Response handshake) {
        this.http = http;
        this.handshake = handshake;
    }

    /** Connects, sends the handshake for {@code path} and checks the 101. */
    static WsClient open(int port, String path, String extraFields) throws IOException {
        RawClient http = new RawClient(port);
        http.send("GET " + path + " HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraFields + "\r\n");
        RawClient.Response response = http.read(true);
        if (response.status() != 101 || !ACCEPT.equals(response.header("Sec-WebSocket-Accept"))) {
            throw new IOException("handshake failed: " + response);
        }
        return new WsClient(http, response);
    }

    /** Sends one masked frame. */
    WsClient frame(int opcode, boolean fin, byte[] payload, boolean masked) throws IOException {
        http.send(encode(opcode, fin, 0, payload, masked));
        return this;
    }

    /** One frame's bytes; {@code rsv} holds the RSV bits (0x70) to set. */
    byte[] encode(int opcode, boolean fin, int rsv, byte[] payload, boolean masked) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | rsv | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        if (masked) {
            out.write(mask, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ mask[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    WsClient text(String text) throws IOException {
        return frame(1, true, text.getBytes(StandardCharsets.UTF_8), true);
    }

    WsClient close(int code) throws IOException {
        return frame(8, true, new byte[] {(byte) (code >>> 8), (byte) code}, true);
    }

    /** Reads one server frame; fails if it is masked. */
    Frame read() throws IOException {
        InputStream in = http.input();
        int b0 = readByte(in);
        int b1 = readByte(in);
        if ((b1 & 0x80) != 0) {
            throw new IOException("server frames must not be masked (RFC 6455 5.1)");
        }
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (long) readByte(in) << 8 | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | readByte(in);
            }
        }
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, in.readNBytes((int) length));
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
