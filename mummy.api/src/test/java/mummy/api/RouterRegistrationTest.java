package mummy.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the builder accepts, and how it explains what it rejects. */
class RouterRegistrationTest {

    /** A handler that answers 200 with its name (what it answers is tested in mummy.testing). */
    private static RequestHandler tag(String name) {
        return request -> request.respond(200, name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``               | it must start with "/"
            users            | it must start with "/"
            **               | it must start with "/"
            /a//b            | segment 2 is empty ("//")
            //               | segment 1 is empty ("//")
            /a/@             | segment 2 is "@" without a parameter name
            /a/@id/b/@id     | parameter name "id" is used twice
            /a/@id.json      | parameter name "id.json" in segment 2 has '.'
            /a/**b           | "**" must be a whole segment, but segment 2 is "**b"
            /a/***           | "**" must be a whole segment, but segment 2 is "***"
            /a?x=1           | '?' at index 2 is not allowed; a pattern matches the path only
            /a#top           | '#' at index 2 is not allowed
            `/a b`           | whitespace or control character U+0020 at index 2
            """)
    void invalidPatternIsRejectedNamingThePatternAndTheFault(String pattern, String fault) {
        Router.Builder builder = Router.builder();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> builder.get(pattern, tag("x")));

        String message = error.getMessage();
        assertTrue(message.startsWith("invalid route pattern \"" + pattern + "\": "), message);
        assertTrue(message.contains(fault), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a/", "*", "/@id", "/**", "/**/**", "/a/**/b/**/c", "/user@host", "/*.tar.gz",
        "/x*y*z", "/@user_name-2", "/%40literal", "/é"})
    void validPatternIsAccepted(String pattern) {
        assertDoesNotThrow(() -> Router.builder().get(pattern, tag("x")).build());
    }

    @Test
    void controlCharacterInPatternIsNamedByCodePoint() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Router.builder().get("/a\tb", tag("x")));

        assertTrue(error.getMessage().contains("U+0009 at index 2"), error.getMessage());
    }

    @Test
    void methodThatIsNotATokenIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Router.builder().route("GE T", "/a", tag("x")));

        assertEquals("not a valid method token (RFC 9110 9.1): \"GE T\" for route pattern \"/a\"", error.getMessage());
    }

    @Test
    void sameMethodAndPatternTwiceIsRejectedButOtherMethodsMayShareIt() {
        Router.Builder builder = Router.builder().get("/a/@id", tag("get")).post("/a/@id", tag("post"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> builder.get("/a/@id", tag("again")));

        assertEquals("route GET /a/@id is already registered; the second one could never match", error.getMessage());
    }

    @Test
    void nullArgumentsAreRejectedAtOnce() {
        Router.Builder builder = Router.builder();

        assertThrows(NullPointerException.class, () -> builder.get(null, tag("x")));
        assertThrows(NullPointerException.class, () -> builder.get("/a", null));
        assertThrows(NullPointerException.class, () -> builder.route(null, "/a", tag("x")));
        assertThrows(NullPointerException.class, () -> builder.notFound(null));
        assertThrows(NullPointerException.class, () -> builder.methodNotAllowed(null));
        assertThrows(NullPointerException.class, () -> builder.onError(null));
    }

    @Test
    void compiledPatternKnowsItsParameterNamesInOrder() {
        assertEquals(List.of("user", "post"), RoutePattern.compile("/@user/posts/@post/*.json").paramNames());
    }
}
