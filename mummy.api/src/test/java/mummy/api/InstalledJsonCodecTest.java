package mummy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Without a module that provides a codec, the JSON methods say which module to add. */
class InstalledJsonCodecTest {

    @Test
    void noCodecOnTheModulePathNamesTheModuleToAdd() {
        IllegalStateException error = assertThrows(IllegalStateException.class, InstalledJsonCodec::get);
        assertEquals("no JSON codec: add the module mummy.json.jackson (Maven artifact io.mummy:mummy.json.jackson)"
                + " to the module path, or set a codec with Server.builder().jsonCodec(...)", error.getMessage());
    }

    @Test
    void genericTypeCapturesItsArgument() {
        GenericType<List<String>> strings = new GenericType<>() { };
        assertEquals("java.util.List<java.lang.String>", strings.type().getTypeName());
        assertEquals(strings, new GenericType<List<String>>() { });
    }

    @Test
    @SuppressWarnings("rawtypes")
    void rawGenericTypeIsRefused() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new GenericType() { });
        assertEquals("GenericType needs a type argument: new GenericType<List<Todo>>() {}", error.getMessage());
    }
}
