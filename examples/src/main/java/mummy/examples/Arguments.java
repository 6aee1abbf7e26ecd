package mummy.examples;

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

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
