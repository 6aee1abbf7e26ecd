package mummy.io.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the parser's table: an input and either the requests it must give or the status it
 * must fail with.
 *
 * @param name what the case shows, shown as the test's display name
 * @param input the bytes, one per char (ISO-8859-1)
 * @param limits the limits to parse with
 * @param expected the requests, in order; empty for an invalid input
 * @param status the status of the expected failure; 0 for a valid input
 * @param detectAt for limit errors, the number of leading bytes after which the failure must be
 *     raised (and not one byte earlier); -1 when not checked
 */
record ParserCase(String name, String input, HttpLimits limits, List<ParsedRequest> expected, int status,
                  int detectAt) {

    static ParserCase valid(String name, String input, ExpectedRequest... expected) {
        return valid(name, HttpLimits.defaults(), input, expected);
    }

    static ParserCase valid(String name, HttpLimits limits, String input, ExpectedRequest... expected) {
        return new ParserCase(name, input, limits,
                Arrays.stream(expected).map(ExpectedRequest::build).toList(), 0, -1);
    }

    static ParserCase invalid(String name, int status, String input) {
        return new ParserCase(name, input, HttpLimits.defaults(), List.of(), status, -1);
    }

    static ParserCase limit(String name, int status, HttpLimits limits, String input, int detectAt) {
        return new ParserCase(name, input, limits, List.of(), status, detectAt);
    }

    /** A head: the lines joined and ended with CRLF, then the empty line. */
    static String head(String... lines) {
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    byte[] bytes() {
        return input.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return name;
    }
}
