package mummy.io;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.Map;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import mummy.api.spi.SchedulerProvider;

/**
 * Finds {@link SchedulerProvider}s with {@link ServiceLoader} and picks one by name.
 *
 * <p>Selection order: an explicit name (the server builder's
 * {@link Server.Builder#scheduler(String) scheduler("name")}), else the system property
 * {@value #PROPERTY}, else the only provider present, else {@value #DEFAULT}.
 * An unknown name fails fast with an {@link IllegalArgumentException} listing the names found;
 * finding none fails with one that says how to add a scheduler where {@code mummy.io} was loaded
 * from (the module path, the class path, or a runtime image linked with jlink).
 *
 * <p>Threading: stateless; every method may be called from any thread.
 */
public final class Schedulers {

    /** The system property naming the scheduler when the builder names none. */
    public static final String PROPERTY = "mummy.scheduler";

    /** The provider chosen when several are present and none is named. */
    public static final String DEFAULT = "pool";

    private Schedulers() {
    }

    /**
     * The providers visible to {@code mummy.io} (module path or class path), by name.
     *
     * @return the providers, sorted by name
     */
    public static Map<String, SchedulerProvider> providers() {
        Map<String, SchedulerProvider> found = new TreeMap<>();
        for (SchedulerProvider provider : ServiceLoader.load(SchedulerProvider.class, Schedulers.class.getClassLoader())) {
            SchedulerProvider previous = found.putIfAbsent(provider.name(), provider);
            if (previous != null && previous.getClass() != provider.getClass()) {
                throw new IllegalStateException("two scheduler providers are named \"" + provider.name() + "\": "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return found;
    }

    /**
     * The names of the providers present, sorted.
     *
     * @return the names
     */
    public static List<String> available() {
        return new ArrayList<>(providers().keySet());
    }

    /**
     * Picks a provider and creates a scheduler from it.
     *
     * @param explicit the name asked for, or null
     * @param config the scheduler configuration
     * @return a new scheduler
     * @throws IllegalArgumentException if the name is unknown or no provider is present
     */
    public static Scheduler create(String explicit, SchedulerConfig config) {
        Map<String, SchedulerProvider> found = providers();
        String name = select(explicit, System.getProperty(PROPERTY), List.copyOf(found.keySet()));
        return found.get(name).create(config);
    }

    /**
     * The selection rule alone, without loading anything.
     *
     * @param explicit the name asked for by code, or null
     * @param property the value of {@value #PROPERTY}, or null
     * @param names the names of the providers present
     * @return the chosen name, one of {@code names}
     * @throws IllegalArgumentException if the chosen name is not present, or none is
     */
    public static String select(String explicit, String property, List<String> names) {
        return select(explicit, property, names, ModuleOrigin.of(Schedulers.class.getModule()));
    }

    /**
     * {@link #select(String, String, List)} for {@code mummy.io} loaded from {@code origin}, which
     * decides what the error for no provider at all advises: a module on the module path, a jar
     * on the module path instead of the class path, or linking the runtime image again.
     */
    static String select(String explicit, String property, List<String> names, ModuleOrigin origin) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no scheduler provider found: " + origin.schedulerAdvice());
        }
        String wanted = explicit != null ? explicit : blankToNull(property);
        String source = explicit != null ? "scheduler(\"" + explicit + "\")" : "-D" + PROPERTY + "=" + property;
        if (wanted == null) {
            return names.size() == 1 ? names.getFirst() : requirePresent(DEFAULT, "the default", names);
        }
        return requirePresent(wanted, source, names);
    }

    private static String requirePresent(String name, String source, List<String> names) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("unknown scheduler \"" + name + "\" (from " + source
                    + "); schedulers found: " + String.join(", ", names));
        }
        return name;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
