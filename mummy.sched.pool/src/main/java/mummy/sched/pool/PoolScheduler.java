package mummy.sched.pool;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;

/**
 * A fixed number of platform threads taking tasks from one unbounded, lock-free FIFO queue, waking
 * as few of them as the backlog needs.
 *
 * <p>Why not a {@code ThreadPoolExecutor}: its {@code LinkedBlockingQueue} signals a waiting worker
 * for every task handed over while others sleep, so with many more threads than cores (the default
 * is 10 per core, for blocking handlers) each request costs a futex wake on the IO thread and a
 * futex wait and a context switch on a worker. Here a worker that runs out of tasks first spins
 * for {@link #spinNanos} (at most {@link #maxSpinners} at once), and {@link #execute} wakes a
 * parked worker only when nobody spins; a worker that takes a task while more wait wakes the next
 * one, so a backlog of blocking tasks still spreads over every thread.
 *
 * <p>The queues, with their owners and bounds:
 * <ul>
 *   <li>{@code tasks}: filled by {@link #execute} (the IO threads, and handlers that hand work on),
 *       drained by the workers. Unbounded, as the executor's queue was: what bounds it is the
 *       server, which hands over one task per parsed request or WebSocket event and stops reading
 *       a connection whose answers are not written (its pipelining and outbound limits).</li>
 *   <li>{@code idle}: a stack of parked workers, pushed by a worker before it parks, popped by
 *       whoever wakes one. At most one entry per worker ({@link Worker#inStack}); an entry whose
 *       worker has meanwhile found work is skipped by the popper (the state CAS fails).</li>
 * </ul>
 *
 * <p>The wake protocol, without a lost wakeup: a submitter offers, then reads {@code spinning};
 * if it is 0 it pops the stack. A worker about to park sets its state to parked, pushes itself
 * (unless its entry is still there), then polls the queue once more before {@code park}. So for
 * a task offered while the worker was going to sleep, either the worker's last poll sees it, or
 * the submitter's pop sees the worker; all of it through sequentially consistent atomics
 * (jcstress: {@code PoolSchedulerWakeTest}, two submitters racing one worker that parks at once,
 * and one that spins).
 *
 * <p>Threading: {@link #execute} from any thread. All threads start up front and live until
 * {@link #close}. Blocking tasks hold their thread: at most {@code threads} tasks block at once,
 * the rest queue. Rejection: a task offered while {@link #close} begins is taken back out of the
 * queue and rejected, or, if a worker got it first, run; never both, never neither.
 */
final class PoolScheduler implements Scheduler {

    private static final System.Logger LOG = System.getLogger("mummy.scheduler");

    /** System property: how long an idle worker spins before it parks, in microseconds (0: never). */
    static final String SPIN_MICROS_PROPERTY = "mummy.pool.spinMicros";
    /** System property: how many workers may spin at once (default: half the processors, at least 1). */
    static final String SPINNERS_PROPERTY = "mummy.pool.spinners";
    static final long DEFAULT_SPIN_MICROS = 20;

    private static final int RUNNING = 0;
    private static final int SHUTDOWN = 1;
    private static final int STOP = 2;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicReference<IdleNode> idle = new AtomicReference<>();
    private final AtomicInteger spinning = new AtomicInteger();
    private final AtomicInteger runState = new AtomicInteger(RUNNING);
    /** Tasks offered and tasks taken (or discarded), for {@link #queuedTasks()}. */
    private final LongAdder offered = new LongAdder();
    private final LongAdder taken = new LongAdder();
    private final Worker[] workers;
    private final CountDownLatch terminated;
    private final Thread.UncaughtExceptionHandler exceptionHandler;
    private final long spinNanos;
    private final int maxSpinners;

