package mummy.api.spi;

import java.lang.reflect.Type;

/**
 * Turns JSON into Java values and back, for {@link mummy.api.Request#bodyAs(Class)} and
 * {@link mummy.api.Request#respondJson(int, Object)}. The core modules hold none: add a module that
 * provides one, such as {@code mummy.json.jackson} (Jackson 3), and the server finds it with
 * {@link java.util.ServiceLoader}; or give the server one with {@code Server.builder().jsonCodec(...)}
 * (in mummy.io), which wins over any found. A module declares its codec with
 * {@code provides mummy.api.spi.JsonCodec with ...}.
 *
 * <p>A codec of its own takes a few lines, for example one that keeps the body as text:
 *
 * <pre>{@code
 * public final class RawJsonCodec implements JsonCodec {
 *     public Object decode(byte[] json, Type type) {
 *         if (type != String.class) throw new IllegalArgumentException("String only: " + type);
 *         return new String(json, StandardCharsets.UTF_8);
 *     }
 *     public byte[] encode(Object value) {
 *         return value.toString().getBytes(StandardCharsets.UTF_8);
 *     }
 * }
 * }</pre>
 *
 * <p>Threading: one codec serves every request of a server at once, from many worker threads:
 * implementations must be thread-safe.
 */
public interface JsonCodec {

    /**
     * Reads one JSON text (RFC 8259, UTF-8) as a value of {@code type}.
     *
     * @param json the JSON text, the request's own bytes: do not change them
     * @param type the type to read, a {@link Class} or a generic type such as {@code List<Todo>}
     * @return the value, an instance of {@code type} (a boxed one for a primitive type), or null
     *     for the JSON {@code null}
     * @throws mummy.api.MalformedJsonException if {@code json} is not JSON, or does not fit
     *     {@code type}: its message, one line, without the stack trace or package names, is sent
     *     to the client with status 400
     * @throws IllegalArgumentException if the codec cannot read {@code type} at all (a programming
     *     error, answered 500)
     */
    Object decode(byte[] json, Type type);

    /**
     * Writes a value as one JSON text, UTF-8.
     *
     * @param value the value; null is the JSON {@code null}
     * @return the JSON text's bytes
     * @throws IllegalArgumentException if the codec cannot write {@code value} (a programming
     *     error, answered 500)
     */
    byte[] encode(Object value);
}
