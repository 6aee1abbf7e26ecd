package mummy.io.internal.ws;

import java.util.Objects;

/**
 * Incremental UTF-8 validator: bytes in any number of pieces, answer as soon as a byte makes the
 * text invalid (RFC 6455 section 8.1, text messages must be valid UTF-8).
 *
 * <p>It accepts exactly the well-formed byte sequences of The Unicode Standard, section 3.9, table 3-7 (also
 * RFC 3629 section 4):
 *
 * <pre>
 *   U+0000..U+007F     00..7F
 *   U+0080..U+07FF     C2..DF 80..BF
 *   U+0800..U+0FFF     E0     A0..BF 80..BF          (E0 80..9F would be overlong)
 *   U+1000..U+CFFF     E1..EC 80..BF 80..BF
 *   U+D000..U+D7FF     ED     80..9F 80..BF          (ED A0..BF would be a surrogate)
 *   U+E000..U+FFFF     EE..EF 80..BF 80..BF
 *   U+10000..U+3FFFF   F0     90..BF 80..BF 80..BF   (F0 80..8F would be overlong)
 *   U+40000..U+FFFFF   F1..F3 80..BF 80..BF 80..BF
 *   U+100000..U+10FFFF F4     80..8F 80..BF 80..BF   (F4 90..BF would pass U+10FFFF)
 * </pre>
 *
 * so it rejects overlong forms, surrogates (U+D800..U+DFFF), code points above U+10FFFF, stray
 * continuation bytes, and C0, C1, F5..FF anywhere. The state between calls is the number of
 * continuation bytes still expected and the range allowed for the next one.
 *
 * <p>Threading: one thread at a time; one instance per connection, reset per message.
 */
public final class Utf8Validator {

    private static final int CONTINUATION_LOW = 0x80;
    private static final int CONTINUATION_HIGH = 0xbf;

    /** Continuation bytes still expected in the current sequence. */
    private int pending;
    /** The range allowed for the next continuation byte. */
    private int low = CONTINUATION_LOW;
    private int high = CONTINUATION_HIGH;
    private boolean invalid;

    /** A validator at the start of a text. */
    public Utf8Validator() {
    }

    /**
     * Checks the next bytes of the text.
     *
     * @param b the bytes
     * @param off the first byte to check
     * @param len how many bytes
     * @return true if the text so far is valid or a valid prefix; false once it is invalid, and on
     *     every later call until {@link #reset()}
     */
    public boolean feed(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        for (int i = off; i < end && !invalid; i++) {
            int c = b[i] & 0xff;
            if (pending == 0) {
                if (c < 0x80) {
                    continue;
                }
                invalid = !lead(c);
            } else if (c < low || c > high) {
                invalid = true;
            } else {
                pending--;
                low = CONTINUATION_LOW;
                high = CONTINUATION_HIGH;
            }
        }
        return !invalid;
    }

    /**
     * Whether the text fed so far is valid and ends on a character boundary: a message may end
     * here (RFC 6455 8.1).
     *
     * @return true if valid and not inside a multi-byte sequence
     */
    public boolean isComplete() {
        return !invalid && pending == 0;
    }

    /** Starts a new text. */
    public void reset() {
        pending = 0;
        low = CONTINUATION_LOW;
        high = CONTINUATION_HIGH;
        invalid = false;
    }

    /** Starts a sequence at lead byte {@code c} (80..FF); returns false if no sequence starts with it. */
    private boolean lead(int c) {
        if (c >= 0xc2 && c <= 0xdf) {
            return expect(1, CONTINUATION_LOW, CONTINUATION_HIGH);
        }
        if (c >= 0xe0 && c <= 0xef) {
            return switch (c) {
                case 0xe0 -> expect(2, 0xa0, CONTINUATION_HIGH);
                case 0xed -> expect(2, CONTINUATION_LOW, 0x9f);
                default -> expect(2, CONTINUATION_LOW, CONTINUATION_HIGH);
            };
        }
        if (c >= 0xf0 && c <= 0xf4) {
            return switch (c) {
                case 0xf0 -> expect(3, 0x90, CONTINUATION_HIGH);
                case 0xf4 -> expect(3, CONTINUATION_LOW, 0x8f);
                default -> expect(3, CONTINUATION_LOW, CONTINUATION_HIGH);
            };
        }
        // 80..BF: a continuation byte without a lead; C0, C1: always overlong; F5..FF: beyond U+10FFFF
        return false;
    }

    private boolean expect(int continuations, int nextLow, int nextHigh) {
        pending = continuations;
        low = nextLow;
        high = nextHigh;
        return true;
    }
}
