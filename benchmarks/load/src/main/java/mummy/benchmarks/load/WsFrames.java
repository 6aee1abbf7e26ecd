package mummy.benchmarks.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of RFC 6455 framing and the opening handshake: masked frames out, unmasked
 * frames in, the {@code Sec-WebSocket-Accept} check.
 */
final class WsFrames {

    /** Opcode of a continuation frame, RFC 6455 5.2. */
    static final int CONTINUATION = 0x0;
    /** Opcode of a text frame, RFC 6455 5.2. */
    static final int TEXT = 0x1;
    /** Opcode of a binary frame, RFC 6455 5.2. */
    static final int BINARY = 0x2;
    /** Opcode of a close frame, RFC 6455 5.5.1. */
    static final int CLOSE = 0x8;
    /** Opcode of a ping frame, RFC 6455 5.5.2. */
    static final int PING = 0x9;
    /** Opcode of a pong frame, RFC 6455 5.5.3. */
    static final int PONG = 0xA;

    /** The GUID appended to the key, RFC 6455 1.3. */
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsFrames() {
    }

    /** A frame read by {@link #read}. */
    record Frame(boolean fin, int opcode, byte[] payload) {
    }

    /** A fresh {@code Sec-WebSocket-Key}: 16 random bytes in base64, RFC 6455 4.1. */
    static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The opening handshake request for {@code path}. */
    static byte[] upgradeRequest(String host, int port, String path, String key) {
        return ResponseReader.ascii("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
    }

    /**
     * Why a handshake response does not open the connection, RFC 6455 4.1 (client requirements).
     *
     * @return null when it is a valid 101 for {@code key}
     */
    static String handshakeProblem(HttpResponse response, String key) {
        if (response.status() != 101) {
            return "status " + response.status();
        }
        String accept = response.header("sec-websocket-accept");
        if (!accept(key).equals(accept)) {
            return "Sec-WebSocket-Accept " + accept + ", expected " + accept(key);
        }
        String upgrade = response.header("upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            return "Upgrade header " + upgrade;
        }
        return null;
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(ResponseReader.ascii(key + ACCEPT_GUID));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    /** The length of a client frame header with this payload length: 2, 4 or 10 bytes plus the 4-byte mask. */
    static int maskedHeaderLength(int payloadLength) {
        return (payloadLength < 126 ? 2 : payloadLength < 65536 ? 4 : 10) + 4;
    }

    /**
     * Puts one final, masked frame into {@code out} (RFC 6455 5.2, 5.3).
     *
     * @param maskKey the 32-bit masking key
     */
    static void putMasked(ByteBuffer out, int opcode, byte[] payload, int maskKey) {
        putMasked(out, true, opcode, payload, 0, payload.length, maskKey);
    }

    /**
     * One masked frame of {@code payload[offset, offset + length)}: a fragment when {@code fin} is
     * false, a continuation when {@code opcode} is 0 (RFC 6455 5.4).
     */
    static byte[] masked(boolean fin, int opcode, byte[] payload, int offset, int length) {
        ByteBuffer frame = ByteBuffer.allocate(maskedHeaderLength(length) + length);
        putMasked(frame, fin, opcode, payload, offset, length, ThreadLocalRandom.current().nextInt());
        return frame.array();
    }

    private static void putMasked(ByteBuffer out, boolean fin, int opcode, byte[] payload, int offset, int length,
                                  int maskKey) {
        out.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length < 65536) {
            out.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127)).putLong(length);
        }
        out.putInt(maskKey);
        for (int i = 0; i < length; i++) {
            out.put((byte) (payload[offset + i] ^ (maskKey >>> (8 * (3 - (i & 3))))));
        }
    }

    /**
     * The header length of the server frame starting at {@code in}'s position, without consuming.
     *
     * @return the header length, or -1 when not all of it is there yet
     */
    static int serverHeaderLength(ByteBuffer in) {
        if (in.remaining() < 2) {
            return -1;
        }
        int start = in.position();
        int length7 = in.get(start + 1) & 0x7f;
        int header = (length7 < 126 ? 2 : length7 == 126 ? 4 : 10) + ((in.get(start + 1) & 0x80) != 0 ? 4 : 0);
        return in.remaining() < header ? -1 : header;
    }

    /** The payload length of the server frame at {@code in}'s position; its header must be there. */
    static long serverPayloadLength(ByteBuffer in) {
        int start = in.position();
        int length7 = in.get(start + 1) & 0x7f;
        return length7 < 126 ? length7 : length7 == 126 ? in.getShort(start + 2) & 0xffff : in.getLong(start + 2);
    }

    /**
     * Reads one frame from a blocking stream; a masked server frame is an error (RFC 6455 5.1).
     */
    static Frame read(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new EOFException("connection closed before a frame");
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = ByteBuffer.wrap(in.readNBytes(2)).getShort() & 0xffff;
        } else if (length == 127) {
            length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
        }
        if (length < 0 || length > 16 * 1024 * 1024) {
            throw new IOException("unreasonable frame length " + length);
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("connection closed inside a frame");
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
    }
}
