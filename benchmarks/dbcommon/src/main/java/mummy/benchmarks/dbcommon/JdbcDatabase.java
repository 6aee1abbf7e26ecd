package mummy.benchmarks.dbcommon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The two queries over plain JDBC: a HikariCP pool of {@link DbSettings#poolSize} pgjdbc
 * connections, all opened at start (so that the first requests measure no connecting), each query a
 * prepared statement on a borrowed connection (pgjdbc keeps the statement prepared on the server
 * per connection after its fifth use, its {@code prepareThreshold} default), auto-commit on.
 *
 * <p>Threading: any thread may call {@link #randomWorld} and {@link #fortunes}; they block while
 * waiting for a free connection and for the database.
 */
public final class JdbcDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    private JdbcDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens the pool; fails at once when the database cannot be reached.
     *
     * @param settings the URL and pool size
     * @return the open database
     */
    public static JdbcDatabase open(DbSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setPoolName("db");
        config.setConnectionTimeout(5_000);
        return new JdbcDatabase(new HikariDataSource(config));
    }

    /**
     * Reads one random row of {@code world}.
     *
     * @return the row
     * @throws SQLException if the query fails or finds nothing
     */
    public World randomWorld() throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(World.QUERY_JDBC)) {
            statement.setInt(1, World.randomId());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no world row: is the table seeded?");
                }
                return new World(rows.getInt(1), rows.getInt(2));
            }
        }
    }

    /**
     * Reads every row of {@code fortune}.
     *
     * @return the rows, in the table's order
     * @throws SQLException if the query fails
     */
    public List<Fortune> fortunes() throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(Fortune.QUERY);
                ResultSet rows = statement.executeQuery()) {
            List<Fortune> fortunes = new ArrayList<>(16);
            while (rows.next()) {
                fortunes.add(new Fortune(rows.getInt(1), rows.getString(2)));
            }
            return fortunes;
        }
    }

    /** The fortunes page ({@link Fortune#page}) of the rows read now. */
    public byte[] fortunesPage() throws SQLException {
        return Fortune.page(fortunes());
    }

    /** Closes every connection. */
    @Override
    public void close() {
        pool.close();
    }
}
