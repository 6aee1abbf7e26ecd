/**
 * The "forkjoin" scheduler: see {@link mummy.sched.fj.ForkJoinSchedulerProvider}. Exports nothing; the server finds it
 * with {@link java.util.ServiceLoader} when this module is on the module path.
 *
 * @provides mummy.api.spi.SchedulerProvider
 */
module mummy.sched.fj {
    requires mummy.api;

    provides mummy.api.spi.SchedulerProvider with mummy.sched.fj.ForkJoinSchedulerProvider;
}
