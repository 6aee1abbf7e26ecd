package mummy.benchmarks.load;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The report's "best against best" table: for every workload, Mummy's best line (whichever
 * scheduler, and IO-loop count where the run had several) against the best peer, once by rate and
 * once by requests per server CPU-second; the ratio is what the project's targets are stated in.
 * Only servers whose cell is OK count; nginx, the anchor, is no peer.
 */
final class BestOfTable {

    private BestOfTable() {
    }

    static void write(StringBuilder out, Map<Workload, Map<RunDirectory.Server, Cell>> results) {
        out.append("Mummy's best line against the best peer (each chosen per column, so the two halves may name "
                + "different servers):\n\n");
        out.append("| workload | best Mummy | best peer | ratio | best Mummy per CPU-s | best peer per CPU-s | ratio |\n");
        out.append("|---|---|---|---:|---|---|---:|\n");
        results.forEach((workload, cells) -> {
            out.append("| ").append(workload.shortName).append(" |");
            half(out, cells, Cell::median);
            half(out, cells, Cell::perCpuSecond);
            out.append('\n');
        });
        out.append('\n');
    }

    private static void half(StringBuilder out, Map<RunDirectory.Server, Cell> cells, ToDoubleFunction<Cell> figure) {
        Optional<Map.Entry<RunDirectory.Server, Cell>> mummy = best(cells, figure, "subject");
        Optional<Map.Entry<RunDirectory.Server, Cell>> peer = best(cells, figure, "peer");
        out.append(' ').append(name(mummy, figure)).append(" | ").append(name(peer, figure)).append(" | ");
        if (mummy.isPresent() && peer.isPresent()) {
            out.append(String.format(Locale.ROOT, "%.2f×",
                    figure.applyAsDouble(mummy.get().getValue()) / figure.applyAsDouble(peer.get().getValue())));
        } else {
            out.append('—');
        }
        out.append(" |");
    }

    /** The server of a role with the highest figure among the OK cells that have one. */
    static Optional<Map.Entry<RunDirectory.Server, Cell>> best(Map<RunDirectory.Server, Cell> cells,
            ToDoubleFunction<Cell> figure, String role) {
        return cells.entrySet().stream()
                .filter(e -> e.getKey().role().equals(role) && e.getValue().status() == Cell.Status.OK
                        && !Double.isNaN(figure.applyAsDouble(e.getValue())))
                .max(Comparator.comparingDouble(e -> figure.applyAsDouble(e.getValue())));
    }

    private static String name(Optional<Map.Entry<RunDirectory.Server, Cell>> entry, ToDoubleFunction<Cell> figure) {
        return entry.map(e -> e.getKey().name() + " " + Report.rate(figure.applyAsDouble(e.getValue()))).orElse("—");
    }
}
