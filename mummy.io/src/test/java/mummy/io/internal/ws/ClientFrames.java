package mummy.io.internal.ws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Builds the bytes of client frames for tests: masked, with the length in whichever form is asked
 * for (also the non-minimal forms a conforming client never uses).
 */
final class ClientFrames {

    /** The masking key of the examples in RFC 6455 5.7. */
    static final byte[] RFC_KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};
    static final byte[] ZERO_KEY = {0, 0, 0, 0};
    static final byte[] ONES_KEY = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    static final byte[] ODD_KEY = {(byte) 0x80, 0x01, (byte) 0xa5, 0x5a};

    /** First byte: FIN set. */
    static final int FIN = 0x80;
    static final int RSV1 = 0x40;

    private ClientFrames() {
    }

    /** A masked frame with the minimal length form. */
    static byte[] masked(int firstByte, byte[] payload, byte[] key) {
        int form = payload.length <= 125 ? 7 : payload.length <= 0xffff ? 16 : 64;
        return withLengthForm(firstByte, form, payload.length, key, payload);
    }

    /** A masked frame with the minimal length form and the RFC's masking key. */
    static byte[] masked(int firstByte, byte[] payload) {
        return masked(firstByte, payload, RFC_KEY);
    }

    /**
     * A frame whose header announces {@code announced} bytes in the given length form (7, 16 or
     * 64 bits), followed by {@code payload} masked with {@code key}, or unmasked if the key is null.
     */
    static byte[] withLengthForm(int firstByte, int form, long announced, byte[] key, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int mask = key == null ? 0 : 0x80;
        switch (form) {
            case 7 -> out.write(mask | (int) announced);
            case 16 -> {
                out.write(mask | 126);
                out.write((int) (announced >>> 8) & 0xff);
                out.write((int) announced & 0xff);
            }
            case 64 -> {
                out.write(mask | 127);
                for (int i = 7; i >= 0; i--) {
                    out.write((int) (announced >>> (8 * i)) & 0xff);
                }
            }
            default -> throw new IllegalArgumentException("length form " + form);
        }
        if (key != null) {
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(key == null ? payload[i] : payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    /** Bytes from ints 0..255. */
    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Reproducible pseudo-random bytes. */
    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
