package com.example.hello;

import java.net.InetSocketAddress;
import mummy.api.EventStream;
import mummy.api.Router;
import mummy.api.WebSocketEvent;
import mummy.api.WebSocketHandler;
import mummy.io.Server;

/** A REST route, a WebSocket echo and a server-sent event feed: everything a first service needs. */
public final class HelloServer {

    private HelloServer() {
    }

    /** The routes. */
    public static Router router() {
        return Router.builder()
                .get("/", request -> request.respond(200, "Hello, World!"))
                .get("/hello/@name", request -> request.respond(200, "Hello, " + request.pathParams().get("name") + "!"))
                .get("/ws", request -> request.upgradeToWebSocket())
                .get("/events", request -> {
                    try (EventStream events = request.respondEventStream()) {
                        for (int i = 1; i <= 3; i++) {
                            events.send("tick " + i);
                        }
                    }
                })
                .build();
    }

    /** Echoes every WebSocket message back. */
    public static WebSocketHandler echo() {
        return (webSocket, event) -> {
            switch (event) {
                case WebSocketEvent.Message message when message.isText() -> webSocket.send(message.asText());
                case WebSocketEvent.Message message -> webSocket.send(message.data());
                default -> { }
            }
        };
    }

    /** Builds the server (the tests start the same one on a free port). */
    public static Server server() {
        return Server.builder().handler(router()).webSocketHandler(echo()).scheduler("virtual").build();
    }

    /**
     * Serves on 127.0.0.1 until stopped (Ctrl-C or SIGTERM: the running requests finish first).
     *
     * @param args the port, 8080 if none; 0 for a free one
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Server server = server();
        InetSocketAddress bound = server.start(new InetSocketAddress("127.0.0.1", port)).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
        System.out.println("listening on http://127.0.0.1:" + bound.getPort() + "/");
        server.awaitTermination();
    }
}
