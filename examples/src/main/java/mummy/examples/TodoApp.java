package mummy.examples;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import mummy.api.ErrorResponder;
import mummy.api.EventStream;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import mummy.api.Router;
import mummy.api.ServerSentEvent;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.io.Server;
import mummy.web.cors.Cors;
import mummy.web.log.AccessLog;

/**
 * A to-do REST service with live updates: JSON in and out through the server's codec
 * ({@code mummy.json.jackson}), a {@code /live} WebSocket and an {@code /events} SSE feed that
 * both hear of every change, CORS for one browser origin, an access log and RFC 9457 problem
 * details for every error. Run it with {@code bin/todo}.
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
public final class TodoApp {

    /** How many to-dos the service keeps; past it, creating one is 507. */
    public static final int MAX_TODOS = 10_000;

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

    private final Map<Long, Todo> todos = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();
    // Filled by /live and /events, drained when each closes; bounded by the server's maxConnections.
    private final Set<WebSocket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<EventStream> feeds = ConcurrentHashMap.newKeySet();

    /** An empty list. */
    public TodoApp() {
    }

    /**
     * The routes, filters and endpoints.
     *
     * @param origin the browser origin allowed to call the API, such as {@code http://localhost:5173}
     * @param accessLog where each request is logged
     * @return the router
     */
    public Router router(String origin, AccessLog accessLog) {
        return Router.builder()
                .filter(Cors.builder().allowOrigins(origin).allowMethods("GET", "POST", "PATCH", "DELETE")
                        .allowHeaders("Content-Type").exposeHeaders("Location").build())
                .after(accessLog)
                .get("/todos", request -> request.respondJson(List.copyOf(todos.values())))
                .post("/todos", this::create)
                .get("/todos/@id", request -> withTodo(request, request::respondJson))
                .patch("/todos/@id", this::update)
                .delete("/todos/@id", request -> withTodo(request, todo -> {
                    todos.remove(todo.id());
                    publish("deleted", todo.id());
                    request.respond(204);
                }))
                .get("/events", request -> {
                    EventStream feed = request.respondEventStream();
                    feeds.add(feed);
                    feed.onClose(() -> feeds.remove(feed));
                    feed.send(ServerSentEvent.of("subscribed", Integer.toString(todos.size())));
                })
                .webSocket("/live", (socket, event) -> {
                    switch (event) {
                        case WebSocketEvent.Open open -> {
                            sockets.add(socket);
                            socket.send("subscribed");
                        }
                        case WebSocketEvent.Close close -> sockets.remove(socket);
                        default -> { } // the feed only talks
                    }
                })
                .build();
    }

    private void create(Request request) {
        Change asked = request.bodyAs(Change.class);
        if (asked.title() == null || asked.title().isBlank()) {
            request.respondError(422, "a to-do needs a title");
        } else if (todos.size() >= MAX_TODOS) {
            request.respondError(507, "the list is full (" + MAX_TODOS + " to-dos)");
        } else {
            Todo todo = new Todo(ids.incrementAndGet(), asked.title().strip(), Boolean.TRUE.equals(asked.done()));
            todos.put(todo.id(), todo);
            publish("created", todo.id());
            request.respondJson(201, HttpHeaders.of("Location", "/todos/" + todo.id()), todo);
        }
    }

    private void update(Request request) {
        Change asked = request.bodyAs(Change.class);
        withTodo(request, todo -> {
            Todo updated = new Todo(todo.id(), asked.title() == null ? todo.title() : asked.title().strip(),
                    asked.done() == null ? todo.done() : asked.done());
            todos.put(todo.id(), updated);
            publish("updated", todo.id());
            request.respondJson(updated);
        });
    }

    /** Runs {@code action} with the to-do the path names, or answers 404. */
    private void withTodo(Request request, java.util.function.Consumer<Todo> action) {
        Todo todo = null;
        try {
            todo = todos.get(Long.parseLong(request.pathParams().get("id")));
        } catch (NumberFormatException notANumber) {
            // names no to-do
        }
        if (todo == null) {
            request.respondError(404, "no to-do at " + request.path());
        } else {
            action.accept(todo);
        }
    }

    /** Tells every live WebSocket and feed, as {@code "created 3"}; a closed one is skipped. */
    private void publish(String what, long id) {
        String text = what + " " + id;
        sockets.forEach(socket -> socket.send(text));
        ServerSentEvent event = ServerSentEvent.of(what, Long.toString(id));
        feeds.forEach(feed -> feed.send(event));
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
        String origin = System.getenv().getOrDefault("TODO_ORIGIN", "http://localhost:5173");
        Arguments.parse(args, 8080).serve(Server.builder()
                .handler(new TodoApp().router(origin, AccessLog.commonWithDuration()))
                .errorResponder(ErrorResponder.problemJson()));
    }
}
