package mummy.io.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link HttpRequestParser} with Jazzer: any bytes, fed in any splits,
 * give requests or one {@link HttpParseException}, the same whichever way they are split.
 *
 * <p>On every test run this replays the inputs under
 * {@code src/test/resources/mummy/io/internal/http/HttpRequestParserFuzzTestInputs/<method>/}
 * (the seeds and every crash found so far); {@code bin/fuzz} runs it in fuzzing mode.
 *
 * <p>Input layout, as {@link FuzzedDataProvider} reads it: integers come off the end of the data,
 * so the last byte picks the limits, the byte before it the number of cuts (0 to 15), and two bytes
 * before that each cut; everything left at the front is what the client sends. A seed is therefore
 * a request followed by a few control bytes.
 */
class HttpRequestParserFuzzTest {

    /** Limits the fuzzer picks from: the defaults, and small ones it can run into quickly. */
    private static final HttpLimits[] LIMITS = {
        HttpLimits.defaults(),
        new HttpLimits(64, 128, 6, 256, 24),
        new HttpLimits(300, 600, 20, 4096, 40),
        new HttpLimits(32, 4096, 100, 1, 16),
    };

    private static final int MAX_CUTS = 15;
    /** Bytes around each presented range: a parser reading outside {@code [start, end)} sees CR or LF. */
    private static final int GUARD = 3;

    /**
     * What a parser made of some bytes.
     *
     * @param requests the requests returned, in order
     * @param status the status of the parse error, or 0 if none
     * @param tail the unconsumed bytes at the end; -1 after a parse error
     */
    record Outcome(List<ParsedRequest> requests, int status, int tail) {
    }

    /**
     * Whole and split feeds of the same bytes agree, and each stays within the parser's contract.
     * A hang is a finding too: replaying the corpus, JUnit stops an input after 10 s (in a separate
     * thread, so even a loop that never returns); fuzzing, {@code bin/fuzz} turns JUnit's timeouts
     * off and Jazzer hands the same 10 s to libFuzzer as its per-input {@code -timeout}.
     */
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    // libFuzzer's dictionary syntax: CR and LF are written \x0D and \x0A
    @DictionaryEntries({"HTTP/1.1", "HTTP/1.0", "\\x0D\\x0A", "\\x0D\\x0A\\x0D\\x0A", "Host: ", "Content-Length: ",
        "Transfer-Encoding: ", "chunked", "Connection: ", "close", "keep-alive", "Expect: ", "100-continue",
        "http://", "0\\x0D\\x0A\\x0D\\x0A", ";ext=", "%2F", "%00", "GET ", "POST ", "OPTIONS * "})
    @FuzzTest(maxDuration = "30s")
    void anyBytesInAnySplitsGiveTheSameRequestsOrTheSameStatus(FuzzedDataProvider data) {
        HttpLimits limits = LIMITS[data.consumeInt(0, LIMITS.length - 1)];
        int[] cuts = new int[data.consumeInt(0, MAX_CUTS)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeChar();
        }
        byte[] input = data.consumeRemainingAsBytes();
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] %= input.length + 1;
        }
        Arrays.sort(cuts);

        Outcome whole = feed(limits, input, new int[0]);
        Outcome split = feed(limits, input, cuts);
        assertEquals(whole, split, () -> "cut at " + Arrays.toString(cuts));
    }

    /** Feeds {@code input} to a new parser as the IO loop does, one read ending at each cut and one at the end. */
    static Outcome feed(HttpLimits limits, byte[] input, int[] cuts) {
        HttpRequestParser parser = new HttpRequestParser(limits);
        List<ParsedRequest> requests = new ArrayList<>();
        int maxTail = Math.max(limits.maxRequestLineLength(),
                Math.max(limits.maxHeadersLength(), limits.maxChunkLineLength())) - 1;
        int kept = 0;
        int[] reads = Arrays.copyOf(cuts, cuts.length + 1);
        reads[cuts.length] = input.length;
        try {
            for (int readEnd : reads) {
                kept += present(parser, limits, input, kept, readEnd, requests);
                assertTrue(readEnd - kept <= maxTail,
                        "unconsumed tail of " + (readEnd - kept) + " bytes, limit " + maxTail);
            }
        } catch (HttpParseException e) {
            assertTrue(e.status() >= 400 && e.status() <= 599, "status " + e.status());
            assertThrows(IllegalStateException.class, () -> parser.parse(input, 0, 0), "dead after a parse error");
            return new Outcome(requests, e.status(), -1);
        }
        return new Outcome(requests, 0, input.length - kept);
    }

    /**
     * Presents {@code input[from, to)} in a fresh array between guard bytes and calls the parser
     * while requests come back; returns how many bytes it consumed.
     */
    private static int present(HttpRequestParser parser, HttpLimits limits, byte[] input, int from, int to,
                               List<ParsedRequest> requests) throws HttpParseException {
        int length = to - from;
        byte[] buf = new byte[GUARD + length + GUARD];
        Arrays.fill(buf, 0, GUARD, (byte) '\r');
        Arrays.fill(buf, GUARD + length, buf.length, (byte) '\n');
        System.arraycopy(input, from, buf, GUARD, length);
        int pos = GUARD;
        int end = GUARD + length;
        // Each call either returns a request, having consumed at least one byte, or ends the read.
        for (int calls = 0; pos < end; calls++) {
            assertTrue(calls <= length, "more calls than bytes: the parser does not advance");
            ParsedRequest request = parser.parse(buf, pos, end);
            int used = parser.consumed();
            assertTrue(used >= 0 && used <= end - pos, "consumed " + used + " of " + (end - pos));
            pos += used;
            if (request == null) {
                break;
            }
            assertTrue(used > 0, "a request came back without consuming a byte");
            assertTrue(request.body().length <= limits.maxBodyLength(), "body over the limit");
            requests.add(request);
        }
        return pos - GUARD;
    }
}
