package mummy.benchmarks.dbcommon;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A row of TechEmpower's {@code world} table and its JSON, {@code {"id":N,"randomNumber":M}}.
 *
 * <p>The JSON is written by hand (two integers need no serializer), the same way in every server,
 * so that the workload measures the server and the database, not a JSON library.
 *
 * @param id the row, 1 to {@link #ROWS}
 * @param randomNumber its number
 */
public record World(int id, int randomNumber) {

    /** Rows in the table, as {@code benchmarks/lib/postgres.sh} seeds it. */
    public static final int ROWS = 10_000;

    /** The single-query statement; {@code $1}/{@code ?} is the id. */
    public static final String QUERY_JDBC = "SELECT id, randomnumber FROM world WHERE id = ?";

    /** The same statement with PostgreSQL's own placeholder, for clients that speak it. */
    public static final String QUERY_PG = "SELECT id, randomnumber FROM world WHERE id = $1";

    /** The content type of {@link #json()}. */
    public static final String CONTENT_TYPE = "application/json";

    /** A random id, 1 to {@link #ROWS}. */
    public static int randomId() {
        return ThreadLocalRandom.current().nextInt(1, ROWS + 1);
    }

    /** {@code {"id":N,"randomNumber":M}} in UTF-8 (ASCII). */
    public byte[] json() {
        return ("{\"id\":" + id + ",\"randomNumber\":" + randomNumber + "}").getBytes(StandardCharsets.US_ASCII);
    }
}
