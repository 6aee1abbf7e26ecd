package mummy.sched.virtual;

import mummy.api.spi.tck.SchedulerContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Scheduler contract, run against "virtual"; fails if any task thread was pinned meanwhile. */
@ExtendWith(PinningRecorder.class)
class VirtualThreadSchedulerContractTest extends SchedulerContractTest {
    VirtualThreadSchedulerContractTest() { super(VirtualThreadSchedulerProvider.NAME); }
}
