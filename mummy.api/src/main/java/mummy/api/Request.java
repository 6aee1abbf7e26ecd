package mummy.api;

import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import mummy.api.spi.JsonCodec;

/**
 * An HTTP request received by the server, with its body, and the means to answer it.
 *
 * <p>Threading: the accessors may be called from any thread. {@link #respond respond} may be
 * called from any thread, once; a second final response throws {@link IllegalStateException}. Any
 * number of interim (1xx) responses may come before it through {@link #sendInformational}.
 */
public interface Request {

    /**
     * The method token as sent, case-sensitive (RFC 9110 section 9.1), such as {@code GET}.
     *
     * @return the method
     */
    String method();

    /**
     * The request-target as sent (origin-form {@code /a?b}, absolute-form, or {@code *}).
     *
     * @return the raw request-target
     */
    String target();

    /**
     * The path of the target, percent-decoded as UTF-8; for absolute-form targets the path part;
     * {@code *} for the asterisk form.
     *
     * @return the decoded path
     */
    String path();

    /**
     * The query of the target as sent (without {@code ?}), or the empty string if none.
     *
     * @return the raw query
     */
    String rawQuery();

    /**
     * The query parameters, decoded as {@code application/x-www-form-urlencoded}.
     *
     * @return the query parameters in order
     */
    Parameters queryParams();

    /**
     * The parameters the router took from the path ({@code @name} segments); empty when the
     * request did not go through a router.
     *
     * @return the path parameters
     */
    Parameters pathParams();

    /**
     * The header fields in order, as sent.
     *
     * @return the headers
     */
    HttpHeaders headers();

    /**
     * The body, after removing any chunked transfer coding; empty if there was none. The array is
     * the request's own: do not change it.
     *
     * @return the body bytes
     * @throws IllegalStateException if the body is streamed: read it with {@link #bodyStream()}
     */
    byte[] body();

    /**
     * The body as a stream. For a request whose handler streams bodies (see
     * {@link RequestHandler#streamsBody}) this reads the body as it arrives from the client: a
     * {@code read} waits for bytes, returns -1 at the end of the body, and throws a
     * {@link RequestBodyException} when the body is malformed or too long, or the client went away.
     * The server stops reading the socket while the handler is behind, so memory stays bounded
     * whatever the body's size. Reading the stream of a request sent with
     * {@code Expect: 100-continue} sends {@code 100 Continue} first; a handler that responds
     * without reading refuses the body (the connection then closes after the response).
     *
     * <p>For any other request it reads the buffered {@link #body()}. Every call returns the same
     * stream; it may be read from any one thread at a time.
     *
     * @return the body stream
     */
    InputStream bodyStream();

    /**
     * Whether the body is streamed ({@link #bodyStream()}) rather than buffered ({@link #body()}).
     *
     * @return true for a request of a streaming handler or route that has a body
     */
    boolean isBodyStreamed();

