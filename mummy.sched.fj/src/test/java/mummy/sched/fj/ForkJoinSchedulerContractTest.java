package mummy.sched.fj;

import mummy.api.spi.tck.SchedulerContractTest;

/** The Scheduler contract, run against "forkjoin". */
class ForkJoinSchedulerContractTest extends SchedulerContractTest {
    ForkJoinSchedulerContractTest() { super(ForkJoinSchedulerProvider.NAME); }
}
