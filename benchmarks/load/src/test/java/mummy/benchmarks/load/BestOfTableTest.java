package mummy.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The best-against-best table picks per column, skips failed cells and the anchor. */
class BestOfTableTest {

    private static RunDirectory.Server server(String name, String role) {
        return new RunDirectory.Server(name, role, "x", "");
    }

    private static Cell ok(double rate, double perCpu) {
        return new Cell(Cell.Status.OK, rate, 1, perCpu, List.of(), null);
    }

    @Test
    void eachHalfNamesItsOwnBestAndTheRatio() {
        Map<RunDirectory.Server, Cell> cells = new LinkedHashMap<>();
        cells.put(server("mummy-pool", "subject"), ok(90_000, 95_000));
        cells.put(server("mummy-virtual", "subject"), ok(100_000, 90_000));
        cells.put(server("netty", "peer"), ok(125_000, 100_000));
        cells.put(server("vertx", "peer"), Cell.failed("socket errors"));
        cells.put(server("nginx", "anchor"), ok(300_000, 300_000));
        Map<Workload, Map<RunDirectory.Server, Cell>> results = new EnumMap<>(Workload.class);
        results.put(Workload.PLAINTEXT, cells);
        StringBuilder out = new StringBuilder();
        BestOfTable.write(out, results);
        String table = out.toString();
        assertTrue(table.contains("| plaintext | mummy-virtual 100,000 | netty 125,000 | 0.80× | mummy-pool 95,000 | netty 100,000 | 0.95× |"),
                table);
    }

    @Test
    void noPeerLeavesTheRatioOpen() {
        Map<RunDirectory.Server, Cell> cells = new LinkedHashMap<>();
        cells.put(server("mummy-pool", "subject"), ok(90_000, Double.NaN));
        cells.put(server("netty", "peer"), Cell.failed("did not start"));
        Map<Workload, Map<RunDirectory.Server, Cell>> results = new EnumMap<>(Workload.class);
        results.put(Workload.WEBSOCKET, cells);
        StringBuilder out = new StringBuilder();
        BestOfTable.write(out, results);
        assertTrue(out.toString().contains("| WebSocket | mummy-pool 90,000 | — | — | — | — | — |"), out.toString());
    }
}
