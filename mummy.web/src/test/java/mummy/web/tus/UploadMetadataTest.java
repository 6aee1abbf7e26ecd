package mummy.web.tus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UploadMetadataTest {

    @Test
    void theSpecificationsExampleParses() {
        String header = "filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential";
        UploadMetadata metadata = UploadMetadata.parse(header);
        assertEquals(List.of("filename", "is_confidential"), List.copyOf(metadata.keys()));
        assertEquals("world_domination_plan.pdf", metadata.text("filename"));
        assertArrayEquals(new byte[0], metadata.value("is_confidential"), "a key alone has an empty value");
        assertNull(metadata.text("missing"));
        assertEquals(header, metadata.header(), "kept as sent, for HEAD");
    }

    @Test
    void whitespaceAroundPairsAnEmptyValueWithItsSpaceAndUnpaddedBase64AreAccepted() {
        UploadMetadata metadata = UploadMetadata.parse(" a YWI= , b ,c YWI");
        assertEquals("ab", metadata.text("a"));
        assertEquals("", metadata.text("b"));
        assertEquals("ab", metadata.text("c"));
    }

    @Test
    void valuesAreBytesAndTextIsUtf8() {
        UploadMetadata metadata = UploadMetadata.parse("name w6lsw6hWZQ==,raw /wA=");
        assertEquals("élèVe", metadata.text("name"));
        assertArrayEquals(new byte[] {(byte) 0xFF, 0}, metadata.value("raw"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|Upload-Metadata has an empty pair: \"\"",
        "'a YQ==,,b'|Upload-Metadata has an empty pair: \"a YQ==,,b\"",
        "'a YQ==,'|Upload-Metadata has an empty pair: \"a YQ==,\"",
        "'a YQ==,a Yg=='|Upload-Metadata key \"a\" appears twice (keys MUST be unique)",
        "'a Y*Q='|Upload-Metadata value of \"a\" is not Base64",
        "'a Y'|Upload-Metadata value of \"a\" is not Base64",
        "'a YQ= extra'|Upload-Metadata value of \"a\" has a space",
        "'a  YQ=='|Upload-Metadata value of \"a\" has a space",
        "'ké YQ=='|Upload-Metadata key \"ké\" has a character other than visible ASCII",
    })
    void malformedHeadersAreRefusedWithTheReason(String header, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> UploadMetadata.parse(header));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void theEmptyMetadataHasNoHeader() {
        assertTrue(UploadMetadata.empty().isEmpty());
        assertEquals("", UploadMetadata.empty().header());
    }
}
