package mummy.io.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Range grammar of RFC 9110 14.1.1, resolution (14.1.2), coalescing, and entity-tag lists (8.8.3). */
class ByteRangesTest {

    private static final long LENGTH = 10_000;

    /** The ranges as "first-last first-last ...", "416" or "200". */
    private static String resolved(String value, long length) {
        return switch (ByteRanges.resolve(value, length)) {
            case ByteRanges.Outcome.Ignore ignore -> "200";
            case ByteRanges.Outcome.Unsatisfiable unsatisfiable -> "416";
            case ByteRanges.Outcome.Satisfiable satisfiable -> String.join(" ", satisfiable.ranges().stream()
                    .map(range -> range.first() + "-" + range.last()).toList());
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bytes=0-499                  | 0-499
            bytes=500-999                | 500-999
            bytes=-500                   | 9500-9999
            bytes=9500-                  | 9500-9999
            bytes=0-0,-1                 | 0-0 9999-9999
            bytes=500-600,601-999        | 500-999
            bytes=500-700,601-999        | 500-999
            bytes=, 0-1 ,,               | 0-1
            bytes=-0                     | 416
            bytes=10000-                 | 416
            bytes=0-99999999999999999999 | 0-9999
            bytes=-99999999999999999999  | 0-9999
            bytes=5000-5000,0-0,5001-5001| 5000-5001 0-0
            bytes=1000-1999,0-99,100-999 | 0-1999
            bytes=0-10,90-100            | 0-100
            bytes=0-10,91-100            | 0-10 91-100
            bytes=500-100                | 200
            bytes=+1-2                   | 200
            bytes=1 - 2                  | 200
            bytes=1-2;x                  | 200
            bytes=                       | 200
            bytes                        | 200
            pages=1-2                    | 200
            """)
    void resolvesAgainstTenThousandBytes(String value, String expected) {
        assertEquals(expected, resolved(value, LENGTH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-0", "bytes=-1"})
    void emptyRepresentationIgnoresRanges(String value) {
        assertInstanceOf(ByteRanges.Outcome.Ignore.class, ByteRanges.resolve(value, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 33})
    void moreThan32RangeSpecsAreIgnored(int count) {
        StringBuilder value = new StringBuilder("bytes=");
        for (int i = 0; i < count; i++) {
            value.append(i * 200).append('-').append(i * 200).append(',');
        }
        assertEquals(count <= ByteRanges.MAX_RANGE_SPECS ? count : 1,
                resolved(value.toString(), LENGTH).equals("200") ? 1 : resolved(value.toString(), LENGTH).split(" ").length);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "a"                 | "a"
            "a", W/"b"          | "a" W/"b"
            "a,b"  ,"c"         | "a,b" "c"
            W/"x"               | W/"x"
            a                   |
            "a                  |
            "a"b                |
            ""                  | ""
            """)
    void entityTagListsParse(String list, String expected) {
        List<String> tags = Preconditions.parseTags(list);
        if (expected == null) {
            assertNull(tags, list);
        } else {
            assertEquals(expected, String.join(" ", tags));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Sun, 06 Nov 1994 08:49:37 GMT  | 784111777
            Sunday, 06-Nov-94 08:49:37 GMT | 784111777
            Sun Nov  6 08:49:37 1994       | 784111777
            Mon, 06 Nov 1994 08:49:37 GMT  | -9223372036854775808
            06 Nov 1994 08:49:37 GMT       | -9223372036854775808
            """)
    void httpDatesInAllThreeForms(String value, long epochSecond) {
        assertEquals(epochSecond, HttpDates.parse(value));
        if (epochSecond != Long.MIN_VALUE) {
            assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(epochSecond));
        }
    }
}
