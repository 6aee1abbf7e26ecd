package mummy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a request-target becomes the decoded segments the router matches. */
class RequestPathTest {

    /** The segments joined with " | " and each one bracketed, so empty segments show. */
    private static String segments(String target) {
        RequestPath path = RequestPath.of(target);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            segments.add("[" + path.segment(i) + "]");
        }
        return String.join(" ", segments);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /                               | []
            /a/b                            | [a] [b]
            /a/                             | [a] []
            //a                             | [] [a]
            /a/b?x=/c/d                     | [a] [b]
            /a#frag/b                       | [a]
            /a%2Fb/c                        | [a/b] [c]
            /a+b%20c                        | [a+b c]
            /caf%C3%A9                      | [café]
            /100%                           | [100%]
            http://example.com/a/b?x        | [a] [b]
            https://u@example.com:8443/a/   | [a] []
            http://example.com              | []
            http://example.com?next=/a/b    | []
            http://example.com#/a           | []
            """)
    void targetIsSplitOnSlashesThenEachSegmentDecoded(String target, String expected) {
        assertEquals(expected, segments(target));
        assertFalse(RequestPath.of(target).isAsterisk());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com:443", "urn:isbn:123", "a/b", "1http://x/a", ":/a"})
    void targetWithoutARoutablePathHasNoSegments(String target) {
        assertEquals(0, RequestPath.of(target).size());
        assertFalse(RequestPath.of(target).isAsterisk());
    }

    @Test
    void asteriskTargetIsMarkedAndHasNoSegments() {
        assertTrue(RequestPath.of("*").isAsterisk());
        assertEquals(0, RequestPath.of("*").size());
    }
}
