/**
 * The "virtual" scheduler: see {@link mummy.sched.virtual.VirtualThreadSchedulerProvider}. Exports nothing; the server finds it
 * with {@link java.util.ServiceLoader} when this module is on the module path.
 *
 * @provides mummy.api.spi.SchedulerProvider
 */
module mummy.sched.virtual {
    requires mummy.api;

    provides mummy.api.spi.SchedulerProvider with mummy.sched.virtual.VirtualThreadSchedulerProvider;
}
