package mummy.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Autobahn|Testsuite {@code index.json} and our verdict on it: every case must have
 * {@code behavior} and {@code behaviorClose} both OK, or be listed in
 * {@code examples/autobahn-exceptions.txt} with exactly the verdicts it got (only NON-STRICT or
 * INFORMATIONAL, each with its reason). The plugin itself fails only on {@code behavior}; a
 * server that skips UTF-8 validation passes there while {@code behaviorClose} says
 * {@code FAILED BY CLIENT}, hence this second look.
 *
 * @param cases the cases by id, in the suite's order
 */
record AutobahnReport(Map<String, Verdict> cases) {

    /** Verdicts that may be listed as exceptions: where the suite allows no OK. */
    private static final List<String> EXCUSABLE = List.of("NON-STRICT", "INFORMATIONAL");

    /**
     * One case's outcome.
     *
     * @param behavior the verdict on the messages
     * @param behaviorClose the verdict on the closing handshake
     * @param remoteCloseCode the server's close code, or -1
     * @param durationMillis how long the case took
     */
    record Verdict(String behavior, String behaviorClose, int remoteCloseCode, long durationMillis) {
        boolean ok() {
            return behavior.equals("OK") && behaviorClose.equals("OK");
        }
    }

    /**
     * A case allowed to end other than OK.
     *
     * @param id the case
     * @param behavior the expected {@code behavior}
     * @param behaviorClose the expected {@code behaviorClose}
     * @param reason why no OK is possible
     */
    record Excuse(String id, String behavior, String behaviorClose, String reason) {
    }

    /** Reads the report of the only agent in an {@code index.json}. */
    @SuppressWarnings("unchecked")
    static AutobahnReport read(Path indexJson) throws IOException {
        Map<String, Object> agents = (Map<String, Object>) Json.parse(Files.readString(indexJson, StandardCharsets.UTF_8));
        if (agents.size() != 1) {
            throw new IllegalArgumentException(indexJson + ": expected one agent, found " + agents.keySet());
        }
        Map<String, Object> raw = (Map<String, Object>) agents.values().iterator().next();
        Map<String, Verdict> cases = new TreeMap<>(AutobahnReport::compareIds);
        raw.forEach((id, value) -> {
            Map<String, Object> fields = (Map<String, Object>) value;
            Object code = fields.get("remoteCloseCode");
            Object duration = fields.get("duration");
            cases.put(id, new Verdict(String.valueOf(fields.get("behavior")), String.valueOf(fields.get("behaviorClose")),
                    code == null ? -1 : ((Double) code).intValue(), duration == null ? 0 : ((Double) duration).longValue()));
        });
        return new AutobahnReport(new LinkedHashMap<>(cases));
    }

    /** Reads {@code CASE BEHAVIOR BEHAVIOR_CLOSE REASON...} lines; {@code #} starts a comment line. */
    static Map<String, Excuse> readExceptions(Path file) throws IOException {
        Map<String, Excuse> exceptions = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 4);
            if (parts.length < 4 || !EXCUSABLE.contains(parts[1]) || !EXCUSABLE.contains(parts[2]) && !parts[2].equals("OK")) {
                throw new IllegalArgumentException(file + ": expected 'CASE NON-STRICT|INFORMATIONAL"
                        + " OK|NON-STRICT|INFORMATIONAL REASON', got: " + line);
            }
            exceptions.put(parts[0], new Excuse(parts[0], parts[1], parts[2], parts[3]));
        }
        return exceptions;
    }

    /** Null when the case is acceptable, else why not. */
    static String problem(String id, Verdict verdict, Map<String, Excuse> exceptions) {
        Excuse allowed = exceptions.get(id);
        if (allowed == null) {
            return verdict.ok() ? null : "behavior " + verdict.behavior() + ", behaviorClose " + verdict.behaviorClose()
                    + " (remote close code " + verdict.remoteCloseCode() + "): both must be OK";
        }
        if (verdict.behavior().equals(allowed.behavior()) && verdict.behaviorClose().equals(allowed.behaviorClose())) {
            return null;
        }
        return "behavior " + verdict.behavior() + ", behaviorClose " + verdict.behaviorClose() + ", but "
                + "autobahn-exceptions.txt expects " + allowed.behavior() + " " + allowed.behaviorClose()
                + (verdict.ok() ? ": remove the line" : "");
    }

    /** "1.1.1" before "1.1.10" before "10.1.1". */
    static int compareIds(String a, String b) {
        int[] x = Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] y = Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(x, y);
    }

    /** A Markdown table: per section, the cases and how many got each verdict, both fields. */
    String summary(Map<String, String> sectionNames) {
        Map<String, List<Verdict>> sections = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
        cases.forEach((id, verdict) -> sections.computeIfAbsent(id.substring(0, id.indexOf('.')), s -> new ArrayList<>())
                .add(verdict));
        StringBuilder out = new StringBuilder("| section | | cases | behavior | behaviorClose | time |\n"
                + "|---|---|---:|---|---|---:|\n");
        int total = 0;
        long millis = 0;
        for (Map.Entry<String, List<Verdict>> section : sections.entrySet()) {
            List<Verdict> verdicts = section.getValue();
            long sectionMillis = verdicts.stream().mapToLong(Verdict::durationMillis).sum();
            out.append("| ").append(section.getKey()).append(" | ").append(sectionNames.getOrDefault(section.getKey(), ""))
                    .append(" | ").append(verdicts.size())
                    .append(" | ").append(tally(verdicts.stream().map(Verdict::behavior).toList()))
                    .append(" | ").append(tally(verdicts.stream().map(Verdict::behaviorClose).toList()))
                    .append(" | ").append(String.format("%.1f s", sectionMillis / 1000.0)).append(" |\n");
            total += verdicts.size();
            millis += sectionMillis;
        }
        out.append("| all | | ").append(total).append(" | ")
                .append(tally(cases.values().stream().map(Verdict::behavior).toList())).append(" | ")
                .append(tally(cases.values().stream().map(Verdict::behaviorClose).toList())).append(" | ")
                .append(String.format("%.1f s", millis / 1000.0)).append(" |\n");
        return out.toString();
    }

    private static String tally(List<String> verdicts) {
        Map<String, Integer> counts = new TreeMap<>(Comparator.comparing((String v) -> !v.equals("OK")).thenComparing(v -> v));
        verdicts.forEach(v -> counts.merge(v, 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        counts.forEach((verdict, count) -> out.append(out.isEmpty() ? "" : ", ").append(count).append(' ').append(verdict));
        return out.toString();
    }
}
