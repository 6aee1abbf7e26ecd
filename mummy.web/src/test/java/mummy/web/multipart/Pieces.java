package mummy.web.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

/** Test support: bodies delivered in pieces of chosen sizes, and parts read back in several ways. */
final class Pieces {

    private Pieces() {
    }

    /** A stream over {@code data} whose reads return at most {@code pieceSize} bytes each. */
    static InputStream of(byte[] data, IntSupplier pieceSize) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, Math.max(1, pieceSize.getAsInt())), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** A stream returning {@code data} as two reads split at {@code at}. */
    static InputStream splitAt(byte[] data, int at) {
        int[] calls = {0};
        return of(data, () -> calls[0]++ == 0 ? at : Integer.MAX_VALUE);
    }

    /** The piece-size strategies every valid body goes through: 1, 2, 3, 7, 64 and random. */
    static List<Strategy> strategies() {
        List<Strategy> all = new ArrayList<>();
        for (int size : new int[] {1, 2, 3, 7, 64, Integer.MAX_VALUE}) {
            all.add(new Strategy("pieces of " + size, data -> of(data, () -> size)));
        }
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            all.add(new Strategy("random pieces, seed " + seed, data -> of(data, () -> 1 + random.nextInt(100))));
        }
        return all;
    }

    /** A named way to turn bytes into a stream. */
    record Strategy(String name, java.util.function.Function<byte[], InputStream> stream) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a test expects of one part, or what was read of it. */
    record Read(String name, String filename, String contentType, String content) {
        static Read of(Part part, String content) {
            return new Read(part.name(), part.filename(), part.contentType(), content);
        }

        static Read of(BufferedPart part) {
            return new Read(part.name(), part.filename(), part.contentType(),
                    new String(part.bytes(), StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Reads every part, the content read in a way that changes with the part's index: byte by
     * byte, with a 5-byte array, with {@code transferTo}, or all at once.
     */
    static List<Read> readAll(MultipartReader reader) throws IOException {
        List<Read> parts = new ArrayList<>();
        int index = 0;
        for (Part part = reader.next(); part != null && index < 10_000; part = reader.next(), index++) {
            InputStream in = part.inputStream();
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            switch (index % 4) {
                case 0 -> {
                    for (int b = in.read(); b >= 0; b = in.read()) {
                        content.write(b);
                    }
                }
                case 1 -> {
                    byte[] five = new byte[5];
                    for (int n = in.read(five); n >= 0; n = in.read(five)) {
                        content.write(five, 0, n);
                    }
                }
                case 2 -> in.transferTo(content);
                default -> content.write(in.readAllBytes());
            }
            if (in.read() != -1) {
                throw new AssertionError("a part's stream gave bytes after its end");
            }
            parts.add(Read.of(part, content.toString(StandardCharsets.ISO_8859_1)));
        }
        return parts;
    }

    /** The bytes of {@code text}, one per char (ISO-8859-1). */
    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
