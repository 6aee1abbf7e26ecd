package mummy.web.multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Content made of near-misses of the delimiter, read through the smallest buffer so that it is
 * compacted and refilled across every kind of near-miss; and one part far larger than the buffer.
 */
class MultipartStressTest {

    private static final String BOUNDARY = "AaB03x";
    private static final String FORM = "multipart/form-data; boundary=" + BOUNDARY;

    /** Content that contains no delimiter but many things that start like one. */
    private static byte[] nearMisses(Random random, int tokens) {
        String[] pieces = {"\r\n", "\r", "\n", "--", "\r\n--", "\r\n-", "--" + BOUNDARY + "X", "\r\n--" + BOUNDARY + "x",
            "\r\n--" + BOUNDARY + "-z", "\r\n--" + BOUNDARY.substring(0, 3), "\r\n--" + BOUNDARY.substring(0, 5)};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < tokens; i++) {
            if (random.nextInt(3) == 0) {
                out.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.US_ASCII));
            } else {
                byte[] filler = new byte[random.nextInt(40)];
                for (int j = 0; j < filler.length; j++) {
                    filler[j] = (byte) (0x80 + random.nextInt(128)); // never a boundary character
                }
                out.writeBytes(filler);
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void nearMissesNeverSplitAPartWhateverTheBufferAndPieces(long seed) throws IOException {
        Random random = new Random(seed);
        List<byte[]> contents = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 6; i++) {
            byte[] content = nearMisses(random, random.nextInt(2000));
            contents.add(content);
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"p" + i + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = body.toByteArray();
        MultipartOptions small = MultipartOptions.builder().bufferSize(1024).maxHeaderBytes(512).build();
        MultipartReader reader = MultipartReader.of(Pieces.of(bytes, () -> 1 + random.nextInt(3000)), FORM, small);
        for (int i = 0; i < contents.size(); i++) {
            Part part = reader.next();
            assertEquals("p" + i, part.name());
            assertArrayEquals(contents.get(i), part.inputStream().readAllBytes(), "part " + i + ", seed " + seed);
        }
        assertNull(reader.next());
        List<BufferedPart> decoded = MultipartDecoder.decode(bytes, FORM);
        for (int i = 0; i < contents.size(); i++) {
            assertArrayEquals(contents.get(i), decoded.get(i).bytes(), "decoded part " + i);
        }
    }

    @Test
    void aPartMuchLargerThanTheBufferStreamsThrough() throws Exception {
        long size = 64L << 20;
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"big\"; filename=\"big.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        byte[] pattern = nearMisses(new Random(9), 3000);
        for (long done = 0; done < size; done += pattern.length) {
            expected.update(pattern, 0, (int) Math.min(pattern.length, size - done));
        }
        MultipartReader reader = MultipartReader.of(generated(head, pattern, size, tail), FORM);
        Part part = reader.next();
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        long[] count = {0};
        part.inputStream().transferTo(new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("transferTo writes arrays");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                actual.update(b, off, len);
                count[0] += len;
            }
        });
        assertEquals(size, count[0]);
        assertArrayEquals(expected.digest(), actual.digest());
        assertNull(reader.next());
    }

    /** A body generated as it is read: head, then {@code pattern} repeated to {@code size} bytes, then tail. */
    private static InputStream generated(byte[] head, byte[] pattern, long size, byte[] tail) {
        return new InputStream() {
            private long position;
            private final long total = head.length + size + tail.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position == total) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, 50_000), total - position);
                for (int i = 0; i < n; i++) {
                    long p = position + i;
                    b[off + i] = p < head.length ? head[(int) p]
                            : p < head.length + size ? pattern[(int) ((p - head.length) % pattern.length)]
                            : tail[(int) (p - head.length - size)];
                }
                position += n;
                return n;
            }
        };
    }
}
