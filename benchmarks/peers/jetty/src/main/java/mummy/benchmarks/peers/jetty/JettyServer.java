package mummy.benchmarks.peers.jetty;

import mummy.benchmarks.dbcommon.DbSettings;
import mummy.benchmarks.dbcommon.JdbcDatabase;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * EchoServer's endpoints on Jetty 12.1's core (non-servlet) API with virtual threads, as Jetty's
 * programming guide sets them up: a {@code QueuedThreadPool} given a virtual-thread executor, so
 * that handlers of the default {@code BLOCKING} invocation type run on a virtual thread each while
 * the selectors stay on platform threads; a {@code WebSocketUpgradeHandler} maps {@code /ws} in
 * front of the HTTP handler, in a root {@code ContextHandler} as in the guide's example.
 *
 * <p>With {@code --db-url URL} ({@link DbSettings}) it also serves {@code GET /db} and
 * {@code GET /fortunes}, blocking JDBC on those virtual threads.
 *
 * <p>Arguments: {@code --port N} (0 = ephemeral), {@code --host H} (default 127.0.0.1),
 * {@code --db-url URL}, {@code --db-pool N}. Prints
 * {@code listening on HOST:PORT} when ready; stops on SIGTERM.
 */
public final class JettyServer {

    private JettyServer() {
    }

    /**
     * Starts the server.
     *
     * @param args {@code [--port N] [--host H]}
     * @throws Exception if Jetty does not start
     */
    public static void main(String[] args) throws Exception {
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "8080"));
        DbSettings settings = DbSettings.parse(args);
        JdbcDatabase database = settings.enabled() ? JdbcDatabase.open(settings) : null;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("jetty-vt-"));
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler webSockets = WebSocketUpgradeHandler.from(server, context,
                container -> container.addMapping("/ws", (request, response, callback) -> new WebSocketEcho()));
        webSockets.setHandler(new EchoHandler(database));
        context.setHandler(webSockets);
        server.setHandler(context);
        server.start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            stopQuietly(server);
            if (database != null) {
                database.close();
            }
        }));
        System.out.println("listening on " + host + ":" + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("jetty stop failed: " + e);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
