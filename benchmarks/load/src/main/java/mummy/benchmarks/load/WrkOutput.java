package mummy.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads wrk 4's report (run with {@code --latency}). A round fails when wrk printed no rate, when it
 * saw socket errors (connect, read, write, timeout) or non-2xx/3xx responses, or when no request
 * completed: wrk counts those as requests done, the comparison does not.
 */
final class WrkOutput {

    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([0-9.]+)", Pattern.MULTILINE);
    private static final Pattern P99 = Pattern.compile("^\\s+99%\\s+([0-9.]+)(us|ms|s)\\b", Pattern.MULTILINE);
    private static final Pattern DONE = Pattern.compile("^\\s+(\\d+) requests in ", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private WrkOutput() {
    }

    /** The number of requests wrk completed, or -1 when it printed none. */
    static long requests(String text) {
        Matcher done = DONE.matcher(text);
        return done.find() ? Long.parseLong(done.group(1)) : -1;
    }

    static RoundResult parse(String text) {
        Matcher rate = RATE.matcher(text);
        Matcher done = DONE.matcher(text);
        if (!rate.find() || !done.find()) {
            String last = text.strip().lines().reduce((first, second) -> second).orElse("no output");
            return RoundResult.failed("wrk reported no rate: " + last);
        }
        double p99 = Double.NaN;
        Matcher latency = P99.matcher(text);
        // wrk prints 0 for the p99 of some pipelined runs (it times a batch, not each request).
        if (latency.find() && Double.parseDouble(latency.group(1)) > 0) {
            p99 = Double.parseDouble(latency.group(1)) * switch (latency.group(2)) {
                case "us" -> 0.001;
                case "ms" -> 1.0;
                default -> 1000.0;
            };
        }
        return new RoundResult(Double.parseDouble(rate.group(1)), p99, errors(text, Long.parseLong(done.group(1))));
    }

    private static String errors(String text, long requests) {
        List<String> errors = new ArrayList<>();
        if (requests == 0) {
            errors.add("no request completed");
        }
        Matcher socket = SOCKET_ERRORS.matcher(text);
        if (socket.find()) {
            String[] kinds = {"connect", "read", "write", "timeout"};
            for (int i = 0; i < kinds.length; i++) {
                long count = Long.parseLong(socket.group(i + 1));
                if (count > 0) {
                    errors.add(String.format(Locale.ROOT, "%d socket %s errors", count, kinds[i]));
                }
            }
        }
        Matcher non2xx = NON_2XX.matcher(text);
        if (non2xx.find()) {
            errors.add(non2xx.group(1) + " non-2xx/3xx responses");
        }
        return errors.isEmpty() ? null : String.join(", ", errors);
    }
}
