package mummy.testing.tus;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A time source that moves only when a test moves it. Safe to read from any thread. */
final class ManualClock implements InstantSource {

    private final AtomicReference<Instant> now;

    ManualClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    void advance(Duration time) {
        now.updateAndGet(instant -> instant.plus(time));
    }
}
