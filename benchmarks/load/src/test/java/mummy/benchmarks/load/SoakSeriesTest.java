package mummy.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakSeriesTest {

    private static final long MIB = 1024;

    /** A 60 s run: baseline, load every 10 s (warm-up 12 s: early 20 and 30 s, late 40 to 60 s), one end sample. */
    private static String series(long heapAt60Kb, long fdsAtEnd, long threadsAtEnd) {
        return String.join("\n",
                "baseline\t0\t60000\t17\t21\t3000",
                "load\t10\t200000\t290\t25\t" + 80 * MIB,
                "load\t20\t200000\t295\t25\t" + 60 * MIB,
                "load\t30\t210000\t300\t26\t" + 70 * MIB,
                "load\t40\t210000\t298\t26\t" + 65 * MIB,
                "load\t50\t210000\t301\t26\t" + 62 * MIB,
                "load\t60\t210000\t120\t26\t" + heapAt60Kb,
                "end\t69\t90000\t" + fdsAtEnd + "\t" + threadsAtEnd + "\t3200") + "\n";
    }

    @Test
    void aFlatSeriesThatComesBackHasNoProblems() {
        SoakSeries series = SoakSeries.parse(series(61 * MIB, 19, 25), 60);
        assertEquals(List.of(), series.problems());
        assertTrue(series.settled());
        assertEquals(List.of(20L, 30L), series.early().stream().map(SoakSeries.Sample::seconds).toList());
        assertEquals(List.of(40L, 50L, 60L), series.late().stream().map(SoakSeries.Sample::seconds).toList());
    }

    @Test
    void liveHeapMoreThan48MibAboveTheEarlyHighestInTheLastThirdIsGrowth() {
        List<String> problems = SoakSeries.parse(series(70 * MIB + 49 * MIB, 19, 25), 60).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().startsWith("live heap grew"), problems.getFirst());
    }

    @Test
    void aLatePeakNoHigherThanAnEarlyOneIsNoiseNotGrowth() {
        String tsv = series(118 * MIB, 19, 25).replace("load\t30\t210000\t300\t26\t" + 70 * MIB, "load\t30\t210000\t300\t26\t" + 118 * MIB);
        assertEquals(List.of(), SoakSeries.parse(tsv, 60).problems());
    }

    @Test
    void aHighSampleInTheWarmUpIsNotGrowth() {
        String tsv = series(61 * MIB, 19, 25).replace("load\t10\t200000\t290\t25\t" + 80 * MIB, "load\t10\t200000\t290\t25\t" + 900 * MIB);
        assertEquals(List.of(), SoakSeries.parse(tsv, 60).problems());
    }

    @Test
    void fdsThatDoNotComeBackAfterTheClientsLeftAreALeak() {
        SoakSeries series = SoakSeries.parse(series(61 * MIB, 20, 25), 60);
        assertFalse(series.settled());
        assertTrue(series.problems().getFirst().startsWith("open fds did not come back: 20"), series.problems().toString());
    }

    @Test
    void threadsAboveTheEarlyHighestAtTheEndAreALeak() {
        assertEquals(List.of(), SoakSeries.parse(series(61 * MIB, 19, 34), 60).problems());
        assertTrue(SoakSeries.parse(series(61 * MIB, 19, 35), 60).problems().getFirst().startsWith("threads did not come back"));
    }

    @Test
    void aSeriesWithoutAnEndSampleCannotPass() {
        String tsv = series(61 * MIB, 19, 25).lines().filter(l -> !l.startsWith("end")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(List.of("no end sample after the clients left"), SoakSeries.parse(tsv, 60).problems());
    }

    @Test
    void anUnreadableSampleFailsTheSeries() {
        String tsv = series(61 * MIB, 19, 25).replace("load\t30\t210000\t300\t26\t" + 70 * MIB, "load\t30\t210000\t300\t26\t-1");
        assertEquals(List.of("some samples could not be read (-1 in the series)"), SoakSeries.parse(tsv, 60).problems());
    }
}
