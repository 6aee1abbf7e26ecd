package mummy.api.spi.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BinaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import mummy.api.spi.SchedulerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link Scheduler}, run against every provider (JCTools' {@code QueueSanityTest}
 * pattern): each provider module's tests hold a one-line subclass naming its provider, which this
 * class finds with {@link ServiceLoader}, so the module's {@code provides} declaration is under
 * test too.
 *
 * <p>Sharing: this package is in {@code mummy.api}'s test-jar and in no main package, so in a
 * provider module's test run (on the module path, tests patched into the provider module) it sits
 * in the unnamed module, which Surefire lets the provider module read.
 *
 * <p>Every scheduler made here names its threads {@code tck-PROVIDER-TEST-N} (see
 * {@link #THREAD_NAME_ROOT}) and reports escaped exceptions to a recorder; an exception that a test
 * did not expect fails it after the fact. Task bodies avoid linking lambdas, string concatenation
 * and loading classes the first time while several run at once: on JDK 25 a virtual thread that
 * waits for another thread to load a class is pinned, and the "virtual" provider's test fails on
 * any pinning of these threads. Every test is bounded: a provider that runs tasks on the
 * caller's thread would otherwise hang the test that hands over a task that never finishes.
 *
 * <p>One class past the usual size on purpose: it is the whole contract every provider must meet,
 * run by a one-line subclass per provider.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class SchedulerContractTest {

    /** The start of the name of every thread that runs a task of this test. */
    public static final String THREAD_NAME_ROOT = "tck-";

    /** The bound of every wait for something that should happen promptly. */
    static final Duration AWAIT = Duration.ofSeconds(30);

    /** How long a close that should be waiting is watched for returning early. */
    private static final Duration EARLY_RETURN_WINDOW = Duration.ofMillis(100);

    private final SchedulerProvider provider;
    private final EscapedExceptions escaped = new EscapedExceptions();
    private final List<Scheduler> created = new ArrayList<>();
    private String prefix;

    /**
     * Tests the provider of this name.
     *
     * @param providerName the name of a provider on the module path
     */
    protected SchedulerContractTest(String providerName) {
        this.provider = load(providerName);
    }

    private static SchedulerProvider load(String name) {
        List<SchedulerProvider> found = ServiceLoader.load(SchedulerProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        return found.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("ServiceLoader finds no SchedulerProvider named \"" + name
                        + "\"; found: " + found.stream().map(SchedulerProvider::name).toList()));
    }

    @BeforeEach
    void nameThreadsAfterTheTest(TestInfo test) {
        prefix = THREAD_NAME_ROOT + provider.name() + "-" + test.getTestMethod().orElseThrow().getName() + "-";
    }

    @AfterEach
    void closeSchedulersAndCheckNothingEscaped() {
        for (Scheduler scheduler : created) {
            scheduler.close(Duration.ofSeconds(5));
        }
        assertEquals(List.of(), escaped.drain(), "exceptions that escaped tasks unexpectedly");
    }

    private Scheduler start(int parallelism) {
        Scheduler scheduler = provider.create(new SchedulerConfig(parallelism, prefix, escaped));
        created.add(scheduler);
        return scheduler;
    }

    @Test
    void schedulerIsNamedAfterItsProvider() {
        assertEquals(provider.name(), start(1).name());
    }

    @Test
    void providerComesFromANamedModuleThatDeclaresIt() {
        Module module = provider.getClass().getModule();
        assertTrue(module.isNamed(), "the provider runs on the module path, not the class path");
        assertSame(getClass().getModule(), module, "the provider under test comes from the module of this test");
        List<String> declared = module.getDescriptor().provides().stream()
                .filter(p -> p.service().equals(SchedulerProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).toList();
        assertEquals(List.of(provider.getClass().getName()), declared);
        assertEquals(Set.of(), module.getDescriptor().exports(), "a provider module exports nothing");
    }

    @Test
    void executeRejectsANullTask() {
        assertThrows(NullPointerException.class, () -> start(1).execute(null));
    }

    @Test
    void everyTaskRunsExactlyOnceWhenFourThreadsSubmitAtOnce() throws Exception {
        Scheduler scheduler = start(4);
        int tasks = 10_000;
        int submitters = 4;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        CountDownLatch done = new CountDownLatch(tasks);
        Concurrently.run(submitters, AWAIT, submitter -> {
            for (int id = submitter; id < tasks; id += submitters) {
                int task = id;
                scheduler.execute(() -> {
                    runs.incrementAndGet(task);
                    done.countDown();
                });
            }
        });
        assertTrue(done.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS), "tasks still not run: " + done.getCount());
        assertTrue(scheduler.close(AWAIT), "close waits for every task, so no task can run again after it");
        List<String> wrong = IntStream.range(0, tasks).filter(id -> runs.get(id) != 1)
                .mapToObj(id -> "task " + id + " ran " + runs.get(id) + " times").toList();
        assertEquals(List.of(), wrong);
    }

    @Test
    void executeNeverRunsTheTaskOnTheCallingThread() throws Exception {
        Scheduler scheduler = start(2);
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        scheduler.execute(() -> ranOn.complete(Thread.currentThread()));
        assertNotSame(Thread.currentThread(), ranOn.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void executeFromAWorkerNeverRunsTheTaskOnThatWorker() throws Exception {
        Scheduler scheduler = start(2);
        CompletableFuture<List<Thread>> threads = new CompletableFuture<>();
        CompletableFuture<Thread> inner = new CompletableFuture<>();
        Runnable innerTask = () -> inner.complete(Thread.currentThread());
        scheduler.execute(() -> {
            try {
                scheduler.execute(innerTask);
                // The outer task is still running here, so the inner one must be on another thread.
                threads.complete(List.of(Thread.currentThread(), inner.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS)));
            } catch (Exception | Error e) {
                threads.completeExceptionally(e);
            }
        });
        List<Thread> outerAndInner = threads.get(2 * AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotSame(outerAndInner.get(0), outerAndInner.get(1));
    }

    @Test
    void throwingTasksReachTheExceptionHandlerAndLaterTasksStillRun() throws Exception {
        Scheduler scheduler = start(2);
        int failing = 10;
        List<IllegalStateException> thrown = IntStream.range(0, failing)
                .mapToObj(id -> new IllegalStateException("task " + id + " fails on purpose")).toList();
        for (IllegalStateException error : thrown) {
            scheduler.execute(() -> {
                throw error;
            });
        }
        List<EscapedExceptions.Escape> escapes = escaped.take(failing, AWAIT);
        CountDownLatch later = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            scheduler.execute(later::countDown);
        }
        assertTrue(later.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS), "tasks after the failures still not run");
        assertTrue(scheduler.close(AWAIT));

        Set<Throwable> received = Collections.newSetFromMap(new IdentityHashMap<>());
        for (EscapedExceptions.Escape escape : escapes) {
            received.add(escape.error());
            assertSame(escape.reported(), escape.calledOn(), "the handler runs on the worker the task failed on");
            assertTrue(escape.reported().getName().startsWith(prefix), escape.reported().getName());
        }
        assertEquals(failing, received.size(), "each exception reaches the handler once");
        assertTrue(received.containsAll(thrown), "the handler gets the very exceptions thrown");
        assertEquals(List.of(), escaped.drain(), "no exception reaches the handler twice");
    }

    @Test
    void closeWaitsForARunningTaskAndThenRejectsNewTasksNamingTheScheduler() throws Exception {
        Scheduler scheduler = start(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        scheduler.execute(() -> {
            started.countDown();
            awaitQuietly(release);
            finished.set(true);
        });
        assertTrue(started.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertFalse(scheduler.isClosed());

        CompletableFuture<Boolean> finishedWhenCloseReturned = closeInBackground(scheduler, finished);
        Concurrently.awaitUntil(scheduler::isClosed, "close has begun", AWAIT);
        assertRejects(scheduler, "while closing");
        assertThrows(TimeoutException.class,
                () -> finishedWhenCloseReturned.get(EARLY_RETURN_WINDOW.toMillis(), TimeUnit.MILLISECONDS),
                "close returned while a task was still running");

        release.countDown();
        assertTrue(finishedWhenCloseReturned.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS),
                "the task had finished when close returned");
        assertTrue(scheduler.isClosed());
        assertRejects(scheduler, "after close");
        assertTrue(scheduler.close(Duration.ofSeconds(1)), "closing again is harmless");
    }

    @Test
    void tasksAcceptedBeforeCloseRunAlsoThoseNotStartedYet() throws Exception {
        Scheduler scheduler = start(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        scheduler.execute(() -> {
            started.countDown();
            awaitQuietly(release);
        });
        assertTrue(started.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
        int queued = 50;
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < queued; i++) {
            scheduler.execute(ran::incrementAndGet);
        }
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> scheduler.close(AWAIT));
        Concurrently.awaitUntil(scheduler::isClosed, "close has begun", AWAIT);
        release.countDown();
        assertTrue(closed.get(2 * AWAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(queued, ran.get());
    }

    @Test
    void closeWithATimeoutGivesUpOnATaskThatNeverFinishesAndInterruptsIt() throws Exception {
        Scheduler scheduler = start(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        scheduler.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();
        boolean finished = scheduler.close(timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertFalse(finished, "close reports that a task did not finish");
        assertTrue(took.compareTo(timeout) >= 0, "close gave up before the timeout: " + took);
        assertTrue(took.compareTo(timeout.plusSeconds(10)) < 0, "close took far longer than its timeout: " + took);
        assertTrue(interrupted.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS), "the task was interrupted");
        assertTrue(scheduler.isClosed());
        assertRejects(scheduler, "after a close that timed out");
    }

    @Test
    void twoHundredTasksBlockingFiftyMillisecondsEachAllFinish(TestReporter reporter) throws Exception {
        Scheduler scheduler = start(0);
        int tasks = 200;
        long blockMillis = 50;
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        IntBinaryOperator max = Math::max;
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            scheduler.execute(() -> {
                peak.accumulateAndGet(running.incrementAndGet(), max);
                try {
                    Thread.sleep(blockMillis);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("a blocking task was interrupted", e);
                } finally {
                    running.decrementAndGet();
                }
                done.countDown();
            });
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "blocking tasks still not finished: " + done.getCount());
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        reporter.publishEntry("blocking", BlockingTimes.record(provider.name(), tasks, blockMillis, wallMillis, peak.get()));
        assertTrue(wallMillis >= blockMillis, "the tasks did block: " + wallMillis + " ms");
        assertTrue(wallMillis < 60_000, "sanity bound: " + wallMillis + " ms");
    }

    /** Repeated because the races it looks for are rare: a ForkJoinPool one showed in about 1 round in 100. */
    @RepeatedTest(20)
    void everyTaskRacingCloseIsEitherRunOrRejectedNeverDropped() throws Exception {
        Scheduler scheduler = start(4);
        int submitters = 4;
        int maxAttempts = 200_000;
        Map<Integer, Integer> runs = new ConcurrentHashMap<>();
        List<List<Integer>> accepted = new CopyOnWriteArrayList<>();
        List<List<Integer>> rejected = new CopyOnWriteArrayList<>();
        AtomicInteger nextId = new AtomicInteger();
        CountDownLatch someAccepted = new CountDownLatch(1_000);
        AtomicBoolean closedInTime = new AtomicBoolean();
        BinaryOperator<Integer> sum = Integer::sum;
        Concurrently.run(submitters + 1, AWAIT.multipliedBy(2), thread -> {
            if (thread == submitters) {
                assertTrue(someAccepted.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS), "submitters stalled");
                closedInTime.set(scheduler.close(AWAIT));
                return;
            }
            List<Integer> mine = new ArrayList<>();
            List<Integer> refused = new ArrayList<>();
            // Keep submitting past the first rejection: every later task must be rejected too.
            for (int attempt = 0; attempt < maxAttempts && refused.size() < 100; attempt++) {
                int id = nextId.getAndIncrement();
                try {
                    scheduler.execute(() -> runs.merge(id, 1, sum));
                    assertTrue(refused.isEmpty(), "task " + id + " accepted after an earlier one was rejected");
                    mine.add(id);
                    someAccepted.countDown();
                } catch (RejectedExecutionException e) {
                    assertTrue(String.valueOf(e.getMessage()).contains(provider.name()), e.getMessage());
                    refused.add(id);
                }
            }
            accepted.add(mine);
            rejected.add(refused);
        });
        assertTrue(closedInTime.get(), "close waited for every accepted task");
        Set<Integer> acceptedIds = union(accepted);
        Set<Integer> rejectedIds = union(rejected);
        assertEquals(nextId.get(), acceptedIds.size() + rejectedIds.size(), "every attempt was accepted or rejected");
        assertEquals(submitters * 100, rejectedIds.size(), "every submitter saw close take effect");
        assertEquals(acceptedIds, runs.keySet(), "exactly the accepted tasks ran");
        assertEquals(Set.of(1), Set.copyOf(runs.values()), "each accepted task ran once");
    }

    @Test
    void workerThreadsAreNamedWithTheConfiguredPrefixAndANumber() throws Exception {
        Scheduler scheduler = start(4);
        int tasks = 4;
        Set<String> names = ConcurrentHashMap.newKeySet();
        // All four block until all four run, so four different workers must be named.
        CountDownLatch allRunning = new CountDownLatch(tasks);
        CountDownLatch done = new CountDownLatch(tasks * 2);
        Runnable nested = () -> {
            names.add(Thread.currentThread().getName());
            done.countDown();
        };
        for (int i = 0; i < tasks; i++) {
            scheduler.execute(() -> {
                names.add(Thread.currentThread().getName());
                allRunning.countDown();
                awaitQuietly(allRunning);
                scheduler.execute(nested);
                done.countDown();
            });
        }
        assertTrue(done.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS), "tasks still not run: " + done.getCount());
        assertTrue(names.size() >= tasks, "distinct workers: " + names);
        Pattern named = Pattern.compile(Pattern.quote(prefix) + "[0-9]+");
        List<String> misnamed = names.stream().filter(name -> !named.matcher(name).matches()).toList();
        assertEquals(List.of(), misnamed, "workers not named " + prefix + "N");
    }

    private CompletableFuture<Boolean> closeInBackground(Scheduler scheduler, AtomicBoolean finished) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread.ofPlatform().name("closer").start(() -> {
            boolean closed = scheduler.close(AWAIT);
            result.complete(closed && finished.get());
        });
        return result;
    }

    private void assertRejects(Scheduler scheduler, String when) {
        AtomicBoolean ran = new AtomicBoolean();
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
                () -> scheduler.execute(() -> ran.set(true)), "execute " + when);
        assertTrue(String.valueOf(e.getMessage()).contains(provider.name()),
                "the rejection names the scheduler \"" + provider.name() + "\": " + e.getMessage());
        assertFalse(ran.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("latch not released in " + AWAIT);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted while blocked", e);
        }
    }

    private static Set<Integer> union(List<List<Integer>> lists) {
        Set<Integer> all = new HashSet<>();
        lists.forEach(all::addAll);
        return all;
    }
}
