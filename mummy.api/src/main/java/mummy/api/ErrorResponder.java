package mummy.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds the body of every answer the server generates itself, so that a JSON API answers its
 * errors in JSON: the parser's refusals (400, 408, 411, 413, 414, 431, 501, 505, 503 while
 * stopping), the router's 404 and 405, the 500 for a handler that threw or did not answer, the 400
 * or 413 for a body the client got wrong, a refused WebSocket handshake, and whatever a handler
 * sends with {@link Request#respondError}. Set it with {@code Server.builder().errorResponder(...)}:
 *
 * <pre>{@code
 * Server.builder().handler(router).errorResponder(ErrorResponder.problemJson()).build();
 * // 404 → Content-Type: application/problem+json
 * //       {"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found"}
 * }</pre>
 *
 * <p>It runs on the worker thread for answers to requests that reached a handler, and on the IO
 * thread for requests the parser refused: it must be quick, must not block, and should depend on
 * its arguments only. If it throws, returns null, or returns a body over
 * {@value #MAX_BODY_LENGTH} bytes, the server sends its plain-text answer instead and logs why.
 * Without one, the server's answers are short {@code text/plain; charset=utf-8} bodies.
 *
 * <p>Threading: called by every worker and the IO thread at once; keep it stateless.
 */
@FunctionalInterface
public interface ErrorResponder {

    /** The longest body the server takes from a responder; longer ones are replaced by plain text. */
    int MAX_BODY_LENGTH = 16 * 1024;

    /**
     * The body of an error answer.
     *
     * @param status the status, 400 to 599 (the server's answers are all errors)
     * @param detail a short, single-line explanation safe to show the client, such as
     *     {@code "Request header fields too large (limit 8192 bytes)"}; for the router's answers the
     *     reason phrase
     * @return the body and its media type, or null for the server's plain text
     */
    Body render(int status, String detail);

    /**
     * An error answer's body.
     *
     * @param contentType the {@code Content-Type} value, such as {@code application/problem+json}
     * @param content the bytes; not copied
     */
    record Body(String contentType, byte[] content) {

        /**
         * Checks the fields.
         *
         * @throws NullPointerException if either is null
         */
        public Body {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * The server's own answers: the detail as {@code text/plain; charset=utf-8}.
     *
     * @return the plain-text responder
     */
    static ErrorResponder plainText() {
        return (status, detail) -> new Body("text/plain; charset=utf-8", detail.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Problem details (RFC 9457) as {@code application/problem+json}:
     * {@code {"type":"about:blank","title":<reason phrase>,"status":<status>,"detail":<detail>}}.
     * Written without a JSON library; the strings are escaped as RFC 8259 section 7 says.
     *
     * @return the problem-details responder
     */
    static ErrorResponder problemJson() {
        return (status, detail) -> {
            StringBuilder json = new StringBuilder(96 + detail.length());
            json.append("{\"type\":\"about:blank\",\"title\":");
            JsonBodies.quote(Status.reasonPhrase(status), json);
            json.append(",\"status\":").append(status).append(",\"detail\":");
            JsonBodies.quote(detail, json);
            json.append('}');
            return new Body("application/problem+json", json.toString().getBytes(StandardCharsets.UTF_8));
        };
    }
}
