package mummy.io.internal.http;

import java.util.Arrays;

/**
 * A growable byte array for encoding heads: strings are written as ISO-8859-1. Field values hold
 * nothing above 0xFF (HttpHeaders checks that when headers are built); a char that does anyway is
 * refused, never cut to its low byte (U+010D would become CR).
 *
 * <p>Threading: confined to one thread.
 */
final class ByteBuilder {

    private byte[] bytes;
    private int length;

    ByteBuilder(int capacity) {
        bytes = new byte[capacity];
    }

    ByteBuilder append(byte[] source) {
        return append(source, 0, source.length);
    }

    ByteBuilder append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return this;
    }

    /**
     * Appends {@code text} as ISO-8859-1.
     *
     * @throws IllegalArgumentException if a char is above 0xFF (nothing is appended then)
     */
    ByteBuilder append(String text) {
        int count = text.length();
        ensure(count);
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("U+" + String.format("%04X", (int) c) + " at index " + i
                        + " cannot be sent as one ISO-8859-1 octet");
            }
            bytes[length + i] = (byte) c;
        }
        length += count;
        return this;
    }

    ByteBuilder append(long number) {
        return append(Long.toString(number));
    }

    ByteBuilder crlf() {
        ensure(2);
        bytes[length++] = '\r';
        bytes[length++] = '\n';
        return this;
    }

    ByteBuilder field(String name, String value) {
        append(name);
        ensure(2);
        bytes[length++] = ':';
        bytes[length++] = ' ';
        return append(value).crlf();
    }

    int length() {
        return length;
    }

    /** The bytes written, with {@code extra} free bytes of capacity after them. */
    byte[] toArray(int extra) {
        return length + extra == bytes.length ? bytes : Arrays.copyOf(bytes, length + extra);
    }

    private void ensure(int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
    }
}
