package mummy.examples;

import java.net.InetSocketAddress;
import mummy.io.Server;

/**
 * The command line shared by the examples: {@code --port N}, {@code --host H}, {@code --scheduler NAME}.
 *
 * @param host the address to listen on
 * @param port the port, 0 for an ephemeral one
 * @param scheduler the scheduler's name, or null for the default choice
 */
record Arguments(String host, int port, String scheduler) {

    static Arguments parse(String[] args, int defaultPort) {
        String host = "127.0.0.1";
        int port = defaultPort;
        String scheduler = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(require(value, "--port"));
                case "--host" -> host = require(value, "--host");
                case "--scheduler" -> scheduler = require(value, "--scheduler");
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --port N, --host H, --scheduler NAME");
            }
            i++;
        }
        return new Arguments(host, port, scheduler);
    }

    /**
     * Runs a server the way the load tests and scripts expect: with the chosen scheduler, on
     * {@code host:port}, printing exactly {@code listening on HOST:PORT} once it accepts
     * connections, stopping on SIGTERM/SIGINT, and returning when it has terminated.
     */
    void serve(Server.Builder builder) throws InterruptedException {
        if (scheduler != null) {
            builder.scheduler(scheduler);
        }
        Server server = builder.build();
        InetSocketAddress bound = server.start(new InetSocketAddress(host, port)).getFirst();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
        System.out.println("listening on " + host + ":" + bound.getPort());
        System.out.flush();
        server.awaitTermination();
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
