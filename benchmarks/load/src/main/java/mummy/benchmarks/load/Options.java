package mummy.benchmarks.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A command line of {@code --name value} pairs, each name from a known set.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    private Options() {
    }

    /**
     * Parses {@code args}.
     *
     * @param args the command line
     * @param known the option names allowed, without the leading dashes
     * @return the options
     * @throws IllegalArgumentException on an unknown name or a missing value
     */
    static Options parse(String[] args, Set<String> known) {
        Options options = new Options();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: --" + String.join(", --", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.values.put(name, args[i + 1]);
        }
        return options;
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** A duration in seconds, fractions allowed ({@code 2.5}). */
    Duration seconds(String name, double fallback) {
        String value = values.get(name);
        double seconds = value == null ? fallback : Double.parseDouble(value);
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
