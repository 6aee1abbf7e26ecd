package mummy.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.Objects;
import mummy.api.spi.JsonCodec;

/**
 * The work behind {@link Request}'s JSON methods, kept out of the interface.
 *
 * <p>Threading: stateless.
 */
final class JsonBodies {

    /** RFC 8259 section 11: the media type has no charset parameter; JSON text is UTF-8 (8.1). */
    static final String MEDIA_TYPE = "application/json";

    private JsonBodies() {
    }

    /** Reads the request's body, buffered or streamed, as a value of {@code type}. */
    static Object read(Request request, Type type) {
        Objects.requireNonNull(type, "type");
        JsonCodec codec = request.jsonCodec();
        byte[] json;
        if (request.isBodyStreamed()) {
            try {
                json = request.bodyStream().readAllBytes();
            } catch (IOException e) {
                // The server answers a RequestBodyException (the cause here) with its own status.
                throw new UncheckedIOException(e);
            }
        } else {
            json = request.body();
        }
        if (json.length == 0) {
            throw new MalformedJsonException("the request has no body; JSON was expected");
        }
        return codec.decode(json, type);
    }

    /** Sends {@code value} as JSON with {@code headers}, adding {@code Content-Type} unless given. */
    static void respond(Request request, int status, HttpHeaders headers, Object value) {
        byte[] json = request.jsonCodec().encode(value);
        request.respond(status, headers.contains("Content-Type") ? headers : headers.with("Content-Type", MEDIA_TYPE),
                json);
    }

    /**
     * Appends {@code text} as a JSON string (RFC 8259 section 7): quotes, backslashes and control
     * characters escaped; everything else as it is (the document is UTF-8).
     */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
