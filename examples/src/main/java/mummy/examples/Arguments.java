package mummy.examples;

import java.net.InetSocketAddress;
import mummy.io.Server;

/**
 * The command line shared by the examples: {@code --port N}, {@code --host H}, {@code --scheduler NAME},
 * {@code --metrics on|off} (default on; off for the benchmarks' A/B of their cost), {@code --io-threads N}
 * (default 1, or the system property {@code mummy.ioThreads}; 0 for one per core), {@code --reuse-port on|off}
 * (default on: each IO loop listens; off: one loop accepts and hands connections over).
 *
 * @param host the address to listen on
 * @param port the port, 0 for an ephemeral one
 * @param scheduler the scheduler's name, or null for the default choice
 * @param metrics whether the server counts its metrics ({@link Server.Builder#collectMetrics})
 * @param ioThreads how many IO loops ({@link Server.Builder#ioThreads}), or -1 for the server's default
 * @param reusePort whether each IO loop listens itself ({@link Server.Builder#reusePort})
 */
record Arguments(String host, int port, String scheduler, boolean metrics, int ioThreads, boolean reusePort) {

    static Arguments parse(String[] args, int defaultPort) {
        String host = "127.0.0.1";
        int port = defaultPort;
        String scheduler = null;
        boolean metrics = true;
        int ioThreads = -1;
        boolean reusePort = true;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(require(value, "--port"));
                case "--host" -> host = require(value, "--host");
                case "--scheduler" -> scheduler = require(value, "--scheduler");
                case "--io-threads" -> ioThreads = Integer.parseInt(require(value, "--io-threads"));
                case "--reuse-port" -> reusePort = onOff(require(value, "--reuse-port"), "--reuse-port");
                case "--metrics" -> metrics = onOff(require(value, "--metrics"), "--metrics");
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --port N, --host H, --scheduler NAME, --metrics on|off, --io-threads N,"
                        + " --reuse-port on|off");
            }
            i++;
        }
        return new Arguments(host, port, scheduler, metrics, ioThreads, reusePort);
    }

    private static boolean onOff(String value, String option) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(option + " takes on or off, not " + value);
        };
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
        builder.collectMetrics(metrics);
        if (ioThreads >= 0) {
            builder.ioThreads(ioThreads);
        }
        builder.reusePort(reusePort);
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
