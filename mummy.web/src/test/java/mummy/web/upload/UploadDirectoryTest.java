package mummy.web.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import mummy.api.RequestBodyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving through a temporary file, hashing, the size limit, name collisions and clean-up. */
class UploadDirectoryTest {

    @TempDir
    Path dir;

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savesUnderTheSanitisedNameWithSizeAndSha256() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(data);
        SavedUpload saved = UploadDirectory.builder(dir).build().save(new ByteArrayInputStream(data), "../../etc/passwd");
        assertEquals(dir.resolve("passwd"), saved.path());
        assertEquals(data.length, saved.size());
        assertEquals(sha256(data), saved.sha256());
        assertEquals("../../etc/passwd", saved.originalFilename());
        assertArrayEquals(data, Files.readAllBytes(saved.path()));
        assertEquals(List.of("passwd"), files(), "no temporary file left behind");
    }

    @Test
    void emptyUploadAndMissingNameAreFine() throws Exception {
        SavedUpload saved = UploadDirectory.builder(dir).build().save(InputStream.nullInputStream(), null);
        assertEquals(0, saved.size());
        assertEquals(sha256(new byte[0]), saved.sha256());
        assertTrue(saved.path().getFileName().toString().startsWith("upload-"), saved.path().toString());
    }

    @Test
    void takenNamesGetANumberBeforeTheExtension() throws Exception {
        UploadDirectory uploads = UploadDirectory.builder(dir).build();
        Files.writeString(dir.resolve("a.txt"), "first");
        Path second = uploads.save(stream("second"), "a.txt").path();
        Path third = uploads.save(stream("third"), "dir/a.txt").path();
        assertEquals(dir.resolve("a-1.txt"), second);
        assertEquals(dir.resolve("a-2.txt"), third);
        assertEquals("first", Files.readString(dir.resolve("a.txt")), "an existing file is never replaced");
        assertEquals("third", Files.readString(third));
        assertEquals("noext-1", UploadDirectory.numbered("noext", 1));
    }

    @Test
    void takenNameFailsWhenAskedTo() throws Exception {
        UploadDirectory uploads = UploadDirectory.builder(dir).onExisting(UploadDirectory.OnExisting.FAIL).build();
        Files.writeString(dir.resolve("a.txt"), "first");
        assertThrows(FileAlreadyExistsException.class, () -> uploads.save(stream("second"), "a.txt"));
        assertEquals(List.of("a.txt"), files(), "the temporary file is deleted");
        assertEquals("first", Files.readString(dir.resolve("a.txt")));
    }

    @Test
    void tooLargeIs413AndLeavesNothing() throws Exception {
        UploadDirectory uploads = UploadDirectory.builder(dir).maxSize(100_000).build();
        assertEquals(100_000, uploads.save(new ByteArrayInputStream(new byte[100_000]), "ok.bin").size());
        RequestBodyException e = assertThrows(RequestBodyException.class,
                () -> uploads.save(new ByteArrayInputStream(new byte[100_001]), "big.bin"));
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("larger than 100000 bytes"), e.getMessage());
        assertEquals(List.of("ok.bin"), files());
    }

    @Test
    void failingInputLeavesNothing() throws Exception {
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= 50_000) { // every read from here on fails, so the copy cannot go on
                    throw new RequestBodyException(0, "the client went away");
                }
                int n = Math.min(len, 50_000 - served);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                served += n;
                return n;
            }
        };
        // The size limit bounds the file even if the stream above were wrong.
        UploadDirectory uploads = UploadDirectory.builder(dir).maxSize(1 << 20).build();
        RequestBodyException e = assertThrows(RequestBodyException.class, () -> uploads.save(failing, "partial.txt"));
        assertEquals(0, e.status(), "the input's own failure passes through");
        assertEquals(List.of(), files());
    }

    @Test
    void aMissingDirectoryFailsClearly() {
        UploadDirectory uploads = UploadDirectory.builder(dir.resolve("missing")).build();
        assertThrows(java.nio.file.NoSuchFileException.class, () -> uploads.save(stream("x"), "x.txt"));
    }

    @Test
    void builderRefusesValuesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> UploadDirectory.builder(dir).maxSize(-1).build());
        assertThrows(IllegalArgumentException.class, () -> UploadDirectory.builder(dir).maxNameBytes(10).build());
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
