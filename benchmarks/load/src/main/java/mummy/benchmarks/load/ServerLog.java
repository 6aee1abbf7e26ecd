package mummy.benchmarks.load;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server's log (its standard output and error: java.util.logging's default two-line
 * records) says that it should not: every {@code SEVERE}/{@code ERROR} record, every
 * {@code WARNING} whose event name is not expected in that phase, and any uncaught exception or
 * {@code OutOfMemoryError}.
 */
final class ServerLog {

    private static final Pattern LEVEL = Pattern.compile("^(SEVERE|ERROR|WARNING): ([a-z_.]+)");

    private final List<String> lines;

    ServerLog(String text) {
        this.lines = text == null ? List.of() : text.lines().toList();
    }

    /** The lines that fail the run, given the WARNING events expected in this phase. */
    List<String> unexpected(Set<String> expectedWarnings) {
        return lines.stream().filter(line -> {
            Matcher level = LEVEL.matcher(line);
            if (level.find()) {
                return !(level.group(1).equals("WARNING") && expectedWarnings.contains(level.group(2).replaceAll("[:.]$", "")));
            }
            return line.startsWith("Exception in thread") || line.contains("OutOfMemoryError");
        }).toList();
    }

    /** How many records of {@code event} the log has, at any level. */
    long count(String event) {
        return lines.stream().filter(line -> line.matches("^[A-Z]+: " + Pattern.quote(event) + "(:|\\s|$).*")).count();
    }
}
