package mummy.web.multipart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import mummy.api.Parameters;
import mummy.api.Request;

/**
 * The text fields of a submitted HTML form, whichever way it was encoded: what
 * {@link Request#formParams()} gives for {@code application/x-www-form-urlencoded}, and the
 * fields of a {@code multipart/form-data} body (RFC 7578), which {@code mummy.api} cannot read
 * since the multipart reader lives here. File parts are left out: read them with
 * {@link MultipartReader} (streamed) or {@link MultipartDecoder} (buffered).
 *
 * <pre>{@code
 * // <form method="post" enctype="multipart/form-data"><input name="title">...
 * Parameters form = FormFields.of(request);
 * String title = form.get("title");
 * }</pre>
 *
 * <p>A buffered body is decoded at once with {@link MultipartDecoder}; a streamed one is read to
 * its end with {@link MultipartReader}, each text field limited to
 * {@link MultipartOptions#maxPartSize()} and each file part skipped without being held. A field's
 * text is decoded in the charset of its part's {@code Content-Type}, UTF-8 when it names none
 * (RFC 7578 5.1.2).
 *
 * <p>Threading: stateless, safe from any thread.
 */
public final class FormFields {

    private FormFields() {
    }

    /**
     * The form's text fields, with the default limits.
     *
     * @param request a request with a form body; any other body has no fields
     * @return the fields in order, names possibly repeated
     * @throws mummy.api.RequestBodyException 400 if a multipart body is malformed, 413 past a limit
     * @throws IOException if a streamed body fails
     */
    public static Parameters of(Request request) throws IOException {
        return of(request, MultipartOptions.defaults());
    }

    /**
     * The form's text fields.
     *
     * @param request a request with a form body; any other body has no fields
     * @param options the limits of a multipart body
     * @return the fields in order, names possibly repeated
     * @throws mummy.api.RequestBodyException 400 if a multipart body is malformed, 413 past a limit
     * @throws IOException if a streamed body fails
     */
    public static Parameters of(Request request, MultipartOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        String contentType = request.headers().get("Content-Type");
        if (!isMultipartForm(contentType)) {
            return request.formParams();
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        if (request.isBodyStreamed()) {
            MultipartReader reader = MultipartReader.of(request, options);
            int maxText = (int) Math.min(options.maxPartSize(), Integer.MAX_VALUE - 8);
            for (Part part = reader.next(); part != null; part = reader.next()) {
                if (!part.isFile()) {
                    fields.add(Map.entry(part.name(), part.text(maxText)));
                }
            }
        } else {
            for (BufferedPart part : MultipartDecoder.decode(request.body(), contentType, options)) {
                if (!part.isFile()) {
                    fields.add(Map.entry(part.name(), part.text()));
                }
            }
        }
        return Parameters.ofEntries(fields);
    }

    private static boolean isMultipartForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals("multipart/form-data");
    }
}
