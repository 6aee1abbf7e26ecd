package mummy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mummy.api.internal.TrustedHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public way to make header fields refuses what could not go on the wire as it is (RFC 9110
 * 5.1 names, 5.5 values), and the one way that skips the checks is not open to applications.
 */
class HttpHeadersValidationTest {

    /** The public ways to make headers with one field. */
    private static final List<Way> WAYS = List.of(
            new Way("of", (name, value) -> HttpHeaders.of(name, value)),
            new Way("with", (name, value) -> HttpHeaders.empty().with(name, value)),
            new Way("Builder.add", (name, value) -> HttpHeaders.builder().add(name, value).build()),
            new Way("Builder.set", (name, value) -> HttpHeaders.builder().set(name, value).build()));

    private record Way(String name, BiFunction<String, String, HttpHeaders> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badValues() {
        List<String> values = List.of(
                "a\r\nSet-Cookie: injected=1",
                "a\nSet-Cookie: injected=1",
                "a\rb",
                "a\u0000b",
                "a\u0001b",
                "a\u001fb",
                "a\u007fb",
                // Cut to their low bytes, these two would be CR LF.
                "a\u010d\u010aSet-Cookie: injected=1",
                "\u65e5\u672c",
                "\ud83d\ude00");
        return WAYS.stream().flatMap(way -> values.stream().map(value -> Arguments.of(way, value)));
    }

    @ParameterizedTest(name = "{0} refuses {index}")
    @MethodSource("badValues")
    void aValueWithALineBreakControlOrCharAboveFfIsRefused(Way way, String value) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> way.make().apply("X-A", value));
        String message = error.getMessage();
        assertTrue(message.contains("X-A") && message.contains("RFC 9110 5.5"), message);
    }

    static Stream<Arguments> goodValues() {
        List<String> values = List.of("", "plain", "a\tb", " spaced out ", "caf\u00e9", "\u0080\u00ff", "!\"#~");
        return WAYS.stream().flatMap(way -> values.stream().map(value -> Arguments.of(way, value)));
    }

    @ParameterizedTest(name = "{0} keeps {1}")
    @MethodSource("goodValues")
    void htabSpVisibleAsciiAndObsTextAreKeptAsGiven(Way way, String value) {
        HttpHeaders headers = way.make().apply("X-A", value);
        assertEquals(value, headers.get("x-a"));
    }

    static Stream<Arguments> badNames() {
        List<String> names = List.of("", "X A", "X-A:", "X\r\nY", "(x)", "caf\u00e9", "X\u0000");
        return WAYS.stream().flatMap(way -> names.stream().map(name -> Arguments.of(way, name)));
    }

    @ParameterizedTest(name = "{0} refuses name {index}")
    @MethodSource("badNames")
    void aNameThatIsNotATokenIsRefused(Way way, String name) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> way.make().apply(name, "v"));
        assertTrue(error.getMessage().contains("RFC 9110 5.1"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat v2", "chat,superchat", "", "caf\u00e9", "a\r\nb"})
    void aSubprotocolThatIsNotATokenIsRefused(String subprotocol) {
        assertThrows(IllegalArgumentException.class, () -> WebSocketOptions.subprotocols("chat", subprotocol));
    }

    @Test
    void theOnlyPublicFactoriesAreTheCheckedOnes() {
        Set<String> factories = Arrays.stream(HttpHeaders.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == HttpHeaders.class)
                .map(Method::getName)
                .collect(Collectors.toSet());
        assertEquals(Set.of("empty", "of"), factories, "a new public factory must check its fields, as of does");
    }

    @Test
    void theTrustedFactoryIsExportedToTheServerAlone() {
        ModuleDescriptor descriptor = HttpHeaders.class.getModule().getDescriptor();
        ModuleDescriptor.Exports internal = descriptor.exports().stream()
                .filter(e -> e.source().equals("mummy.api.internal")).findFirst().orElseThrow();
        assertEquals(Set.of("mummy.io"), internal.targets());
        assertEquals(Set.of("mummy.api", "mummy.api.spi", "mummy.api.internal"),
                descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    @Test
    void theTrustedFactoryWrapsWithoutCopying() {
        String[] fields = {"X-A", "a"};
        HttpHeaders headers = TrustedHeaders.of(fields);
        assertEquals("a", headers.get("X-A"));
        fields[1] = "changed";
        assertEquals("changed", headers.get("X-A"), "the array is the caller's promise, not copied");
        assertSame(HttpHeaders.empty(), TrustedHeaders.of(new String[0]));
        assertThrows(IllegalStateException.class, () -> TrustedHeaders.setFactory(array -> null),
                "HttpHeaders set the factory already, and it cannot be replaced");
    }
}
