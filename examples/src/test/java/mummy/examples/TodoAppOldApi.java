package mummy.examples;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Parameters;
import mummy.api.Request;
import mummy.api.RequestHandler;
import mummy.api.ResponseStream;
import mummy.api.Router;
import mummy.api.ServerSentEvent;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.api.WebSocketHandler;
import mummy.api.WebSocketOptions;
import mummy.io.Server;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The to-do service of {@link TodoApp}, written with only the public API of commit 8722d5a: no
 * filters, no per-route WebSockets, no JSON codec, no error responder, no response headers added
 * on the way. Jackson is called directly, the problem details are built here, CORS fields go
 * into every answer by hand, the {@code /live} WebSocket is the server-wide handler's and the
 * access log wraps the request to see how it was answered. It serves the same API with the same
 * answers as {@link TodoApp}; run it with {@link #main}.
 *
 * <pre>
 * GET    /todos         the list              POST   /todos      {"title":"Buy milk"} → 201
 * GET    /todos/@id     one, or 404           PATCH  /todos/@id  {"title":..., "done":true}
 * DELETE /todos/@id     204, or 404           GET    /events     server-sent events
 * GET    /live          WebSocket: "subscribed", then "created 1", "updated 1", "deleted 1"
 * </pre>
 *
 * <p>Bounds: the to-dos are kept in memory, at most {@link #MAX_TODOS} (then 507); the live
 * WebSockets and feeds are at most the server's connections, each removed when it closes, and a
 * slow one is skipped by the server's backpressure, not buffered here.
 */
public final class TodoAppOldApi {

    /** How many to-dos the service keeps; past it, creating one is 507. */
    public static final int MAX_TODOS = 10_000;

    private static final System.Logger LOG = System.getLogger(TodoAppOldApi.class.getName());
    private static final String METHODS = "GET, POST, PATCH, DELETE";
    /** The reason phrases of the statuses this service answers with: the titles of its problem details. */
    private static final Map<Integer, String> TITLES = Map.of(400, "Bad Request", 404, "Not Found",
            405, "Method Not Allowed", 422, "Unprocessable Content", 500, "Internal Server Error",
            507, "Insufficient Storage");
    private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ROOT);

    /**
     * A to-do.
     *
     * @param id its number, from 1
     * @param title what to do
     * @param done whether it is done
     */
    public record Todo(long id, String title, boolean done) { }

    /**
     * What a client sends: any field left out (null) stays as it was.
     *
     * @param title the new title, or null
     * @param done the new state, or null
     */
    public record Change(String title, Boolean done) { }

    /**
     * An error's body, as RFC 9457 problem details.
     *
     * @param type always {@code about:blank}: the status says it all
     * @param title the status's reason phrase
     * @param status the status code
     * @param detail what went wrong, for the client
     */
    public record Problem(String type, String title, int status, String detail) { }

    private final ObjectMapper json = JsonMapper.builder().build();
    private final String origin;
    private final Map<Long, Todo> todos = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();
    // Filled by /live and /events, drained when each closes; bounded by the server's maxConnections.
    private final Set<WebSocket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<ResponseStream> feeds = ConcurrentHashMap.newKeySet();

    /**
     * An empty list.
     *
     * @param origin the browser origin allowed to call the API, such as {@code http://localhost:5173}
     */
    public TodoAppOldApi(String origin) {
        this.origin = origin;
    }

    /**
     * The routes, with CORS preflights answered before them and the access log around it all.
     *
     * @param accessLog what takes each access log line
     * @return the request handler
     */
    public RequestHandler handler(Consumer<String> accessLog) {
        Router router = Router.builder()
                .get("/todos", request -> respondJson(request, 200, HttpHeaders.empty(), List.copyOf(todos.values())))
                .post("/todos", this::create)
                .get("/todos/@id", request -> withTodo(request, todo -> respondJson(request, 200, HttpHeaders.empty(),
                        todo)))
                .patch("/todos/@id", this::update)
                .delete("/todos/@id", request -> withTodo(request, todo -> {
                    todos.remove(todo.id());
                    publish("deleted", todo.id());
                    request.respond(204, cors(request).build(), new byte[0]);
                }))
                .get("/events", this::subscribe)
                // The events go to webSocketHandler(), the server's one handler of every WebSocket.
                .get("/live", request -> request.upgradeToWebSocket())
                // OPTIONS answers with the methods (RFC 9110 9.3.7), and 405s list it; preflights never get here.
                .options("/todos", request -> request.respond(204, cors(request).add("Allow",
                        "GET, HEAD, POST, OPTIONS").build(), new byte[0]))
                .options("/todos/@id", request -> request.respond(204, cors(request).add("Allow",
                        "GET, HEAD, PATCH, DELETE, OPTIONS").build(), new byte[0]))
                .notFound(request -> respondProblem(request, 404, HttpHeaders.empty(), "Not Found"))
                .methodNotAllowed((request, allowed) -> respondProblem(request, 405,
                        HttpHeaders.of("Allow", String.join(", ", allowed)), "Method Not Allowed"))
                .onError(this::failed)
                .build();
        RequestHandler withCors = request -> {
            if (request.method().equals("OPTIONS") && request.headers().contains("Origin")
                    && request.headers().contains("Access-Control-Request-Method")) {
                preflight(request);
            } else {
                router.handle(request);
            }
        };
        return new AccessLogged(withCors, accessLog);
    }

    /**
     * What the server does with every WebSocket: only {@code /live} upgrades, and it only talks.
     *
     * @return the server's WebSocket handler
     */
    public WebSocketHandler webSocketHandler() {
        return (socket, event) -> {
            if (!socket.path().equals("/live")) {
                return; // no other route upgrades
            }
            switch (event) {
                case WebSocketEvent.Open open -> {
                    sockets.add(socket);
                    socket.send("subscribed");
                }
                case WebSocketEvent.Close close -> sockets.remove(socket);
                default -> { } // the feed only talks
            }
        };
    }

    private void create(Request request) {
        Change asked = json.readValue(request.body(), Change.class);
        if (asked.title() == null || asked.title().isBlank()) {
            respondProblem(request, 422, HttpHeaders.empty(), "a to-do needs a title");
        } else if (todos.size() >= MAX_TODOS) {
            respondProblem(request, 507, HttpHeaders.empty(), "the list is full (" + MAX_TODOS + " to-dos)");
        } else {
            Todo todo = new Todo(ids.incrementAndGet(), asked.title().strip(), Boolean.TRUE.equals(asked.done()));
            todos.put(todo.id(), todo);
            publish("created", todo.id());
            respondJson(request, 201, HttpHeaders.of("Location", "/todos/" + todo.id()), todo);
        }
    }

    private void update(Request request) {
        Change asked = json.readValue(request.body(), Change.class);
        withTodo(request, todo -> {
            Todo updated = new Todo(todo.id(), asked.title() == null ? todo.title() : asked.title().strip(),
                    asked.done() == null ? todo.done() : asked.done());
            todos.put(todo.id(), updated);
            publish("updated", todo.id());
            respondJson(request, 200, HttpHeaders.empty(), updated);
        });
    }

    /**
     * The feed. {@code respondEventStream()} takes no header fields, and a page of the allowed
     * origin cannot read a feed without the CORS ones: so a plain stream of encoded events, which
     * the server does not keep alive with heartbeat comments as it does event streams.
     */
    private void subscribe(Request request) {
        ResponseStream feed = request.respondStream(200, cors(request).add("Content-Type", "text/event-stream")
                .add("Cache-Control", "no-cache").build());
        feeds.add(feed);
        feed.onClose(() -> feeds.remove(feed));
        feed.write(ServerSentEvent.of("subscribed", Integer.toString(todos.size())).encode());
    }

    /** Runs {@code action} with the to-do the path names, or answers 404. */
    private void withTodo(Request request, Consumer<Todo> action) {
        Todo todo = null;
        try {
            todo = todos.get(Long.parseLong(request.pathParams().get("id")));
        } catch (NumberFormatException notANumber) {
            // names no to-do
        }
        if (todo == null) {
            respondProblem(request, 404, HttpHeaders.empty(), "no to-do at " + request.path());
        } else {
            action.accept(todo);
        }
    }

    /** Tells every live WebSocket and feed, as {@code "created 3"}; a closed one is skipped. */
    private void publish(String what, long id) {
        String text = what + " " + id;
        sockets.forEach(socket -> socket.send(text));
        String event = ServerSentEvent.of(what, Long.toString(id)).encode();
        feeds.forEach(feed -> feed.write(event));
    }

    private void respondJson(Request request, int status, HttpHeaders headers, Object value) {
        request.respond(status, cors(request).addAll(headers).add("Content-Type", "application/json").build(),
                json.writeValueAsBytes(value));
    }

    private void respondProblem(Request request, int status, HttpHeaders headers, String detail) {
        request.respond(status, cors(request).addAll(headers).add("Content-Type", "application/problem+json").build(),
                json.writeValueAsBytes(new Problem("about:blank", TITLES.get(status), status, detail)));
    }

    /** A handler threw: a body that is not JSON is the client's fault (400), anything else is logged and 500. */
    private void failed(Request request, Throwable error) {
        if (error instanceof JacksonException malformed) {
            respondProblem(request, 400, HttpHeaders.empty(), "malformed JSON: " + malformed.getOriginalMessage());
            return;
        }
        LOG.log(System.Logger.Level.ERROR, "failed: " + request.method() + " " + request.target(), error);
        if (!request.isResponded()) {
            respondProblem(request, 500, HttpHeaders.empty(), "Internal Server Error");
        }
    }

    /**
     * The CORS fields of every answer: {@code Vary: Origin}, so that caches keep the origins
     * apart, and for the allowed origin the right to read the answer and its {@code Location}.
     */
    private HttpHeaders.Builder cors(Request request) {
        HttpHeaders.Builder headers = HttpHeaders.builder().add("Vary", "Origin");
        if (origin.equals(request.headers().get("Origin"))) {
            headers.add("Access-Control-Allow-Origin", origin).add("Access-Control-Expose-Headers", "Location");
        }
        return headers;
    }

    /** Answers a CORS preflight: 204 with the permissions when all it asks is allowed, else 403 saying what is not. */
    private void preflight(Request request) {
        String method = request.headers().get("Access-Control-Request-Method");
        List<String> asked = new ArrayList<>();
        for (String value : request.headers().all("Access-Control-Request-Headers")) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    asked.add(name.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        String refused = !origin.equals(request.headers().get("Origin"))
                ? "the origin " + request.headers().get("Origin") + " is not allowed"
                : !List.of(METHODS.split(", ")).contains(method)
                ? "the method " + method + " is not allowed (allowed: " + METHODS + ")"
                : !List.of("content-type").containsAll(asked) ? "a request header is not allowed" : null;
        HttpHeaders.Builder headers = HttpHeaders.builder().add("Vary", "Origin")
                .add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers");
        if (refused != null) {
            request.respond(403, headers.add("Content-Type", "text/plain; charset=utf-8").build(),
                    "CORS preflight refused: " + refused + "\n");
        } else {
            request.respond(204, headers.add("Access-Control-Allow-Origin", origin)
                    .add("Access-Control-Allow-Methods", METHODS).add("Access-Control-Allow-Headers", "Content-Type")
                    .build(), new byte[0]);
        }
    }

    /**
     * Writes a Common Log Format line with the duration in seconds for each request, as
     * {@code AccessLog.commonWithDuration()} does, once the handler has returned.
     */
    private record AccessLogged(RequestHandler handler, Consumer<String> log) implements RequestHandler {

        @Override
        public void handle(Request request) throws Exception {
            long start = System.nanoTime();
            Recorded recorded = new Recorded(request);
            try {
                handler.handle(recorded);
            } finally {
                InetSocketAddress remote = request.remoteAddress();
                String line = (request.method() + " " + request.target() + " " + request.version())
                        .replace("\\", "\\\\").replace("\"", "\\\"");
                // Not answered: the handler threw past the router, and the server answers 500.
                log.accept((remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress())
                        + " - - [" + CLF_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "] \"" + line + "\" "
                        + (recorded.status == 0 ? 500 : recorded.status) + " "
                        + (recorded.bytes < 0 ? "-" : Long.toString(recorded.bytes)) + " "
                        + String.format(Locale.ROOT, "%.6f", (System.nanoTime() - start) / 1e9));
            }
        }
    }

    /**
     * The request, noting the status and body length it is answered with. This API has no hook
     * that sees a response (no after-filter, no {@code response()}): a handler around the router
     * learns the status only by handing it a request of its own. Every abstract method of
     * {@link Request} delegates; the default ones come down to them.
     */
    private static final class Recorded implements Request {
        private final Request request;
        private volatile int status;
        private volatile long bytes = -1;

        Recorded(Request request) {
            this.request = request;
        }

        @Override
        public String method() {
            return request.method();
        }

        @Override
        public String target() {
            return request.target();
        }

        @Override
        public String path() {
            return request.path();
        }

        @Override
        public String rawQuery() {
            return request.rawQuery();
        }

        @Override
        public Parameters queryParams() {
            return request.queryParams();
        }

        @Override
        public Parameters pathParams() {
            return request.pathParams();
        }

        @Override
        public HttpHeaders headers() {
            return request.headers();
        }

        @Override
        public byte[] body() {
            return request.body();
        }

        @Override
        public InputStream bodyStream() {
            return request.bodyStream();
        }

        @Override
        public boolean isBodyStreamed() {
            return request.isBodyStreamed();
        }

        @Override
        public String version() {
            return request.version();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return request.remoteAddress();
        }

        @Override
        public void respond(int status, HttpHeaders headers, byte[] body) {
            request.respond(status, headers, body);
            this.bytes = body.length;
            this.status = status;
        }

        @Override
        public void respondFile(Path file, HttpHeaders extraHeaders) {
            request.respondFile(file, extraHeaders);
            this.status = 200; // or 206, 304, 404...: the server decides, and does not say
        }

        @Override
        public void sendInformational(int status, HttpHeaders headers) {
            request.sendInformational(status, headers);
        }

        @Override
        public ResponseStream respondStream(int status, HttpHeaders headers) {
            ResponseStream stream = request.respondStream(status, headers);
            this.status = status;
            return stream;
        }

        @Override
        public EventStream respondEventStream() {
            EventStream stream = request.respondEventStream();
            this.status = 200;
            return stream;
        }

        @Override
        public WebSocket upgradeToWebSocket(WebSocketOptions options) {
            WebSocket socket = request.upgradeToWebSocket(options);
            this.status = socket.isOpen() ? 101 : 400; // refused: 400 or 426, the server does not say which
            return socket;
        }

        @Override
        public boolean isResponded() {
            return request.isResponded();
        }
    }

    /**
     * Starts the service: {@code --port 8080 --host 127.0.0.1 --scheduler virtual}; the allowed
     * origin from {@code TODO_ORIGIN} (default {@code http://localhost:5173}). Prints
     * {@code listening on HOST:PORT}; stops on SIGTERM.
     *
     * @param args the command line
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        TodoAppOldApi app = new TodoAppOldApi(System.getenv().getOrDefault("TODO_ORIGIN", "http://localhost:5173"));
        System.Logger accessLog = System.getLogger("mummy.access");
        Arguments.parse(args, 8080).serve(Server.builder()
                .handler(app.handler(line -> accessLog.log(System.Logger.Level.INFO, line)))
                .webSocketHandler(app.webSocketHandler()));
    }
}