    /**
     * The body decoded as UTF-8 (or as ISO-8859-1 / US-ASCII when {@code Content-Type} names it).
     *
     * @return the body as text
     */
    default String bodyText() {
        String type = headers().get("Content-Type");
        if (type != null) {
            String lower = type.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("charset=iso-8859-1")) {
                return new String(body(), StandardCharsets.ISO_8859_1);
            }
            if (lower.contains("charset=us-ascii")) {
                return new String(body(), StandardCharsets.US_ASCII);
            }
        }
        return new String(body(), StandardCharsets.UTF_8);
    }

    /**
     * The fields of an {@code application/x-www-form-urlencoded} body (an HTML form's default),
     * decoded as {@link Parameters#parseUrlEncoded(String)} does (WHATWG URL 5.1: UTF-8 always):
     *
     * <pre>{@code
     * // <form method="post"><input name="title"><input type="checkbox" name="tag" value="home">...
     * Parameters form = request.formParams();
     * String title = form.get("title");
     * List<String> tags = form.all("tag");
     * }</pre>
     *
     * <p>Empty when the body is of another type, or there is none. A streamed body is read to its
     * end, so call this once for it. {@code multipart/form-data} is read by {@code mummy.web}:
     * {@code FormFields.of(request)} gives its text fields as the same {@link Parameters}.
     *
     * @return the form's fields in order
     * @throws IllegalStateException if the body is {@code multipart/form-data} (the message says
     *     what reads it)
     */
    default Parameters formParams() {
        return FormBodies.params(this);
    }

    /**
     * The cookies the client sent in its {@code Cookie} fields (RFC 6265 4.2), read as browsers
     * send them: see the rules below.
     *
     * <pre>{@code
     * String session = request.cookies().get("session");   // null if absent
     * }</pre>
     *
     * <p>Pairs are split at {@code ;} and whitespace around names and values dropped; the value is
     * everything after the first {@code =}; one pair of double quotes around a whole value is
     * removed, other quotes are kept; a pair without {@code =} or without a name is skipped;
     * nothing is percent-decoded. Every {@code Cookie} field counts, in order, and a name may come
     * more than once: {@link Parameters#get} gives the first, which a browser sends for the longest
     * matching path (RFC 6265 5.4).
     *
     * @return the cookies in order
     */
    default Parameters cookies() {
        return CookieHeader.parse(headers());
    }

    /**
     * The body read as JSON into a {@code type}, with the server's {@link #jsonCodec()}:
     *
     * <pre>{@code
     * record Todo(String title, boolean done) {}
     * Todo todo = request.bodyAs(Todo.class);
     * }</pre>
     *
     * <p>{@code Content-Type} is not checked. A streamed body is read to its end first. A
     * {@link MalformedJsonException} (the body is empty, not JSON, or does not fit the type) that
     * escapes the handler is answered {@code 400} with its short message.
     *
     * @param type the class to read, such as a record
     * @param <T> the type read
     * @return the value, or null for the JSON {@code null}
     * @throws MalformedJsonException if the body is empty, not JSON, or does not fit {@code type}
     * @throws IllegalStateException if no codec is present (the message says which module to add)
     */
    @SuppressWarnings("unchecked") // a primitive class reads its boxed value, which Class.cast refuses
    default <T> T bodyAs(Class<T> type) {
        Object value = JsonBodies.read(this, type);
        return type.isPrimitive() ? (T) value : type.cast(value);
    }

    /**
     * The body read as JSON into a generic type, as {@link #bodyAs(Class)} does:
     *
     * <pre>{@code
     * List<Todo> todos = request.bodyAs(new GenericType<List<Todo>>() {});
     * }</pre>
     *
     * @param type the type to read
     * @param <T> the type read
     * @return the value, or null for the JSON {@code null}
     * @throws MalformedJsonException if the body is empty, not JSON, or does not fit {@code type}
     * @throws IllegalStateException if no codec is present
     */
    @SuppressWarnings("unchecked") // the codec returns an instance of type.type(), which is T
    default <T> T bodyAs(GenericType<T> type) {
        return (T) JsonBodies.read(this, type.type());
    }

    /**
     * The body read as JSON into a reflected type, as {@link #bodyAs(Class)} does. Unchecked: the
     * caller says what {@code T} is; prefer {@link #bodyAs(GenericType)} where the type is known
     * at compile time.
     *
     * @param type the type to read, such as a method parameter's generic type
     * @param <T> the type read, which must be {@code type}
     * @return the value, or null for the JSON {@code null}
     * @throws MalformedJsonException if the body is empty, not JSON, or does not fit {@code type}
     * @throws IllegalStateException if no codec is present
     */
    @SuppressWarnings("unchecked") // the caller vouches that type is T, as with Gson's fromJson(String, Type)
    default <T> T bodyAs(Type type) {
        return (T) JsonBodies.read(this, type);
    }

    /**
     * The codec of {@link #bodyAs(Class)} and {@link #respondJson(int, Object)}: the one given to
     * the server ({@code Server.builder().jsonCodec(...)}), else the one module on the module path
     * that provides {@link JsonCodec}, such as {@code mummy.json.jackson}.
     *
     * @return the codec
     * @throws IllegalStateException if none was given and none (or more than one) is present
     */
    default JsonCodec jsonCodec() {
        return InstalledJsonCodec.get();
    }

    /**
     * The protocol version as sent, {@code HTTP/1.1} or {@code HTTP/1.0}.
     *
     * @return the version
     */
    String version();

    /**
     * The address of the client.
     *
     * @return the peer's address and port
     */
    InetSocketAddress remoteAddress();

    /**
     * Sends the final response. The server adds {@code Date}, {@code Content-Length} (unless the
     * status forbids a body) and {@code Connection} as needed, strips the body for HEAD, and may
     * compress it when the client accepts that.
     *
     * @param status a final status code, 200 to 999
     * @param headers the response header fields
     * @param body the body bytes, not copied: do not change them afterwards
     * @throws IllegalStateException if a final response was already sent
     * @throws IllegalArgumentException if the status is not a final status code
     */
    void respond(int status, HttpHeaders headers, byte[] body);

    /**
     * Sends the final response with a text body, encoded as UTF-8.
     *
     * @param status a final status code
     * @param headers the response header fields
     * @param body the body text
     */
    default void respond(int status, HttpHeaders headers, String body) {
        respond(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends the final response with a {@code text/plain; charset=utf-8} body.
     *
     * @param status a final status code
     * @param body the body text
     */
    default void respond(int status, String body) {
        respond(status, HttpHeaders.of("Content-Type", "text/plain; charset=utf-8"), body);
    }

    /**
     * Sends the final response with no body.
     *
     * @param status a final status code
     */
    default void respond(int status) {
        respond(status, HttpHeaders.empty(), new byte[0]);
    }

    /**
     * Sends an error answer whose body the server's {@link ErrorResponder} builds (plain text
     * when the server has none), as the server's own 404, 405 and 500 are: for handlers that want
     * their errors to look like the server's, as in {@code request.respondError(409, "the title is
     * taken")}.
     *
     * @param status 400 to 599
     * @param detail a short, single-line explanation safe to show the client
     * @throws IllegalStateException if a final response was already sent
     * @throws IllegalArgumentException if the status is not 400 to 599
     */
    default void respondError(int status, String detail) {
        respondError(status, HttpHeaders.empty(), detail);
    }

    /**
     * Sends an error answer with more fields, such as {@code Allow} for a 405 or
     * {@code Retry-After} for a 503. See {@link #respondError(int, String)}.
     *
     * @param status 400 to 599
     * @param headers more response fields; not {@code Content-Type}, which the responder sets
     * @param detail a short, single-line explanation safe to show the client
     * @throws IllegalStateException if a final response was already sent
     * @throws IllegalArgumentException if the status is not 400 to 599
     */
    default void respondError(int status, HttpHeaders headers, String detail) {
        respond(status, mummy.api.internal.ErrorBodies.headers(status, headers, "text/plain; charset=utf-8"),
                detail.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code value} as JSON with status 200. See {@link #respondJson(int, HttpHeaders, Object)}.
     *
     * @param value the value, such as a record, a list or a map; null sends {@code null}
     * @throws IllegalStateException if a final response was already sent, or no codec is present
     */
    default void respondJson(Object value) {
        respondJson(200, HttpHeaders.empty(), value);
    }

    /**
     * Sends {@code value} as JSON. See {@link #respondJson(int, HttpHeaders, Object)}.
     *
     * @param status a final status code
     * @param value the value; null sends {@code null}
     * @throws IllegalStateException if a final response was already sent, or no codec is present
     */
    default void respondJson(int status, Object value) {
        respondJson(status, HttpHeaders.empty(), value);
    }

    /**
     * Sends {@code value} written as JSON by the {@link #jsonCodec()}, with
     * {@code Content-Type: application/json} (RFC 8259 section 11: UTF-8, no charset parameter)
     * unless {@code headers} name another:
     *
     * <pre>{@code
     * Todo created = todos.add(request.bodyAs(Todo.class));
     * request.respondJson(201, HttpHeaders.of("Location", "/todos/" + created.id()), created);
     * }</pre>
     *
     * @param status a final status code
     * @param headers more response fields
     * @param value the value; null sends {@code null}
     * @throws IllegalStateException if a final response was already sent, or no codec is present
     * @throws IllegalArgumentException if the codec cannot write {@code value}
     */
    default void respondJson(int status, HttpHeaders headers, Object value) {
        JsonBodies.respond(this, status, headers, value);
    }

    /**
     * Sends a file as the final response, with no extra fields. See
     * {@link #respondFile(Path, HttpHeaders)}.
     *
     * @param file the file to send
     * @throws IllegalStateException if a final response was already sent
     */
    default void respondFile(Path file) {
        respondFile(file, HttpHeaders.empty());
    }

    /**
     * Sends a file as the final response, the way a static file server does (RFC 9110). The file is
     * opened at once; its bytes go from the page cache to the socket with {@code sendfile(2)},
     * never through the Java heap, so files of any size (past 2 GiB too) cost no memory.
     *
     * <p>The response carries {@code Content-Type} from the file name's extension (a small table;
     * {@code text/*} types with {@code charset=utf-8}; {@code application/octet-stream} when
     * unknown) unless {@code extraHeaders} give one, {@code Last-Modified}, a strong {@code ETag}
     * made of the file's size, modification time and inode, {@code Accept-Ranges: bytes}, and
     * {@code Content-Length}. The body is never compressed.
     *
     * <p>Conditional requests are evaluated in the order of RFC 9110 section 13.2.2:
     * {@code If-Match} (412 unless it matches strongly), else {@code If-Unmodified-Since} (412 if
     * modified since); {@code If-None-Match} (304 for GET and HEAD, 412 for other methods, if it
     * matches weakly), else {@code If-Modified-Since} (304, GET and HEAD only). A 304 carries the
     * {@code ETag} and those of {@code extraHeaders} that section 15.4.5 lists.
     *
     * <p>A {@code Range} (RFC 9110 section 14) is honoured for GET only, and only when
     * {@code If-Range}, if present, matches (an entity-tag strongly, or a date that equals a
     * strong {@code Last-Modified}): one satisfiable range → 206 with {@code Content-Range};
     * several → 206 {@code multipart/byteranges}; none satisfiable → 416 with
     * {@code Content-Range: bytes *&#47;length}. A {@code Range} that is not valid syntax, names
     * another unit, comes in more than one field line, asks about an empty file, or holds more than
     * 32 range-specs is ignored: the whole file is sent with 200. Ranges that overlap or lie
     * fewer than 80 bytes apart are merged into one, so a response never holds more than the file
     * plus part headers, whatever the client asks.
     *
     * <p>HEAD gets the same head as GET, {@code Content-Length} included, and no body. A file that
     * does not exist, cannot be read or is not a regular file is answered 404 (the body never names
     * the path); if the process is out of file descriptors, 503.
     *
     * @param file the file to send
     * @param extraHeaders more response fields, such as {@code Cache-Control},
     *                     {@code Content-Disposition} or {@code Content-Type}; not
     *                     {@code Content-Length}, {@code Transfer-Encoding}, {@code Content-Range},
     *                     {@code ETag}, {@code Last-Modified} or {@code Accept-Ranges}, which the
     *                     server derives from the file
     * @throws IllegalStateException if a final response was already sent
     * @throws IllegalArgumentException if {@code extraHeaders} set a field the server derives
     */
    void respondFile(Path file, HttpHeaders extraHeaders);

    /**
     * Sends an interim response (1xx, such as 103 Early Hints) ahead of the final one. 101 is
     * reserved for WebSocket upgrades and 100 is sent by the server itself.
     *
     * @param status 102 to 199
     * @param headers the interim response's header fields
     * @throws IllegalStateException if the final response was already sent
     */
    void sendInformational(int status, HttpHeaders headers);

    /**
     * Starts a response whose body is written piece by piece (see {@link ResponseStream}). The
     * head goes out at once; the body is chunked unless {@code headers} declare a
     * {@code Content-Length} (then exactly that many bytes must be written) or the client speaks
     * HTTP/1.0 (then the connection closes at the end of the body).
     *
     * @param status a final status code that allows a body
     * @param headers the response fields
     * @return the stream
     * @throws IllegalStateException if a final response was already sent
     */
    ResponseStream respondStream(int status, HttpHeaders headers);

    /**
     * Starts a {@code text/event-stream} response (server-sent events) with status 200 and
     * {@code Cache-Control: no-cache}.
     *
     * @return the event stream
     * @throws IllegalStateException if a final response was already sent
     */
    EventStream respondEventStream();

    /**
     * Upgrades this request to a WebSocket connection with the default options. See
     * {@link #upgradeToWebSocket(WebSocketOptions)}.
     *
     * @return the connection
     */
    default WebSocket upgradeToWebSocket() {
        return upgradeToWebSocket(WebSocketOptions.defaults());
    }

    /**
     * Upgrades this request to a WebSocket connection (RFC 6455 4.2): checks the handshake, sends
     * the 101 response, and from then on delivers the connection's events to the server's
     * {@link WebSocketHandler}. The returned connection may be used at once, from any thread;
     * frames sent before the 101 is written follow it.
     *
     * <p>If the request is not a valid upgrade, the server answers it (400, or 426 with
     * {@code Sec-WebSocket-Version: 13}) and returns a connection that is already closed.
     *
     * @param options subprotocols and extra response fields
     * @return the connection
     * @throws IllegalStateException if a final response was already sent, or the server has no
     *                               WebSocket handler
     */
    WebSocket upgradeToWebSocket(WebSocketOptions options);

    /**
     * Upgrades this request to a WebSocket connection whose events go to {@code handler} instead
     * of the server's handler; otherwise as {@link #upgradeToWebSocket(WebSocketOptions)}. This is
     * what {@link Router.Builder#webSocket(String, WebSocketHandler)} routes use; the
     * {@link WebSocketEvent.Open} event delivered to {@code handler} carries the route's path
     * parameters and the request's header fields.
     *
     * @param handler what receives this connection's events
     * @param options subprotocols and extra response fields
     * @return the connection
     * @throws IllegalStateException if a final response was already sent
     * @throws UnsupportedOperationException if this implementation of {@code Request} has no
     *     WebSockets of its own (the server's and the test kit's have)
     */
    default WebSocket upgradeToWebSocket(WebSocketHandler handler, WebSocketOptions options) {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not implement upgradeToWebSocket(WebSocketHandler, WebSocketOptions)");
    }

    /**
     * Adds a field to the final response of this request, whichever way it is sent (a response,
     * a file, a stream, an event stream, a 101), after the handler's own fields (a 304 of
     * {@link #respondFile} keeps only those RFC 9110 section 15.4.5 lists, as for the handler's): how a
     * {@link Filter} sets CORS, security or request-id fields on answers it does not write
     * itself. Fields that frame the message ({@code Content-Length}, {@code Transfer-Encoding},
     * {@code Connection}, ...) are refused, as they are from a handler.
     *
     * @param name the field name
     * @param value the field value
     * @throws IllegalStateException if the final response was already sent
     * @throws IllegalArgumentException if the name or value is not valid (RFC 9110 section 5)
     * @throws UnsupportedOperationException if this implementation of {@code Request} cannot add
     *     fields (the server's and the test kit's can)
     */
    default void addResponseHeader(String name, String value) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement addResponseHeader");
    }

    /**
     * What this request was answered with so far: for after-filters and access logs. By default
     * {@link ResponseInfo#NONE} until {@link #isResponded()}, then {@link ResponseInfo#UNKNOWN};
     * the server's request reports the kind, status and body length.
     *
     * @return the answer, {@link ResponseInfo#NONE} while there is none
     */
    default ResponseInfo response() {
        return isResponded() ? ResponseInfo.UNKNOWN : ResponseInfo.NONE;
    }

    /**
     * Whether the final response was sent (or the request was upgraded).
     *
     * @return true once answered
     */
    boolean isResponded();

    /**
     * Tells the server which route template matched this request, such as {@code /objects/@id}:
     * its metrics and events name the route by it ({@code http.route}), never by the raw path, so
     * that their label values stay a bounded set. {@link Router} calls it before the route's
     * handler runs; a handler of its own may too. The server's request keeps the last template
     * told; by default nothing is kept.
     *
     * @param template the route's pattern as registered
     */
    default void routeMatched(String template) {
    }
}
