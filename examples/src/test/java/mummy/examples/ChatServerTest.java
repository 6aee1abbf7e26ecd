package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How ChatServer tidies names and lines before it broadcasts them. */
class ChatServerTest {

    @Test
    void controlCharactersBecomeSpacesAndEndsAreTrimmed() {
        assertEquals("alice  says hi", ChatServer.clean(" alice\n says\thi\r", 100));
        assertEquals("a b", ChatServer.clean("a\u0000b", 100));
    }

    @Test
    void longTextIsCutButNotInsideASurrogatePair() {
        assertEquals("abc", ChatServer.clean("abcdef", 3));
        assertEquals("ab", ChatServer.clean("ab😀", 3), "the emoji's two chars do not fit in 3");
        assertEquals("ab😀", ChatServer.clean("ab😀x", 4));
    }
}
