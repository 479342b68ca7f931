package dev.backstop.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that starts at the real time and moves one second on every reading, so releases imported
 * one after the other get ids in import order (ids have one-second resolution) while "an hour ago"
 * still means an hour before the real time files are stamped with. Thread-safe.
 */
public final class SteppingClock extends Clock {

    private final AtomicReference<Instant> next = new AtomicReference<>(Instant.now());

    @Override
    public Instant instant() {
        return next.getAndUpdate(now -> now.plus(Duration.ofSeconds(1)));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a stepping clock is always UTC");
    }
}
