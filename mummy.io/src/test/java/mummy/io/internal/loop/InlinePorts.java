package mummy.io.internal.loop;

import mummy.io.internal.metrics.HttpMetrics;
import mummy.io.internal.metrics.LoopMetrics;
import java.time.Duration;
import mummy.api.spi.Scheduler;
import mummy.io.internal.http.HttpLimits;

/** {@link WorkerPort}s for tests of worker-side classes without an {@link IoLoop}: tasks run inline. */
final class InlinePorts {

    private InlinePorts() {
    }

    /** A scheduler that runs each task on the calling thread. */
    static final class InlineScheduler implements Scheduler {
        private volatile boolean closed;

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
            closed = true;
            return true;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }

    /** A port onto {@code queue}, with default settings and a loop that is neither draining nor stopped. */
    static WorkerPort port(WakeupQueue<IoCommand> queue) {
        LoopConfig config = new LoopConfig(request -> request.respond(200, "ok"), HttpLimits.defaults(), Long.MAX_VALUE,
                16, 64, 16, "test-io", LoopConfig.Timeouts.defaults(), System::nanoTime,
                WebSocketSettings.defaults(), BufferLimits.defaults());
        return new WorkerPort(queue, config, new InlineScheduler(), () -> false, () -> false, Runnable::run,
                new LoopMetrics(true), new HttpMetrics(), new DeflateSessions(config.buffers().total()));
    }
}