    PoolScheduler(int threads, SchedulerConfig config) {
        this(threads, config, TimeUnit.MICROSECONDS.toNanos(longProperty(SPIN_MICROS_PROPERTY, DEFAULT_SPIN_MICROS)),
                (int) longProperty(SPINNERS_PROPERTY, Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
    }

    /** With the spinning given rather than read from the system properties (the jcstress tests park at once). */
    PoolScheduler(int threads, SchedulerConfig config, long spinNanos, int maxSpinners) {
        if (threads < 1) {
            throw new IllegalArgumentException("scheduler \"pool\" needs at least 1 thread, got " + threads);
        }
        this.exceptionHandler = config.exceptionHandler();
        this.spinNanos = spinNanos;
        this.maxSpinners = maxSpinners;
        this.workers = new Worker[threads];
        this.terminated = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(this::work, config.threadNamePrefix() + (i + 1));
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(config.exceptionHandler());
            workers[i] = new Worker(thread);
        }
        for (Worker worker : workers) {
            worker.thread.start();
        }
    }

    private static long longProperty(String name, long fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("system property " + name + " must be a whole number >= 0, got \""
                    + value + "\"", e);
        }
    }

    @Override
    public String name() {
        return PoolSchedulerProvider.NAME;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (runState.get() != RUNNING) {
            throw rejected();
        }
        offered.increment();
        tasks.offer(task);
        if (runState.get() != RUNNING && tasks.remove(task)) {
            // close began meanwhile and no worker took it: it is ours to reject
            offered.decrement();
            throw rejected();
        }
        signal();
    }

    /**
     * Wakes a parked worker unless one is spinning or being woken already: the woken worker
     * carries the {@code spinning} count the CAS took until it has looked at the queue
     * ({@link #releaseToken}), so a burst of tasks wakes one worker, not one per task.
     */
    private void signal() {
        if (spinning.get() == 0 && spinning.compareAndSet(0, 1) && !wakeOne()) {
            spinning.decrementAndGet(); // nobody parked: every worker polls the queue before it parks
        }
    }

    /** A woken worker has looked at the queue: it gives its count back and passes a backlog on. */
    private void releaseToken() {
        if (spinning.decrementAndGet() == 0 && !tasks.isEmpty()) {
            signal();
        }
    }

    private static RejectedExecutionException rejected() {
        return new RejectedExecutionException("scheduler \"pool\" is closed: task rejected");
    }

    /**
     * Wakes one parked worker, handing it the caller's {@code spinning} count; skips entries whose
     * worker is awake already.
     *
     * @return false if no worker was parked
     */
    private boolean wakeOne() {
        IdleNode top;
        while ((top = idle.get()) != null) {
            if (idle.compareAndSet(top, top.next)) {
                Worker worker = top.worker;
                worker.inStack = false; // before the CAS: see park
                if (worker.state.compareAndSet(Worker.PARKED, Worker.WOKEN)) {
                    LockSupport.unpark(worker.thread);
                    return true;
                }
            }
        }
        return false;
    }

    private Worker self() {
        Thread current = Thread.currentThread();
        for (Worker worker : workers) {
            if (worker.thread == current) {
                return worker;
            }
        }
        throw new IllegalStateException("not a worker of this pool: " + current.getName());
    }

    /** A worker thread's life: take, run, and between tasks spin, then park. */
    private void work() {
        Worker me = self();
        try {
            Runnable task;
            while ((task = next(me)) != null) {
                taken.increment();
                me.busy = true;
                try {
                    task.run();
                } catch (Throwable error) {
                    exceptionHandler.uncaughtException(me.thread, error);
                } finally {
                    me.busy = false;
                }
                if (runState.get() != STOP) {
                    Thread.interrupted(); // a task's interrupt must not reach the next task (or the park)
                }
            }
        } finally {
            terminated.countDown();
        }
    }

    /** The next task for {@code me}, or null once the pool is closed and (unless stopped) empty. */
    private Runnable next(Worker me) {
        Runnable task = tasks.poll();
        if (task != null) {
            return task;
        }
        while (true) {
            task = spin();
            if (task != null) {
                if (!tasks.isEmpty()) {
                    signal(); // a backlog: the next worker, so that blocking tasks spread
                }
                return task;
            }
            int state = runState.get();
            if (state == STOP || (state == SHUTDOWN && tasks.isEmpty())) {
                return null;
            }
            task = park(me);
            if (task != null) {
                return task;
            }
        }
    }

