package mummy.io.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A released waker never signals again, and release waits out a signal in progress. */
class ReleasableWakerTest {

    @Test
    void wakeSignalsUntilReleasedAndNeverAfter() {
        AtomicInteger signals = new AtomicInteger();
        ReleasableWaker waker = new ReleasableWaker(signals::incrementAndGet);
        waker.wake();
        waker.wake();
        assertEquals(2, signals.get());
        waker.release();
        assertTrue(waker.isReleased());
        waker.wake();
        waker.release(); // twice is harmless
        waker.wake();
        assertEquals(2, signals.get(), "no signal after release");
    }

    @Test
    void releaseReturnsOnlyOnceTheSignalInProgressReturned() throws Exception {
        CountDownLatch inSignal = new CountDownLatch(1);
        CountDownLatch finishSignal = new CountDownLatch(1);
        AtomicBoolean fdClosed = new AtomicBoolean();
        AtomicBoolean wroteIntoClosedFd = new AtomicBoolean();
        ReleasableWaker waker = new ReleasableWaker(() -> {
            inSignal.countDown();
            try {
                assertTrue(finishSignal.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            wroteIntoClosedFd.set(fdClosed.get()); // the write itself
        });
        Thread producer = Thread.ofPlatform().start(waker::wake);
        assertTrue(inSignal.await(10, TimeUnit.SECONDS));
        Thread loop = Thread.ofPlatform().start(() -> {
            waker.release();
            fdClosed.set(true); // what IoLoop.release does next: close the eventfd
        });
        loop.join(200);
        assertTrue(loop.isAlive(), "release waits while a signal is in progress");
        assertFalse(fdClosed.get());
        finishSignal.countDown();
        loop.join(10_000);
        producer.join(10_000);
        assertFalse(loop.isAlive());
        assertTrue(fdClosed.get());
        assertFalse(wroteIntoClosedFd.get(), "the signal finished before the descriptor closed");
    }
}
