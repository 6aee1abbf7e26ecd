package mummy.json.jackson;

import java.lang.reflect.Type;
import java.util.Objects;
import mummy.api.MalformedJsonException;
import mummy.api.spi.JsonCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link JsonCodec} on Jackson 3's {@link ObjectMapper}. The server finds one made with
 * {@link #JacksonJsonCodec()} on its own; to change Jackson's settings, give it another:
 *
 * <pre>{@code
 * JsonMapper mapper = JacksonJsonCodec.defaultMapper().rebuild()
 *         .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
 *         .build();
 * Server server = Server.builder().handler(router).jsonCodec(JacksonJsonCodec.of(mapper)).build();
 * }</pre>
 *
 * <p>A body Jackson cannot read becomes a {@link MalformedJsonException}, which the server
 * answers 400 with a one-line message: where the JSON broke (line, column, and the path of the
 * property, such as {@code $.items[2].done}) and Jackson's reason, with class names cut to their
 * simple names and no stack trace. A type Jackson cannot handle at all (no way to construct it, no
 * serializer) is the application's error, not the client's: an {@link IllegalArgumentException},
 * answered 500 and logged.
 *
 * <p>Threading: thread-safe; Jackson 3's mappers are immutable.
 */
public final class JacksonJsonCodec implements JsonCodec {

    /** The longest reason taken from Jackson into a 400's message. */
    static final int MAX_REASON_LENGTH = 200;

    private static final JsonMapper DEFAULT_MAPPER = JsonMapper.builder()
            // RFC 8259 2: a body is one JSON text; "{} trailing" is not one.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectMapper mapper;

    /**
     * The codec with {@link #defaultMapper()}: what {@link java.util.ServiceLoader} makes.
     */
    public JacksonJsonCodec() {
        this(DEFAULT_MAPPER);
    }

    private JacksonJsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A codec with the given mapper.
     *
     * @param mapper the mapper, such as {@code defaultMapper().rebuild()...build()}
     * @return the codec
     */
    public static JacksonJsonCodec of(ObjectMapper mapper) {
        return new JacksonJsonCodec(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * The mapper of {@link #JacksonJsonCodec()}: Jackson 3's defaults (unknown properties are
     * ignored, dates are ISO-8601 text), and a body must be exactly one JSON value
     * ({@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}).
     *
     * @return the default mapper
     */
    public static JsonMapper defaultMapper() {
        return DEFAULT_MAPPER;
    }

    /**
     * The mapper this codec reads and writes with.
     *
     * @return the mapper
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public Object decode(byte[] json, Type type) {
        try {
            return mapper.readValue(json, mapper.constructType(type));
        } catch (InvalidDefinitionException e) {
            throw new IllegalArgumentException("Jackson cannot read " + type.getTypeName() + ": "
                    + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new MalformedJsonException(JacksonErrors.describe(e), e);
        }
    }

    @Override
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Jackson cannot write "
                    + (value == null ? "null" : value.getClass().getName()) + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JacksonJsonCodec[" + mapper.getClass().getSimpleName() + "]";
    }
}
