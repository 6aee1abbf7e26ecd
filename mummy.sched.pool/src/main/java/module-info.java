/**
 * The "pool" scheduler: see {@link mummy.sched.pool.PoolSchedulerProvider}. Exports nothing; the server finds it
 * with {@link java.util.ServiceLoader} when this module is on the module path.
 *
 * @provides mummy.api.spi.SchedulerProvider
 */
module mummy.sched.pool {
    requires mummy.api;

    provides mummy.api.spi.SchedulerProvider with mummy.sched.pool.PoolSchedulerProvider;
}
