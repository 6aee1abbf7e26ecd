package mummy.web.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The sanitising rules of {@link FileNames}, one client name per row. */
class FileNamesTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
        "report.pdf => report.pdf",
        "../../etc/passwd => passwd",
        "..\\..\\windows\\system.ini => system.ini",
        "C:\\x\\a.txt => a.txt",
        "/absolute/path/file.txt => file.txt",
        "C:a.txt => C_a.txt",
        ".hidden => hidden",
        "...dots... => dots",
        "'  spaced name.txt  ' => spaced name.txt",
        "trailing.dot. => trailing.dot",
        "a<b>c:d\"e|f?g*h.txt => a_b_c_d_e_f_g_h.txt",
        "CON => _CON",
        "nul.txt => _nul.txt",
        "com1.tar.gz => _com1.tar.gz",
        "console.txt => console.txt",
        "résumé 履歴書.pdf => résumé 履歴書.pdf",
        "photo.jpg:Zone.Identifier => photo.jpg_Zone.Identifier",
    })
    void sanitises(String clientName, String expected) {
        assertEquals(expected, FileNames.sanitize(clientName));
    }

    @Test
    void controlAndInvisibleCharactersAreRemoved() {
        assertEquals("ab.txt", FileNames.sanitize("a\u0000\r\n\tb\u007f\u0085.txt"));
        assertEquals("invoicetxt.exe", FileNames.sanitize("invoice\u202Etxt.exe"), "no right-to-left override");
        assertEquals("e\u0301".length(), 2);
        assertEquals("\u00e9.txt", FileNames.sanitize("e\u0301.txt"), "normalised to NFC");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", "/", "../", "C:\\", "\u0000\u0001", " . ", "\u202E"})
    void nothingLeftGivesAGeneratedName(String clientName) {
        String name = FileNames.sanitize(clientName);
        assertTrue(name.matches("upload-[0-9a-f]{16}"), name);
    }

    @Test
    void longNamesAreCutInBytesKeepingTheExtension() {
        String cut = FileNames.sanitize("a".repeat(500) + ".tar.gz");
        assertEquals(FileNames.DEFAULT_MAX_BYTES, cut.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(cut.endsWith("a.gz"), cut);
        String wide = FileNames.sanitize("履".repeat(300) + ".txt", 64);
        assertTrue(wide.getBytes(StandardCharsets.UTF_8).length <= 64, wide);
        assertTrue(wide.endsWith("履.txt"), "cut on a character boundary: " + wide);
        String hugeExtension = FileNames.sanitize("x." + "e".repeat(300));
        assertEquals(FileNames.DEFAULT_MAX_BYTES, hugeExtension.getBytes(StandardCharsets.UTF_8).length,
                "an extension too long to keep is cut with the rest");
        String emoji = FileNames.sanitize("\uD83D\uDE00".repeat(100), 33);
        assertEquals(32, emoji.getBytes(StandardCharsets.UTF_8).length, "no half surrogate pair: " + emoji);
    }

    @Test
    void aTooSmallLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FileNames.sanitize("a", 31));
    }
}
