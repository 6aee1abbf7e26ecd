package mummy.benchmarks.dbcommon;

/**
 * The database options every server of the database workloads takes: {@code --db-url URL} (a JDBC
 * URL with user and password, as {@code benchmarks/lib/postgres.sh} prints it) and
 * {@code --db-pool N} (connections to the database), or the system properties
 * {@value #URL_PROPERTY} and {@value #POOL_PROPERTY}. Without a URL the server serves no database
 * endpoints and opens no connection.
 *
 * <p>The pool size is the same for every server, {@value #DEFAULT_POOL} by default: the database
 * shares a 2-core machine with the server and the load, so more connections than about
 * 2 × cores + 1 (HikariCP's sizing rule) only queue inside PostgreSQL; a few more keep it busy while
 * responses are written.
 *
 * @param jdbcUrl the JDBC URL, or null for no database
 * @param poolSize the connections to open, at least 1
 */
public record DbSettings(String jdbcUrl, int poolSize) {

    /** The system property of the URL. */
    public static final String URL_PROPERTY = "mummy.db.url";
    /** The system property of the pool size. */
    public static final String POOL_PROPERTY = "mummy.db.pool";
    /** The default pool size. */
    public static final int DEFAULT_POOL = 8;

    /** Validates the settings. */
    public DbSettings {
        if (poolSize < 1) {
            throw new IllegalArgumentException("--db-pool must be at least 1, not " + poolSize);
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--db-url must be a jdbc:postgresql:// URL, not " + jdbcUrl);
        }
    }

    /**
     * Reads {@code --db-url} and {@code --db-pool} from {@code args}, else from the system properties.
     *
     * @param args a server's command line (other options are left to the server)
     * @return the settings
     */
    public static DbSettings parse(String[] args) {
        String url = option(args, "--db-url", System.getProperty(URL_PROPERTY));
        String pool = option(args, "--db-pool", System.getProperty(POOL_PROPERTY, Integer.toString(DEFAULT_POOL)));
        return new DbSettings(url, Integer.parseInt(pool));
    }

    /** Whether a database was given. */
    public boolean enabled() {
        return jdbcUrl != null;
    }

    /** The URL without its {@code jdbc:} prefix ({@code postgresql://HOST:PORT/DB?user=U&password=P}), for non-JDBC clients. */
    public String uri() {
        return jdbcUrl.substring("jdbc:".length());
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
