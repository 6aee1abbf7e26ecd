package mummy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code Cookie} field read leniently, as browsers send it (RFC 6265 4.2.1). */
class CookieHeaderTest {

    private static String parse(String... fields) {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        for (String field : fields) {
            headers.add("Cookie", field);
        }
        return CookieHeader.parse(headers.build()).toString();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "a=1; b=2                  | Parameters[a=1, b=2]",
        "a=1;b=2                   | Parameters[a=1, b=2]",
        "'  a = 1 ;\tb=2\t'        | Parameters[a=1, b=2]",
        "a=\"quoted value\"        | Parameters[a=quoted value]",
        "a=\"\"                    | Parameters[a=]",
        "a=\"half                  | Parameters[a=\"half]",
        "a=in\"side\"              | Parameters[a=in\"side\"]",
        "a=\"                      | Parameters[a=\"]",
        "token=YQ==; x=a=b         | Parameters[token=YQ==, x=a=b]",
        "a=                        | Parameters[a=]",
        "flag; a=1                 | Parameters[a=1]",
        "=orphan; a=1              | Parameters[a=1]",
        "a=1;;; ;b=2;              | Parameters[a=1, b=2]",
        "a=%41%20                  | Parameters[a=%41%20]",
        "a[0]=x; a[1]=y            | Parameters[a[0]=x, a[1]=y]",
        "s=caf\u00c3\u00a9         | Parameters[s=caf\u00c3\u00a9]",
    })
    void oneFieldIsSplitIntoPairs(String field, String expected) {
        assertEquals(expected, parse(field.strip()));
    }

    @Test
    void everyFieldCountsAndRepeatedNamesAreKeptInOrder() {
        Parameters cookies = CookieHeader.parse(HttpHeaders.of("Cookie", "id=deep; theme=dark", "Accept", "*/*",
                "Cookie", "id=shallow"));
        assertEquals("deep", cookies.get("id"));
        assertEquals(List.of("deep", "shallow"), cookies.all("id"));
        assertEquals(3, cookies.size());
    }

    @Test
    void noCookieFieldIsNoCookies() {
        assertEquals(Parameters.empty(), CookieHeader.parse(HttpHeaders.of("Accept", "*/*")));
        assertEquals(Parameters.empty(), CookieHeader.parse(HttpHeaders.of("Cookie", "")));
    }
}
