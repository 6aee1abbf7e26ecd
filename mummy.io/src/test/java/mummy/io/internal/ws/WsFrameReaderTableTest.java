package mummy.io.internal.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frame reader's table driven three ways: the whole input in one call, the input split into
 * two calls at every byte, and one byte at a time; invalid inputs must fail with their close code
 * however they are split, and on the byte that makes them invalid.
 *
 * <p>For inputs over {@value #ALL_SPLITS_UP_TO} bytes (the 64 KiB payloads) the split points are
 * every byte of the first and last 64 and every 509th byte in between: the header and the frame
 * boundaries are where splits matter, and every point of a 64 KiB input would take minutes.
 */
class WsFrameReaderTableTest {

    static final int ALL_SPLITS_UP_TO = 4096;

    static Stream<FrameCase> validCases() {
        return FrameCases.valid().stream();
    }

    static Stream<FrameCase> invalidCases() {
        return FrameCases.invalid().stream();
    }

    @Test
    void tableHasMoreThanFortyCasesWithUniqueNames() {
        List<String> names = Stream.concat(validCases(), invalidCases()).map(FrameCase::name).toList();
        assertTrue(names.size() > 40, names.size() + " cases");
        assertEquals(names.size(), names.stream().distinct().count(), "case names must be unique");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void validInputGivesItsFramesFromOneCall(FrameCase c) throws WsProtocolException {
        assertRead(c, FrameFeeder.whole(c, c.input()), "whole");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void validInputGivesTheSameFramesWhereverItIsSplit(FrameCase c) throws WsProtocolException {
        for (int at : splitPoints(c.input().length).toArray()) {
            assertRead(c, FrameFeeder.split(c, c.input(), at), "split at " + at);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void validInputGivesTheSameFramesFedOneByteAtATime(FrameCase c) throws WsProtocolException {
        assertRead(c, FrameFeeder.inPieces(c, c.input(), 1), "one byte at a time");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void validInputGivesTheSameFramesFedInOddPieces(FrameCase c) throws WsProtocolException {
        for (int piece : new int[] {2, 3, 7, 13, 1000}) {
            assertRead(c, FrameFeeder.inPieces(c, c.input(), piece), "pieces of " + piece);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidInputFailsWithItsCloseCodeFromOneCall(FrameCase c) {
        assertFails(c, () -> FrameFeeder.whole(c, c.input()), "whole");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidInputFailsWithItsCloseCodeWhereverItIsSplit(FrameCase c) {
        for (int at : splitPoints(c.input().length).toArray()) {
            int split = at;
            assertFails(c, () -> FrameFeeder.split(c, c.input(), split), "split at " + at);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidInputFailsWithItsCloseCodeFedOneByteAtATime(FrameCase c) {
        assertFails(c, () -> FrameFeeder.inPieces(c, c.input(), 1), "one byte at a time");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidInputFailsOnTheByteThatMakesItInvalid(FrameCase c) throws WsProtocolException {
        byte[] known = Arrays.copyOf(c.input(), c.detectAt());
        FrameFeeder feeder = new FrameFeeder(c.reader());
        feeder.feed(known, 0, known.length - 1);
        WsProtocolException e = assertThrows(WsProtocolException.class,
                () -> feeder.feed(known, known.length - 1, known.length));
        assertEquals(c.closeCode(), e.closeCode(), e.getMessage());
        for (int at = 0; at <= known.length; at++) {
            int split = at;
            assertFails(c, () -> FrameFeeder.split(c, known, split), "prefix split at " + at);
        }
    }

    static IntStream splitPoints(int length) {
        if (length <= ALL_SPLITS_UP_TO) {
            return IntStream.rangeClosed(0, length);
        }
        return IntStream.concat(IntStream.concat(IntStream.rangeClosed(0, 64), IntStream.iterate(65, i -> i < length - 64, i -> i + 509)),
                IntStream.rangeClosed(length - 64, length));
    }

    private static void assertRead(FrameCase c, FrameFeeder feeder, String how) {
        assertEquals(c.expected(), feeder.frames(), how);
        assertEquals(0, feeder.pendingLength(), how + ": bytes left unconsumed");
    }

    private static void assertFails(FrameCase c, FeedAction action, String how) {
        try {
            FrameFeeder feeder = action.run();
            fail(how + ": no failure, got " + feeder.frames() + " and " + feeder.pendingLength() + " bytes pending");
        } catch (WsProtocolException e) {
            assertEquals(c.closeCode(), e.closeCode(), how + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface FeedAction {
        FrameFeeder run() throws WsProtocolException;
    }
}
