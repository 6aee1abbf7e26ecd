package mummy.io.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser's table driven three ways: the whole input in one call, the input split at every
 * byte into two calls and fed in small pieces, and invalid inputs that must fail with their
 * status whichever way they are split (limit errors as soon as the limit is known).
 */
class HttpRequestParserTableTest {

    static Stream<ParserCase> validCases() {
        return ValidCases.all().stream();
    }

    static Stream<ParserCase> invalidCases() {
        return Stream.concat(SyntaxErrorCases.all().stream(), StatusErrorCases.all().stream());
    }

    static Stream<ParserCase> limitCases() {
        return StatusErrorCases.all().stream().filter(c -> c.detectAt() >= 0);
    }

    @Test
    void tableHasMoreThanSixtyCasesWithUniqueNames() {
        List<String> names = Stream.concat(validCases(), invalidCases()).map(ParserCase::name).toList();
        assertTrue(names.size() > 60, names.size() + " cases");
        assertEquals(names.size(), names.stream().distinct().count(), "case names must be unique");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void validInputGivesItsRequestsFromOneCall(ParserCase c) throws HttpParseException {
        assertParsed(c, Feeder.whole(c.limits(), c.bytes()), "whole");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void validInputGivesTheSameRequestsWhereverItIsSplit(ParserCase c) throws HttpParseException {
        byte[] input = c.bytes();
        for (int at = 0; at <= input.length; at++) {
            assertParsed(c, Feeder.split(c.limits(), input, at), "split at " + at);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void validInputGivesTheSameRequestsFedInSmallPieces(ParserCase c) throws HttpParseException {
        for (int piece : new int[] {1, 2, 3, 7}) {
            assertParsed(c, Feeder.inPieces(c.limits(), c.bytes(), piece), "pieces of " + piece);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidInputFailsWithItsStatusFromOneCall(ParserCase c) {
        assertFails(c, () -> Feeder.whole(c.limits(), c.bytes()), "whole");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidInputFailsWithItsStatusWhereverItIsSplit(ParserCase c) {
        byte[] input = c.bytes();
        for (int at = 0; at <= input.length; at++) {
            int split = at;
            assertFails(c, () -> Feeder.split(c.limits(), input, split), "split at " + at);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidInputFailsWithItsStatusFedOneByteAtATime(ParserCase c) {
        assertFails(c, () -> Feeder.inPieces(c.limits(), c.bytes(), 1), "one byte at a time");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitCases")
    void limitErrorIsRaisedOnTheByteThatPassesTheLimit(ParserCase c) throws HttpParseException {
        byte[] known = Arrays.copyOf(c.bytes(), c.detectAt());
        Feeder feeder = new Feeder(c.limits());
        feeder.feed(known, 0, known.length - 1);
        assertTrue(feeder.requests().isEmpty());
        HttpParseException e = assertThrows(HttpParseException.class, () -> feeder.feed(known, known.length - 1, known.length));
        assertEquals(c.status(), e.status(), e.getMessage());
        for (int at = 0; at <= known.length; at++) {
            int split = at;
            assertFails(c, () -> Feeder.split(c.limits(), known, split), "prefix split at " + at);
        }
    }

    private static void assertParsed(ParserCase c, Feeder feeder, String how) {
        assertEquals(c.expected(), feeder.requests(), how);
        assertEquals(0, feeder.pendingLength(), how + ": bytes left unconsumed");
        assertTrue(feeder.parser().idle(), how + ": parser not idle after the last request");
    }

    private static void assertFails(ParserCase c, FeedAction action, String how) {
        try {
            Feeder feeder = action.run();
            fail(how + ": no failure, got " + feeder.requests() + " and " + feeder.pendingLength() + " bytes pending");
        } catch (HttpParseException e) {
            assertEquals(c.status(), e.status(), how + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface FeedAction {
        Feeder run() throws HttpParseException;
    }
}
