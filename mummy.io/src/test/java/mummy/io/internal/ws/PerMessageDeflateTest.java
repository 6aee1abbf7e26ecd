package mummy.io.internal.ws;

import static mummy.io.internal.ws.ClientFrames.bytes;
import static mummy.io.internal.ws.ClientFrames.concat;
import static mummy.io.internal.ws.ClientFrames.random;
import static mummy.io.internal.ws.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Compression and decompression: the RFC 7692 7.2.3 examples, round trips, context takeover, limits. */
class PerMessageDeflateTest {

    static final PerMessageDeflate.Parameters TAKEOVER = new PerMessageDeflate.Parameters(false, false, 0, 0);
    static final PerMessageDeflate.Parameters NO_TAKEOVER = new PerMessageDeflate.Parameters(true, true, 0, 0);
    /** "Hello" compressed, RFC 7692 7.2.3.1. */
    static final byte[] HELLO = bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);

    @Test
    void rfcHelloExampleIsWhatHelloCompressesTo() {
        assertArrayEquals(HELLO, new PerMessageDeflate(TAKEOVER).compress(utf8("Hello")));
    }

    @Test
    void rfcHelloExampleDecompressesToHello() throws WsProtocolException {
        assertArrayEquals(utf8("Hello"), new PerMessageDeflate(TAKEOVER).decompress(HELLO, true, 100));
    }

    @Test
    void rfcHelloExampleSplitInTwoFramesDecompressesFrameByFrame() throws WsProtocolException {
        // RFC 7692 7.2.3.1: the same payload fragmented as f2 48 cd | c9 c9 07 00
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER);
        byte[] first = deflate.decompress(bytes(0xf2, 0x48, 0xcd), false, 100);
        byte[] second = deflate.decompress(bytes(0xc9, 0xc9, 0x07, 0x00), true, 100 - first.length);
        assertEquals("Hello", new String(concat(first, second), StandardCharsets.UTF_8));
    }

    @Test
    void secondHelloSharesTheWindowWithContextTakeover() throws WsProtocolException {
        // RFC 7692 7.2.3.2: with the LZ77 window shared, the second "Hello" is f2 00 11 00 00
        PerMessageDeflate server = new PerMessageDeflate(TAKEOVER);
        assertArrayEquals(HELLO, server.compress(utf8("Hello")));
        byte[] second = server.compress(utf8("Hello"));
        assertArrayEquals(bytes(0xf2, 0x00, 0x11, 0x00, 0x00), second);
        PerMessageDeflate client = new PerMessageDeflate(TAKEOVER);
        assertArrayEquals(utf8("Hello"), client.decompress(HELLO, true, 100));
        assertArrayEquals(utf8("Hello"), client.decompress(second, true, 100));
    }

    @Test
    void withoutContextTakeoverEveryHelloCompressesAlike() {
        PerMessageDeflate server = new PerMessageDeflate(NO_TAKEOVER);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(HELLO, server.compress(utf8("Hello")), "message " + i);
        }
    }

    @Test
    void clientNoContextTakeoverResetsTheInflaterAfterEachMessage() throws WsProtocolException {
        PerMessageDeflate.Parameters clientResets = new PerMessageDeflate.Parameters(false, true, 0, 0);
        PerMessageDeflate deflate = new PerMessageDeflate(clientResets);
        assertArrayEquals(utf8("Hello"), deflate.decompress(HELLO, true, 100));
        // f2 00 11 00 00 refers back into the previous message's window, which is gone
        WsProtocolException e = assertThrows(WsProtocolException.class,
                () -> deflate.decompress(bytes(0xf2, 0x00, 0x11, 0x00, 0x00), true, 100));
        assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
    }

    @Test
    void rfcUncompressedBlockExampleDecompresses() throws WsProtocolException {
        // RFC 7692 7.2.3.3: a DEFLATE block with no compression
        byte[] stored = bytes(0x00, 0x05, 0x00, 0xfa, 0xff, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x00);
        assertArrayEquals(utf8("Hello"), new PerMessageDeflate(TAKEOVER).decompress(stored, true, 100));
    }

    @Test
    void rfcFinalBlockExampleDecompressesAndTheNextMessageStillWorks() throws WsProtocolException {
        // RFC 7692 7.2.3.4: a DEFLATE block with BFINAL set to 1; the appended tail is ignored
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER);
        byte[] bfinal = bytes(0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x00);
        assertArrayEquals(utf8("Hello"), deflate.decompress(bfinal, true, 100));
        assertArrayEquals(utf8("Hello"), deflate.decompress(HELLO, true, 100));
    }

    @Test
    void dataAfterAFinalBlockStartsANewStream() throws WsProtocolException {
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER);
        byte[] first = deflate.decompress(bytes(0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00), false, 100);
        byte[] second = deflate.decompress(HELLO, true, 100);
        assertEquals("HelloHello", new String(concat(first, second), StandardCharsets.UTF_8));
        byte[] both = concat(bytes(0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00), HELLO);
        assertArrayEquals(utf8("HelloHello"), deflate.decompress(both, true, 100));
    }

    @Test
    void rfcTwoBlocksExampleDecompresses() throws WsProtocolException {
        // RFC 7692 7.2.3.5: two DEFLATE blocks in one message
        byte[] two = bytes(0xf2, 0x48, 0x05, 0x00, 0x00, 0x00, 0xff, 0xff, 0xca, 0xc9, 0xc9, 0x07, 0x00);
        assertArrayEquals(utf8("Hello"), new PerMessageDeflate(TAKEOVER).decompress(two, true, 100));
    }

    @Test
    void emptyMessagesRoundTripAlsoOneAfterAnother() throws WsProtocolException {
        PerMessageDeflate server = new PerMessageDeflate(TAKEOVER);
        PerMessageDeflate client = new PerMessageDeflate(TAKEOVER);
        for (byte[] message : new byte[][] {new byte[0], new byte[0], utf8("x"), new byte[0], new byte[0]}) {
            assertArrayEquals(message, client.decompress(server.compress(message), true, 1));
        }
    }

    @Test
    void emptyMessageRoundTrips() throws WsProtocolException {
        PerMessageDeflate server = new PerMessageDeflate(TAKEOVER);
        byte[] compressed = server.compress(new byte[0]);
        assertArrayEquals(new byte[0], new PerMessageDeflate(TAKEOVER).decompress(compressed, true, 0));
        // RFC 7692 7.2.3.6: an empty payload is also a valid compressed empty message
        assertArrayEquals(new byte[0], new PerMessageDeflate(TAKEOVER).decompress(new byte[0], true, 0));
    }

    @Test
    void messagesRoundTripWithContextTakeover() throws WsProtocolException {
        assertRoundTrips(TAKEOVER);
    }

    @Test
    void messagesRoundTripWithoutContextTakeover() throws WsProtocolException {
        assertRoundTrips(NO_TAKEOVER);
    }

    @Test
    void contextTakeoverMakesARepeatedMessageSmaller() {
        byte[] text = utf8("The quick brown fox jumps over the lazy dog, ".repeat(3));
        PerMessageDeflate takeover = new PerMessageDeflate(TAKEOVER);
        PerMessageDeflate fresh = new PerMessageDeflate(NO_TAKEOVER);
        int first = takeover.compress(text).length;
        assertTrue(takeover.compress(text).length < first / 2, "the second message refers back to the first");
        assertEquals(fresh.compress(text).length, fresh.compress(text).length);
    }

    /**
     * A client that asked for {@code server_max_window_bits=9} (Autobahn 13.3, 13.5) inflates with
     * a 512-byte window: the server must not refer further back, and refers back not at all.
     * Literals cost at least one bit each, so output under 1/8 of a repetitive input would prove
     * back-references; with LZ77 this input shrinks a hundredfold.
     */
    @Test
    void smallServerWindowCompressesWithLiteralsOnlyAndRoundTrips() throws WsProtocolException {
        byte[] message = utf8("abcdefgh".repeat(4000));
        PerMessageDeflate.Parameters small = new PerMessageDeflate.Parameters(false, false, 9, 0);
        PerMessageDeflate server = new PerMessageDeflate(small);
        PerMessageDeflate client = new PerMessageDeflate(small);
        for (int i = 0; i < 2; i++) { // the second message could refer to the first with a large window
            byte[] compressed = server.compress(message);
            assertTrue(compressed.length >= message.length / 8, "no back-references: " + compressed.length);
            assertArrayEquals(message, client.decompress(compressed, true, message.length));
        }
        assertTrue(new PerMessageDeflate(TAKEOVER).compress(message).length < message.length / 100,
                "the full window compresses the same input with back-references");
    }

    @Test
    void compressedMessageSplitIntoManyFramesDecompressesFrameByFrame() throws WsProtocolException {
        byte[] message = utf8("frame by frame ".repeat(2000));
        byte[] compressed = new PerMessageDeflate(TAKEOVER).compress(message);
        PerMessageDeflate client = new PerMessageDeflate(TAKEOVER);
        List<byte[]> parts = new ArrayList<>();
        int step = 7;
        long inflated = 0;
        for (int from = 0; from < compressed.length; from += step) {
            boolean last = from + step >= compressed.length;
            byte[] frame = java.util.Arrays.copyOfRange(compressed, from, Math.min(compressed.length, from + step));
            byte[] part = client.decompress(frame, last, message.length - inflated);
            inflated += part.length;
            parts.add(part);
        }
        assertArrayEquals(message, concat(parts.toArray(byte[][]::new)));
    }

    @Test
    void zipBombIsStoppedSoonAfterTheLimit() {
        byte[] bomb = deflateRaw(new byte[50 << 20]);
        assertTrue(bomb.length < 100_000, "50 MiB of zeros compress to " + bomb.length + " bytes");
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER);
        long limit = 64 * 1024;
        WsProtocolException e = assertThrows(WsProtocolException.class, () -> deflate.decompress(bomb, true, limit));
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, e.closeCode());
        assertTrue(deflate.bytesInflated() <= limit + PerMessageDeflate.INFLATE_CHUNK,
                "inflated " + deflate.bytesInflated() + " bytes before stopping");
    }

    @Test
    void outputOfExactlyTheLimitIsAccepted() throws WsProtocolException {
        byte[] message = random(5000, 1);
        byte[] compressed = new PerMessageDeflate(TAKEOVER).compress(message);
        assertArrayEquals(message, new PerMessageDeflate(TAKEOVER).decompress(compressed, true, 5000));
        WsProtocolException e = assertThrows(WsProtocolException.class,
                () -> new PerMessageDeflate(TAKEOVER).decompress(compressed, true, 4999));
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, e.closeCode());
    }

    @Test
    void invalidDeflateDataFailsWith1007() {
        // BTYPE 11 is reserved (RFC 1951 3.2.3)
        WsProtocolException e = assertThrows(WsProtocolException.class,
                () -> new PerMessageDeflate(TAKEOVER).decompress(bytes(0xff, 0xff, 0xff), true, 100));
        assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
    }

    @Test
    void concurrentSendersEachGetAWholeMessage() throws Exception {
        PerMessageDeflate server = new PerMessageDeflate(NO_TAKEOVER);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 300; i++) {
                        byte[] message = utf8(("thread " + seed + " message " + i + " ").repeat(1 + random.nextInt(200)));
                        byte[] back = new PerMessageDeflate(NO_TAKEOVER).decompress(server.compress(message), true, 1 << 20);
                        assertArrayEquals(message, back);
                    }
                    return seed;
                }));
            }
            for (Future<Integer> result : results) {
                result.get();
            }
        }
    }

    @Test
    void closedStateRefusesWorkAndClosingTwiceIsHarmless() throws WsProtocolException {
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER);
        deflate.compress(utf8("x"));
        deflate.decompress(HELLO, true, 100);
        deflate.close();
        deflate.close();
        assertThrows(IllegalStateException.class, () -> deflate.compress(utf8("x")));
        assertThrows(IllegalStateException.class, () -> deflate.decompress(HELLO, true, 100));
    }

    private static void assertRoundTrips(PerMessageDeflate.Parameters parameters) throws WsProtocolException {
        PerMessageDeflate server = new PerMessageDeflate(parameters);
        PerMessageDeflate client = new PerMessageDeflate(parameters);
        Random random = new Random(7692);
        for (int i = 0; i < 200; i++) {
            byte[] message = switch (i % 4) {
                case 0 -> utf8("message " + i + " ".repeat(random.nextInt(100)));
                case 1 -> random(random.nextInt(3000), i);
                case 2 -> utf8("Grüße, κόσμε, 😀 ".repeat(random.nextInt(500)));
                default -> new byte[random.nextInt(2) * 100_000];
            };
            byte[] compressed = server.compress(message);
            if (i % 4 == 3 && message.length > 0) {
                assertNotEquals(message.length, compressed.length);
            }
            assertArrayEquals(message, client.decompress(compressed, true, message.length), "message " + i);
        }
    }

    static byte[] deflateRaw(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] out = new byte[data.length / 100 + 1024];
            int length = 0;
            while (!deflater.finished()) {
                length += deflater.deflate(out, length, out.length - length);
            }
            return java.util.Arrays.copyOf(out, length);
        } finally {
            deflater.end();
        }
    }
}
