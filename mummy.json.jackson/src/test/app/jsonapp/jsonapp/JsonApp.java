package jsonapp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import mummy.api.GenericType;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.io.Server;

/** A to-do store answering JSON; prints "listening on 127.0.0.1:PORT" once it listens. */
public final class JsonApp {

    /** A to-do as the client sends it and gets it back. */
    public record Todo(long id, String title, boolean done, List<String> tags) {
        /** Validation of the record's own: a violation is answered 400. */
        public Todo {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("title is blank");
            }
        }
    }

    private static final GenericType<List<Todo>> TODOS = new GenericType<>() { };

    private JsonApp() {
    }

    /**
     * Starts the server and runs until killed.
     *
     * @param args none
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Map<Long, Todo> store = new ConcurrentHashMap<>();
        AtomicLong ids = new AtomicLong();
        Router router = Router.builder()
                .get("/codec", request -> request.respond(200, request.jsonCodec().getClass().getName()))
                .post("/todos", request -> {
                    Todo sent = request.bodyAs(Todo.class);
                    Todo created = new Todo(ids.incrementAndGet(), sent.title(), sent.done(), sent.tags());
                    store.put(created.id(), created);
                    request.respondJson(201, HttpHeaders.of("Location", "/todos/" + created.id()), created);
                })
                .post("/todos/batch", request -> {
                    List<Todo> sent = request.bodyAs(TODOS);
                    request.respondJson(Map.of("count", sent.size(), "titles", sent.stream().map(Todo::title).toList()));
                })
                .put("/todos/streamed", request -> request.respondJson(request.bodyAs(Todo.class))).streaming()
                .get("/todos/@id", request -> {
                    Todo todo = store.get(Long.parseLong(request.pathParams().get("id")));
                    if (todo == null) {
                        request.respondJson(404, Map.of("error", "no such todo"));
                    } else {
                        request.respondJson(todo);
                    }
                })
                .build();
        try (Server server = Server.builder().handler(router).build()) {
            InetSocketAddress address = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst();
            System.out.println("listening on 127.0.0.1:" + address.getPort());
            server.awaitTermination();
        }
    }
}
