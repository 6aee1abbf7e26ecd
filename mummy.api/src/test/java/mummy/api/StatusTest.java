package mummy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link Status}: its constants against the IANA registry, phrases, classes and bounds. */
class StatusTest {

    /** The IANA registry's codes and phrases, plus 418; 306 "(Unused)" and the temporary 104 left out. */
    private static final Map<Integer, String> REGISTRY = new TreeMap<>(Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(101, "Switching Protocols"), Map.entry(102, "Processing"),
            Map.entry(103, "Early Hints"),
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(203, "Non-Authoritative Information"), Map.entry(204, "No Content"),
            Map.entry(205, "Reset Content"), Map.entry(206, "Partial Content"), Map.entry(207, "Multi-Status"),
            Map.entry(208, "Already Reported"), Map.entry(226, "IM Used"),
            Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(305, "Use Proxy"),
            Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Range Not Satisfiable"),
            Map.entry(417, "Expectation Failed"), Map.entry(418, "I'm a teapot"),
            Map.entry(421, "Misdirected Request"), Map.entry(422, "Unprocessable Content"), Map.entry(423, "Locked"),
            Map.entry(424, "Failed Dependency"), Map.entry(425, "Too Early"), Map.entry(426, "Upgrade Required"),
            Map.entry(428, "Precondition Required"), Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(451, "Unavailable For Legal Reasons"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"),
            Map.entry(505, "HTTP Version Not Supported"), Map.entry(506, "Variant Also Negotiates"),
            Map.entry(507, "Insufficient Storage"), Map.entry(508, "Loop Detected"), Map.entry(510, "Not Extended"),
            Map.entry(511, "Network Authentication Required")));

    /** The values of Status's public static final int fields, by field name. */
    private static Map<String, Integer> constants() throws IllegalAccessException {
        Map<String, Integer> constants = new TreeMap<>();
        for (Field field : Status.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && field.getType() == int.class) {
                constants.put(field.getName(), field.getInt(null));
            }
        }
        return constants;
    }

    @Test
    void everyConstantIsRegisteredWithItsRegistryPhrase() throws IllegalAccessException {
        Map<String, Integer> constants = constants();
        assertEquals(REGISTRY.size(), constants.size(), constants.toString());
        for (Map.Entry<String, Integer> constant : constants.entrySet()) {
            int code = constant.getValue();
            assertTrue(Status.isRegistered(code), constant.getKey());
            assertEquals(REGISTRY.get(code), Status.reasonPhrase(code), constant.getKey());
        }
    }

    @Test
    void everyRegisteredCodeHasExactlyOneConstant() throws IllegalAccessException {
        List<Integer> values = constants().values().stream().sorted().toList();
        assertEquals(List.copyOf(REGISTRY.keySet()), values);
        for (int code = -1000; code < 1000; code++) {
            assertEquals(REGISTRY.containsKey(code), Status.isRegistered(code), Integer.toString(code));
        }
    }

    @Test
    void constantsAreNamedAsRfc9110NamesThem() {
        assertEquals(200, Status.OK);
        assertEquals(404, Status.NOT_FOUND);
        assertEquals(413, Status.CONTENT_TOO_LARGE);
        assertEquals(418, Status.IM_A_TEAPOT);
        assertEquals(422, Status.UNPROCESSABLE_CONTENT);
        assertEquals(505, Status.HTTP_VERSION_NOT_SUPPORTED);
    }

    @Test
    void unregisteredCodesGetTheirClassPhrase() {
        assertEquals("Informational", Status.reasonPhrase(104));
        assertEquals("Informational", Status.reasonPhrase(199));
        assertEquals("Success", Status.reasonPhrase(299));
        assertEquals("Redirection", Status.reasonPhrase(306));
        assertEquals("Client Error", Status.reasonPhrase(460));
        assertEquals("Client Error", Status.reasonPhrase(499));
        assertEquals("Server Error", Status.reasonPhrase(509));
        assertEquals("Server Error", Status.reasonPhrase(599));
        assertFalse(Status.isRegistered(306));
        assertFalse(Status.isRegistered(599));
    }

    @Test
    void everyCodeFrom100To599HasAPhraseAStatusLineMayCarry() {
        for (int code = 100; code <= 599; code++) {
            String phrase = Status.reasonPhrase(code);
            assertFalse(phrase.isEmpty(), Integer.toString(code));
            // RFC 9112 4: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ); ASCII here.
            assertTrue(phrase.chars().allMatch(c -> c == ' ' || (c > 0x20 && c < 0x7f)), phrase);
        }
    }

    @Test
    void codesOutside100To599AreRefused() {
        for (int code : new int[] {Integer.MIN_VALUE, -200, -1, 0, 1, 99, 600, 999, 1000, Integer.MAX_VALUE}) {
            IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                    () -> Status.reasonPhrase(code));
            assertEquals("not an HTTP status code (100 to 599): " + code, refusal.getMessage());
            assertFalse(Status.isRegistered(code));
        }
    }

    @Test
    void classesFollowTheFirstDigit() {
        for (int code = -1000; code < 1000; code++) {
            int first = code >= 100 && code <= 599 ? code / 100 : 0;
            assertEquals(first == 1, Status.isInformational(code), Integer.toString(code));
            assertEquals(first == 2, Status.isSuccess(code), Integer.toString(code));
            assertEquals(first == 3, Status.isRedirection(code), Integer.toString(code));
            assertEquals(first == 4, Status.isClientError(code), Integer.toString(code));
            assertEquals(first == 5, Status.isServerError(code), Integer.toString(code));
        }
    }
}