    /** Polls for up to {@link #spinNanos}, if fewer than {@link #maxSpinners} spin already. */
    private Runnable spin() {
        if (spinNanos == 0 || spinning.get() >= maxSpinners) {
            return null;
        }
        spinning.incrementAndGet();
        long start = System.nanoTime();
        try {
            for (int i = 1; ; i++) {
                Runnable task = tasks.poll();
                if (task != null) {
                    return task;
                }
                if ((i & 63) == 0 && (System.nanoTime() - start >= spinNanos || runState.get() != RUNNING)) {
                    return null;
                }
                Thread.onSpinWait();
            }
        } finally {
            spinning.decrementAndGet();
        }
    }

    /**
     * Parks {@code me} until a submitter or {@link #close} wakes it; returns a task if one came,
     * else null (woken without one, spuriously, or by close: the caller re-checks).
     */
    private Runnable park(Worker me) {
        me.state.set(Worker.PARKED);
        if (!me.inStack) {
            me.inStack = true;
            pushIdle(me);
        }
        Runnable task = tasks.poll(); // the last look: see the class comment
        int state = runState.get();
        if (task == null && state != STOP && !(state == SHUTDOWN && tasks.isEmpty())) {
            LockSupport.park(this);
            if (runState.get() != STOP) {
                Thread.interrupted(); // an interrupt must not turn the next park into a busy loop
            }
            task = tasks.poll();
        }
        if (!me.state.compareAndSet(Worker.PARKED, Worker.AWAKE)) {
            // WOKEN: a waker handed us its count (and perhaps an unpark still to come, which only
            // makes a later park return early); give it back now that we have looked
            me.state.set(Worker.AWAKE);
            releaseToken();
        }
        return task;
    }

    private void pushIdle(Worker worker) {
        IdleNode node = new IdleNode(worker);
        IdleNode top;
        do {
            top = idle.get();
            node.next = top;
        } while (!idle.compareAndSet(top, node));
    }

    @Override
    public boolean close(Duration timeout) {
        runState.compareAndSet(RUNNING, SHUTDOWN);
        wakeAll();
        try {
            if (terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
            int discarded = stopNow();
            LOG.log(System.Logger.Level.WARNING, "scheduler.close.timeout: pool did not finish in {0};"
                    + " running tasks interrupted, {1} queued tasks discarded", timeout, discarded);
            return false;
        } catch (InterruptedException e) {
            stopNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void wakeAll() {
        for (Worker worker : workers) {
            LockSupport.unpark(worker.thread);
        }
    }

    /** Stops at once: no queued task starts, running ones are interrupted; returns the discarded count. */
    private int stopNow() {
        runState.set(STOP);
        int discarded = 0;
        while (tasks.poll() != null) {
            discarded++;
        }
        taken.add(discarded);
        for (Worker worker : workers) {
            worker.thread.interrupt();
        }
        wakeAll();
        return discarded;
    }

    @Override
    public boolean isClosed() {
        return runState.get() != RUNNING;
    }

    /** {@return the tasks waiting in the queue (an estimate while tasks come and go)} */
    @Override
    public long queuedTasks() {
        return Math.max(0, offered.sum() - taken.sum());
    }

    /** {@return the threads running a task now} */
    @Override
    public long runningTasks() {
        long running = 0;
        for (Worker worker : workers) {
            if (worker.busy) {
                running++;
            }
        }
        return running;
    }

    /** One worker thread and what the wake protocol knows of it. */
    private static final class Worker {
        static final int AWAKE = 0;
        static final int PARKED = 1;
        /** Unparked by a waker, which handed over its {@code spinning} count with it. */
        static final int WOKEN = 2;

        final Thread thread;
        /** PARKED from just before it pushes itself until it looked again; a waker CASes it to WOKEN. */
        final AtomicInteger state = new AtomicInteger(AWAKE);
        /** Set by the worker before it pushes itself, cleared by the popper: one entry at most. */
        volatile boolean inStack;
        /** Whether it runs a task now; written by its thread only. */
        volatile boolean busy;

        Worker(Thread thread) {
            this.thread = thread;
        }
    }

    /** An entry of the idle stack; a new one per push, so a CAS on the top never sees ABA. */
    private static final class IdleNode {
        final Worker worker;
        IdleNode next;

        IdleNode(Worker worker) {
            this.worker = worker;
        }
    }
}
