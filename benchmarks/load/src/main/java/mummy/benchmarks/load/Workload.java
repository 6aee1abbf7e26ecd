package mummy.benchmarks.load;

/**
 * The timed workloads of the comparison, in report order; {@link #id} names their result files.
 * The report leaves out a workload no server ran (the database ones run only when asked). Memory
 * is section 7 of the report, so the database workloads are 8 and 9.
 */
enum Workload {
    SLEEP_100("sleep100", "/sleep ×100", "1. `GET /sleep` (handler blocks 10 ms), 100 connections", "req/s", false),
    SLEEP_1000("sleep1000", "/sleep ×1000", "2. `GET /sleep` (handler blocks 10 ms), 1,000 connections", "req/s", false),
    PLAINTEXT("plaintext", "plaintext", "3. Plaintext `GET /`, 100 connections", "req/s", true),
    PIPELINED("pipelined", "pipelined ×16", "4. `GET /` pipelined 16 deep, 100 connections", "req/s", true),
    ECHO("echo", "echo 4 KiB", "5. `POST /echo` with a 4 KiB body, 100 connections", "req/s", true),
    WEBSOCKET("ws", "WebSocket", "6. WebSocket echo, 100 connections × 64-byte messages", "msg/s", true),
    DB("db", "single query", "8. Single query `GET /db` (one random `world` row from PostgreSQL as JSON), 100 connections", "req/s", true),
    FORTUNES("fortunes", "fortunes", "9. Fortunes `GET /fortunes` (every `fortune` row from PostgreSQL, one added, sorted, "
            + "HTML-escaped), 100 connections", "req/s", true);

    /** Results under this share of the best peer's median count as a collapse. */
    static final double COLLAPSE_SHARE = 0.10;

    final String id;
    final String shortName;
    final String title;
    final String unit;
    /**
     * Whether a result far under the best peer's is a collapse: true where throughput is bound by
     * the CPU; the {@code /sleep} figures are bound by how many handlers may block at once, which is
     * each server's documented choice, so a low figure there is reported, not failed.
     */
    final boolean collapseRule;

    Workload(String id, String shortName, String title, String unit, boolean collapseRule) {
        this.id = id;
        this.shortName = shortName;
        this.title = title;
        this.unit = unit;
        this.collapseRule = collapseRule;
    }
}
