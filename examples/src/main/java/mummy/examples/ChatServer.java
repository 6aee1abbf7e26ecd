package mummy.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.api.WebSocket;
import mummy.api.WebSocketEvent;
import mummy.io.Server;

/**
 * Mummy's chat: {@code GET /} serves a page with a small script, {@code GET /ws} is the chat
 * room. Every message goes to everyone in the room, with notices when someone joins or leaves.
 *
 * <p>Protocol (text frames): a client's first message is its name, which joins it to the room;
 * each later message is a line of chat. The server sends lines of text: {@code * NAME joined},
 * {@code NAME: TEXT}, {@code * NAME left}. Names are cut to {@value #MAX_NAME} characters and
 * lines to {@value #MAX_LINE}; control characters become spaces.
 *
 * <p>Threading: a connection's events arrive one at a time, while different connections' events
 * run in parallel; the room is a concurrent set, and {@code send} may be called from any thread.
 *
 * <p>Arguments: {@code --port N} (0 = ephemeral, default 8080), {@code --host H},
 * {@code --scheduler NAME}. Prints {@code listening on HOST:PORT} once it accepts connections.
 */
public final class ChatServer {

    /** The longest name kept, in characters. */
    static final int MAX_NAME = 32;
    /** The longest chat line kept, in characters. */
    static final int MAX_LINE = 1000;

    private static final HttpHeaders HTML = HttpHeaders.of("Content-Type", "text/html; charset=utf-8");

    /** Everyone who has joined: the connection, with its name attached. */
    private final Set<WebSocket> room = ConcurrentHashMap.newKeySet();
    private final byte[] page;

    private ChatServer(byte[] page) {
        this.page = page;
    }

    /**
     * Builds a chat server, not started yet.
     *
     * @param scheduler the scheduler's name, or null for the default choice
     * @return the server
     */
    public static Server create(String scheduler) {
        ChatServer chat = new ChatServer(resource("chat.html"));
        Router router = Router.builder()
                .get("/", request -> request.respond(200, HTML, chat.page))
                .get("/ws", request -> request.upgradeToWebSocket())
                .build();
        Server.Builder builder = Server.builder().handler(router).webSocketHandler(chat::onEvent);
        if (scheduler != null) {
            builder.scheduler(scheduler);
        }
        return builder.build();
    }

    private void onEvent(WebSocket webSocket, WebSocketEvent event) {
        switch (event) {
            case WebSocketEvent.Open open -> { }
            case WebSocketEvent.Message message when !message.isText() -> webSocket.close(1003, "text only");
            case WebSocketEvent.Message message when webSocket.attachment() == null -> {
                String name = clean(message.asText(), MAX_NAME);
                webSocket.attach(name.isBlank() ? "anonymous" : name);
                room.add(webSocket);
                broadcast("* " + webSocket.attachment() + " joined");
            }
            case WebSocketEvent.Message message -> broadcast(webSocket.attachment() + ": " + clean(message.asText(), MAX_LINE));
            case WebSocketEvent.Close close -> {
                if (room.remove(webSocket)) {
                    broadcast("* " + webSocket.attachment() + " left");
                }
            }
            case WebSocketEvent.Error error -> { }
        }
    }

    /** Sends a line to everyone in the room; a member whose connection is closing just misses it. */
    private void broadcast(String line) {
        for (WebSocket member : room) {
            member.send(line);
        }
    }

    /** The text cut to {@code max} characters (not inside a surrogate pair), control characters as spaces. */
    static String clean(String text, int max) {
        String cut = text.length() <= max ? text
                : text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().strip();
    }

    /** A resource of this package (a page), read whole; missing is a bug of the build. */
    static byte[] resource(String name) {
        try (InputStream in = ChatServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource mummy/examples/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the chat.
     *
     * @param args {@code [--port N] [--host H] [--scheduler NAME]}
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Arguments arguments = Arguments.parse(args, 8080);
        Server server = create(arguments.scheduler());
        InetSocketAddress bound = server.start(new InetSocketAddress(arguments.host(), arguments.port())).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
        System.out.println("listening on " + arguments.host() + ":" + bound.getPort());
        System.out.flush();
        server.awaitTermination();
    }
}
