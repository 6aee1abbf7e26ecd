package mummy.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import mummy.api.WebSocketEvent.Message;
import org.junit.jupiter.api.Test;

/** A message's kind, its payload as bytes, and its text decoded once. */
class WebSocketEventMessageTest {

    private static final String TEXT = "Grüße 😀 κόσμε";
    private static final byte[] UTF8 = TEXT.getBytes(StandardCharsets.UTF_8);

    @Test
    void textFromBytesKeepsTheArrayAndDecodesItOnceOnDemand() {
        byte[] utf8 = UTF8.clone();
        Message message = Message.text(utf8);
        assertTrue(message.isText());
        assertSame(utf8, message.data(), "not copied");
        String text = message.asText();
        assertEquals(TEXT, text);
        assertSame(text, message.asText(), "the second call returns the decoded text, not a new decoding");
    }

    @Test
    void textFromStringCarriesItsUtf8AndGivesTheSameStringBack() {
        String text = new String(TEXT);
        Message message = Message.text(text);
        assertTrue(message.isText());
        assertArrayEquals(UTF8, message.data());
        assertSame(text, message.asText());
    }

    @Test
    void binaryIsNotTextAndKeepsItsArray() {
        byte[] data = {0, (byte) 0xff, 7};
        Message message = Message.binary(data);
        assertFalse(message.isText());
        assertSame(data, message.data());
    }

    @Test
    void malformedTextBytesDecodeToReplacementCharacters() {
        assertEquals("a\uFFFDb", Message.text(new byte[] {'a', (byte) 0xff, 'b'}).asText());
    }

    @Test
    void messagesAreEqualByKindAndPayloadWhetherDecodedOrNot() {
        Message fromBytes = Message.text(UTF8.clone());
        Message fromString = Message.text(TEXT);
        assertEquals(fromString, fromBytes);
        assertEquals(fromString.hashCode(), fromBytes.hashCode());
        fromBytes.asText();
        assertEquals(fromString, fromBytes, "the cached text is not part of the value");
        assertEquals(fromString.hashCode(), fromBytes.hashCode());
        assertNotEquals(Message.binary(UTF8.clone()), fromBytes, "same bytes, other kind");
        assertNotEquals(Message.text("other"), fromBytes);
    }

    @Test
    void toStringNamesKindAndLengthNotThePayload() {
        assertEquals("Message[text, " + UTF8.length + " bytes]", Message.text(TEXT).toString());
        assertEquals("Message[binary, 3 bytes]", Message.binary(new byte[3]).toString());
    }

    @Test
    void missingPayloadIsRejected() {
        assertThrows(NullPointerException.class, () -> Message.text((String) null));
        assertThrows(NullPointerException.class, () -> Message.text((byte[]) null));
        assertThrows(NullPointerException.class, () -> Message.binary(null));
    }
}
