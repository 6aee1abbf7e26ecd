package mummy.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The work behind {@link Request#formParams()}.
 *
 * <p>Threading: stateless.
 */
final class FormBodies {

    static final String URLENCODED = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";

    private FormBodies() {
    }

    /** The fields of an urlencoded body; empty for a body of another type. */
    static Parameters params(Request request) {
        String type = mediaType(request.headers().get("Content-Type"));
        if (type.equals(MULTIPART)) {
            throw new IllegalStateException("formParams() reads application/x-www-form-urlencoded bodies; read the"
                    + " fields of this multipart/form-data body with mummy.web's FormFields.of(request)"
                    + " (or MultipartReader for its files)");
        }
        if (!type.equals(URLENCODED)) {
            return Parameters.empty();
        }
        // WHATWG URL 5.1: the bytes are percent-decoded and read as UTF-8, whatever a charset parameter says.
        return Parameters.parseUrlEncoded(new String(bytes(request), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(Request request) {
        if (!request.isBodyStreamed()) {
            return request.body();
        }
        try {
            return request.bodyStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the server answers the RequestBodyException inside with its status
        }
    }

    /** The media type of a {@code Content-Type} value, lower case, without parameters (RFC 9110 8.3.1). */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
