package mummy.sched.pool;

import mummy.api.spi.tck.SchedulerContractTest;

/** The Scheduler contract, run against "pool". */
class PoolSchedulerContractTest extends SchedulerContractTest {
    PoolSchedulerContractTest() { super(PoolSchedulerProvider.NAME); }
}
