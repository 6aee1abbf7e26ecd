package mummy.web.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumTest {

    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theSpecificationsSha1ExampleMatchesHelloWorld() {
        Checksum checksum = Checksum.parse("sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=");
        assertEquals(Checksum.Algorithm.SHA1, checksum.algorithm());
        assertTrue(checksum.matches(digest(checksum, HELLO)));
        assertFalse(checksum.matches(digest(checksum, "hello World".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void sha256IsSupported() {
        Checksum checksum = Checksum.parse("sha256 uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=");
        assertEquals(Checksum.Algorithm.SHA256, checksum.algorithm());
        assertTrue(checksum.matches(digest(checksum, HELLO)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "md5 XrY7u+Ae7tCTyyK7j1rNww==|unsupported Upload-Checksum algorithm \"md5\"; supported: sha1,sha256",
        "SHA1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=|unsupported Upload-Checksum algorithm \"SHA1\"",
        "sha1|Upload-Checksum must be \"<algorithm> <Base64 digest>\"",
        "sha1 Kq5s*clPz7QV2+lfQIuc6R7oRu0=|Upload-Checksum digest is not Base64",
        "sha1 uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=|Upload-Checksum sha1 digest has 32 bytes, expected 20",
    })
    void badHeadersAreRefusedWithTheReason(String header, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Checksum.parse(header));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    private static byte[] digest(Checksum checksum, byte[] data) {
        MessageDigest digest = checksum.newDigest();
        digest.update(data);
        return digest.digest();
    }
}
