package mummy.examples;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import mummy.api.Router;
import mummy.io.Server;

/**
 * The target of the Autobahn|Testsuite fuzzing client: upgrades {@code GET /} to a WebSocket and
 * echoes every text and binary message as it came ({@link EchoServer#echo}). Accepts messages of
 * up to 16 MiB, the largest that the suite's section 9 sends.
 *
 * <p>Arguments: those of {@link EchoServer} ({@code --port N}, {@code --host H},
 * {@code --scheduler NAME}, {@code --io-threads N}) and {@code --compression}, which accepts
 * permessage-deflate (sections 12 and 13). Prints {@code listening on HOST:PORT} once it accepts connections.
 */
public final class AutobahnServer {

    /** The largest message of the suite: case 9.1.6 and 9.2.6 send 16 MiB. */
    public static final long MAX_MESSAGE_LENGTH = 16L << 20;

    private AutobahnServer() {
    }

    /**
     * Builds the server, not started yet.
     *
     * @param compression whether to accept permessage-deflate
     * @param scheduler the scheduler's name, or null for the default choice
     * @return the server
     */
    public static Server create(boolean compression, String scheduler) {
        return create(compression, scheduler, -1);
    }

    /**
     * Builds the server, not started yet.
     *
     * @param compression whether to accept permessage-deflate
     * @param scheduler the scheduler's name, or null for the default choice
     * @param ioThreads how many IO loops ({@link Server.Builder#ioThreads}), or -1 for the default
     * @return the server
     */
    public static Server create(boolean compression, String scheduler, int ioThreads) {
        Router router = Router.builder().get("/", request -> request.upgradeToWebSocket()).build();
        Server.Builder builder = Server.builder()
                .handler(router)
                .webSocketHandler(EchoServer::echo)
                .maxMessageLength(MAX_MESSAGE_LENGTH)
                .webSocketCompression(compression);
        if (scheduler != null) {
            builder.scheduler(scheduler);
        }
        if (ioThreads >= 0) {
            builder.ioThreads(ioThreads);
        }
        return builder.build();
    }

    /**
     * Starts the server.
     *
     * @param args {@code [--port N] [--host H] [--scheduler NAME] [--io-threads N] [--compression]}
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean compression = rest.remove("--compression");
        Arguments arguments = Arguments.parse(rest.toArray(String[]::new), 9001);
        Server server = create(compression, arguments.scheduler(), arguments.ioThreads());
        InetSocketAddress bound = server.start(new InetSocketAddress(arguments.host(), arguments.port())).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
        System.out.println("listening on " + arguments.host() + ":" + bound.getPort());
        System.out.flush();
        server.awaitTermination();
    }
}
