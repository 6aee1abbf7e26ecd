package mummy.json.jackson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mummy.api.GenericType;
import mummy.api.MalformedJsonException;
import mummy.api.spi.JsonCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;

/** The codec alone: what it reads and writes, and the one-line messages of what it refuses. */
class JacksonJsonCodecTest {

    /** A body type as applications write them. */
    public record Todo(long id, String title, boolean done, List<String> tags) {
        /** Validation in the record itself: a failure here is the client's fault too. */
        public Todo {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("title is blank");
            }
        }
    }

    /** A type Jackson cannot construct: abstract, with no concrete type mapped to it. */
    public interface Unconstructible {
    }

    /** A bean whose property cannot be read. */
    public static final class Unwritable {
        /**
         * Fails as a broken getter would.
         *
         * @return never
         */
        public String getName() {
            throw new IllegalStateException("broken getter");
        }
    }

    private final JacksonJsonCodec codec = new JacksonJsonCodec();

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String refusal(String body, java.lang.reflect.Type type) {
        return assertThrows(MalformedJsonException.class, () -> codec.decode(json(body), type)).getMessage();
    }

    @Test
    void moduleProvidesTheCodec() {
        Module module = JacksonJsonCodec.class.getModule();
        assertTrue(module.isNamed(), "runs on the module path");
        assertEquals(List.of(JacksonJsonCodec.class.getName()), module.getDescriptor().provides().stream()
                .filter(provides -> provides.service().equals(JsonCodec.class.getName()))
                .flatMap(provides -> provides.providers().stream()).toList());
    }

    @Test
    void recordsAreReadAndWrittenWithoutAnnotations() {
        Todo todo = new Todo(7, "Buy milk", false, List.of("home"));
        byte[] written = codec.encode(todo);
        assertEquals("{\"id\":7,\"title\":\"Buy milk\",\"done\":false,\"tags\":[\"home\"]}",
                new String(written, StandardCharsets.UTF_8));
        assertEquals(todo, codec.decode(written, Todo.class));
    }

    @Test
    void genericTypesKeepTheirTypeArguments() {
        Object todos = codec.decode(json("[{\"id\":1,\"title\":\"a\",\"done\":true,\"tags\":[]}]"),
                new GenericType<List<Todo>>() { }.type());
        assertEquals(List.of(new Todo(1, "a", true, List.of())), todos);
        Object counts = codec.decode(json("{\"a\":1,\"b\":2}"), new GenericType<Map<String, Long>>() { }.type());
        assertEquals(Map.of("a", 1L, "b", 2L), counts);
    }

    @Test
    void nullAndScalarsRoundTrip() {
        assertNull(codec.decode(json("null"), Todo.class));
        assertEquals("null", new String(codec.encode(null), StandardCharsets.UTF_8));
        assertEquals(42, codec.decode(json("42"), int.class));
        assertArrayEquals(json("\"caf\u00e9\""), codec.encode("caf\u00e9"));
    }

    @Test
    void syntaxErrorSaysWhereTheJsonBroke() {
        String message = refusal("{\"title\": \"x\",\n }", Todo.class);
        assertTrue(message.startsWith("malformed JSON at line 2, column 2: Unexpected character ('}'"), message);
        assertTrue(!message.contains("\n") && !message.contains("Source"), message);
    }

    @Test
    void wrongShapeSaysWhichPropertyWithoutPackageNames() {
        String message = refusal("{\"id\":1,\"title\":\"a\",\"done\":\"maybe\",\"tags\":[]}", Todo.class);
        assertTrue(message.startsWith("JSON does not fit at $.done (line 1, column 28): "), message);
        assertTrue(!message.contains("mummy.json") && !message.contains("java.lang"), message);

        String nested = refusal("[{\"id\":1,\"title\":\"a\",\"done\":true,\"tags\":[[]]}]",
                new GenericType<List<Todo>>() { }.type());
        assertTrue(nested.startsWith("JSON does not fit at $[0].tags[0] "), nested);
    }

    @Test
    void recordValidationFailureIsTheClientsFault() {
        String message = refusal("{\"id\":1,\"title\":\" \",\"done\":true,\"tags\":[]}", Todo.class);
        assertTrue(message.startsWith("JSON does not fit") && message.contains("title is blank"), message);
        assertTrue(!message.contains("mummy.json.jackson."), message);
    }

    @Test
    void trailingTokensAndEmptyInputAreRefused() {
        assertTrue(refusal("{} {}", Map.class).startsWith("JSON does not fit"));
        assertTrue(refusal("[1, 2", List.class).startsWith("malformed JSON"));
    }

    @Test
    void longReasonsAreCut() {
        String message = refusal("\"" + "x".repeat(500), String.class);
        assertTrue(message.length() < 300, message);
    }

    @Test
    void typeJacksonCannotBuildIsTheApplicationsError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> codec.decode(json("{}"), Unconstructible.class));
        assertTrue(error.getMessage().startsWith("Jackson cannot read mummy.json.jackson.JacksonJsonCodecTest$Unconstructible"),
                error.getMessage());
        IllegalArgumentException unwritable = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new Unwritable()));
        assertTrue(unwritable.getMessage().startsWith("Jackson cannot write mummy.json.jackson.JacksonJsonCodecTest$Unwritable"),
                unwritable.getMessage());
    }

    @Test
    void customMapperSettingsApply() {
        JacksonJsonCodec strict = JacksonJsonCodec.of(JacksonJsonCodec.defaultMapper().rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
        String body = "{\"id\":1,\"title\":\"a\",\"done\":true,\"tags\":[],\"extra\":1}";
        assertEquals(new Todo(1, "a", true, List.of()), codec.decode(json(body), Todo.class));
        MalformedJsonException error = assertThrows(MalformedJsonException.class,
                () -> strict.decode(json(body), Todo.class));
        assertTrue(error.getMessage().startsWith("JSON does not fit at $.extra"), error.getMessage());
    }
}
