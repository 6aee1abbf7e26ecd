package mummy.examples;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import mummy.api.spi.Scheduler;
import mummy.api.spi.SchedulerConfig;
import mummy.io.Schedulers;

/**
 * Shows which scheduler the server would choose on this module path and runs 100 blocking tasks
 * on it. Prints {@code scheduler: NAME} first; {@code --scheduler NAME} picks one explicitly.
 */
public final class SchedulerDemo {

    private SchedulerDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args {@code [--scheduler NAME]}
     * @throws InterruptedException if interrupted while waiting for the tasks
     */
    public static void main(String[] args) throws InterruptedException {
        String name = args.length == 2 && args[0].equals("--scheduler") ? args[1] : null;
        Scheduler scheduler = Schedulers.create(name, SchedulerConfig.defaults());
        System.out.println("scheduler: " + scheduler.name() + " (available: " + Schedulers.available() + ")");
        int tasks = 100;
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicInteger threads = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            scheduler.execute(() -> {
                threads.incrementAndGet();
                sleepQuietly(Duration.ofMillis(20));
                done.countDown();
            });
        }
        done.await();
        System.out.printf("%d tasks blocking 20 ms each finished in %d ms%n", tasks,
                (System.nanoTime() - start) / 1_000_000);
        scheduler.close();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
