package mummy.examples;

import java.net.InetSocketAddress;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.io.Server;

/**
 * A small application in Mummy's style: a router with a few routes, a custom 404, and an error
 * handler. Run it with {@code bin/demo} and open http://127.0.0.1:8080/.
 */
public final class HelloApp {

    private HelloApp() {
    }

    /**
     * The application's routes.
     *
     * @return the router
     */
    public static Router router() {
        HttpHeaders html = HttpHeaders.of("Content-Type", "text/html; charset=utf-8");
        return Router.builder()
                .get("/", request -> request.respond(200, html, """
                        <!doctype html><title>Mummy for Java</title>
                        <h1>Hello from Mummy for Java</h1>
                        <ul><li><a href="/objects/42">/objects/42</a> (a path parameter)</li>
                        <li><a href="/search?q=mummy">/search?q=mummy</a> (a query parameter)</li>
                        <li><a href="/files/docs/readme.txt">/files/**</a> (a wildcard)</li>
                        <li><a href="/fail">/fail</a> (a handler that throws)</li></ul>
                        """))
                .get("/objects/@id", request -> request.respond(200, "object " + request.pathParams().get("id")))
                .get("/search", request -> request.respond(200,
                        "searching for " + request.queryParams().getOrDefault("q", "nothing")))
                .get("/files/**", request -> request.respond(200, "a file under " + request.path()))
                .post("/echo", request -> request.respond(200, request.bodyText()))
                .get("/fail", request -> {
                    throw new IllegalStateException("this handler fails on purpose");
                })
                .notFound(request -> request.respond(404, "nothing at " + request.path()))
                .onError((request, error) -> request.respond(500, "failed: " + error.getMessage()))
                .build();
    }

    /**
     * Starts the application.
     *
     * @param args {@code [--port N] [--host H] [--scheduler NAME]}
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Arguments arguments = Arguments.parse(args, 8080);
        Server.Builder builder = Server.builder().handler(router());
        if (arguments.scheduler() != null) {
            builder.scheduler(arguments.scheduler());
        }
        Server server = builder.build();
        InetSocketAddress bound = server.start(new InetSocketAddress(arguments.host(), arguments.port())).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
        System.out.println("listening on " + arguments.host() + ":" + bound.getPort()
                + " (scheduler " + server.schedulerName() + "); open http://" + arguments.host() + ":"
                + bound.getPort() + "/ and press Ctrl-C to stop");
        server.awaitTermination();
    }
}
