package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check AutobahnIT makes of each case: both verdicts, and the listed exceptions exactly. */
class AutobahnReportTest {

    @TempDir
    Path dir;

    private static final Map<String, AutobahnReport.Excuse> EXCUSES = Map.of("7.1.6",
            new AutobahnReport.Excuse("7.1.6", "INFORMATIONAL", "INFORMATIONAL", "always informational"));

    private static AutobahnReport.Verdict verdict(String behavior, String behaviorClose) {
        return new AutobahnReport.Verdict(behavior, behaviorClose, 1000, 1);
    }

    @Test
    void caseWithBothVerdictsOkPasses() {
        assertNull(AutobahnReport.problem("1.1.1", verdict("OK", "OK"), EXCUSES));
    }

    /** What the plugin lets through: a server without UTF-8 validation still has behavior OK. */
    @Test
    void behaviorOkWithACloseFailedByTheClientFails() {
        String problem = AutobahnReport.problem("6.3.1", verdict("OK", "FAILED BY CLIENT"), EXCUSES);
        assertTrue(problem != null && problem.contains("behaviorClose FAILED BY CLIENT"), problem);
    }

    @Test
    void nonStrictFailsUnlessListed() {
        assertTrue(AutobahnReport.problem("6.4.3", verdict("NON-STRICT", "OK"), EXCUSES) != null);
    }

    @Test
    void listedCaseMustHaveExactlyTheListedVerdicts() {
        assertNull(AutobahnReport.problem("7.1.6", verdict("INFORMATIONAL", "INFORMATIONAL"), EXCUSES));
        assertTrue(AutobahnReport.problem("7.1.6", verdict("INFORMATIONAL", "FAILED"), EXCUSES) != null);
        assertTrue(AutobahnReport.problem("7.1.6", verdict("OK", "OK"), EXCUSES).contains("remove the line"));
    }

    @Test
    void indexJsonIsReadInCaseOrderAndSummarised() throws Exception {
        Path index = dir.resolve("index.json");
        Files.writeString(index, """
                {"agent": {
                  "10.1.1": {"behavior": "OK", "behaviorClose": "OK", "duration": 30, "remoteCloseCode": 1000, "reportfile": "x"},
                  "1.1.10": {"behavior": "OK", "behaviorClose": "OK", "duration": 5, "remoteCloseCode": 1000, "reportfile": "y"},
                  "1.1.2": {"behavior": "NON-STRICT", "behaviorClose": "OK", "duration": 5, "remoteCloseCode": null, "reportfile": null}
                }}
                """, StandardCharsets.UTF_8);
        AutobahnReport report = AutobahnReport.read(index);
        assertEquals(List.of("1.1.2", "1.1.10", "10.1.1"), List.copyOf(report.cases().keySet()));
        assertEquals(-1, report.cases().get("1.1.2").remoteCloseCode());
        String summary = report.summary(Map.of("1", "Framing"));
        assertTrue(summary.contains("| 1 | Framing | 2 | 1 OK, 1 NON-STRICT | 2 OK | 0.0 s |"), summary);
        assertTrue(summary.contains("| all | | 3 | 2 OK, 1 NON-STRICT | 3 OK | 0.0 s |"), summary);
    }

    @Test
    void exceptionsFileAllowsOnlyNonStrictOrInformational() throws Exception {
        Path file = dir.resolve("exceptions.txt");
        Files.writeString(file, "# comment\n7.13.1 INFORMATIONAL INFORMATIONAL undefined by the spec\n", StandardCharsets.UTF_8);
        assertEquals("undefined by the spec", AutobahnReport.readExceptions(file).get("7.13.1").reason());
        Files.writeString(file, "6.4.3 FAILED OK we would rather not\n", StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> AutobahnReport.readExceptions(file));
    }
}
