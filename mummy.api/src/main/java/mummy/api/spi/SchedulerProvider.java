package mummy.api.spi;

/**
 * A named strategy for running request handlers and WebSocket events: a service found with
 * {@link java.util.ServiceLoader} and declared in a {@code module-info.java} with
 * {@code provides mummy.api.spi.SchedulerProvider with ...}, and for applications on the class
 * path also in {@code META-INF/services/mummy.api.spi.SchedulerProvider} (the project's own
 * schedulers declare both).
 *
 * <p>The server picks a provider by name: the server builder's {@code scheduler("name")} (in
 * mummy.io), else the system property {@code mummy.scheduler}, else the only provider present,
 * else {@code "pool"}.
 *
 * <p>Threading: a provider is stateless; {@link #create} may be called from any thread, any
 * number of times, and each call returns a new, independent {@link Scheduler}.
 */
public interface SchedulerProvider {

    /**
     * The name users select this provider by, such as {@code "pool"}, {@code "forkjoin"} or
     * {@code "virtual"}: lower case, unique among the providers present.
     *
     * @return the provider's name
     */
    String name();

    /**
     * Creates a new scheduler.
     *
     * @param config the parallelism hint, thread names and handler of escaped exceptions
     * @return a new scheduler, ready to take tasks
     */
    Scheduler create(SchedulerConfig config);
}
