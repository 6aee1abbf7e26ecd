package mummy.api.internal;

import java.nio.charset.StandardCharsets;
import mummy.api.ErrorResponder;
import mummy.api.HttpHeaders;

/**
 * What every implementation of {@code Request.respondError} and the server's own error answers
 * share: the checks of the arguments and a call of the {@link ErrorResponder} that cannot fail.
 *
 * <p>Threading: stateless.
 */
public final class ErrorBodies {

    private static final System.Logger LOG = System.getLogger("mummy.api");
    private static final String PLAIN = "text/plain; charset=utf-8";

    private ErrorBodies() {
    }

    /**
     * The fields of an error answer: {@code headers} and then {@code Content-Type}.
     *
     * @param status the status
     * @param headers the caller's fields
     * @param contentType the body's media type
     * @return the fields
     * @throws IllegalArgumentException if the status is not 400 to 599 or {@code headers} name a
     *     {@code Content-Type}
     */
    public static HttpHeaders headers(int status, HttpHeaders headers, String contentType) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("respondError takes an error status, 400 to 599, not " + status);
        }
        if (headers.contains("Content-Type")) {
            throw new IllegalArgumentException("respondError sets Content-Type from the error responder;"
                    + " do not pass one: " + headers.get("Content-Type"));
        }
        return headers.isEmpty() ? HttpHeaders.of("Content-Type", contentType)
                : HttpHeaders.builder().addAll(headers).add("Content-Type", contentType).build();
    }

    /**
     * The body {@code responder} makes, or the plain-text detail when there is none, or it threw,
     * returned null, or returned more than {@link ErrorResponder#MAX_BODY_LENGTH} bytes (logged).
     *
     * @param responder the server's responder, or null
     * @param status the status
     * @param detail the detail
     * @return the body, never null
     */
    public static ErrorResponder.Body render(ErrorResponder responder, int status, String detail) {
        if (responder != null) {
            try {
                ErrorResponder.Body body = responder.render(status, detail);
                if (body != null && body.content().length <= ErrorResponder.MAX_BODY_LENGTH) {
                    return body;
                }
                if (body != null) {
                    LOG.log(System.Logger.Level.WARNING, "error_responder.too_long: {0} bytes for {1}; sent plain text",
                            body.content().length, status);
                }
            } catch (RuntimeException | StackOverflowError failure) {
                LOG.log(System.Logger.Level.WARNING, "error_responder.failed: on " + status + "; sent plain text",
                        failure);
            }
        }
        return new ErrorResponder.Body(PLAIN, detail.getBytes(StandardCharsets.UTF_8));
    }
}
