package mummy.io.internal.loop;

import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;
import java.time.Duration;
import mummy.api.spi.Scheduler;
import mummy.io.internal.http.HttpLimits;

/**
 * {@link WorkerPort}s for the jcstress tests: the worker-side classes run for real against a
 * {@link WakeupQueue} the test drains, without an {@link IoLoop} (which would open an epoll
 * instance and an eventfd per state). Tasks handed to the scheduler run inline.
 */
final class JcstressPorts {

    private static final LoopConfig CONFIG = new LoopConfig(request -> request.respond(200, "ok"),
            HttpLimits.defaults(), Long.MAX_VALUE, 16, 64, 16, "jcstress-io", LoopConfig.Timeouts.defaults(),
            System::nanoTime, WebSocketSettings.defaults(), BufferLimits.defaults());

    private static final Scheduler INLINE = new Scheduler() {
        @Override
        public String name() {
            return "inline";
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public boolean close(Duration timeout) {
            return true;
        }

        @Override
        public boolean isClosed() {
            return false;
        }
    };

    private JcstressPorts() {
    }

    /** A port onto {@code queue} of a loop that is neither draining nor stopped. */
    static WorkerPort port(WakeupQueue<IoCommand> queue) {
        return new WorkerPort(queue, CONFIG, INLINE, () -> false, () -> false, Runnable::run,
                new LoopMetrics(false), new HttpMetrics(), new DeflateSessions(CONFIG.buffers().total()));
    }
}
