package dev.backstop.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Maintenance mode is on: since when, with which message, turned on by whom. Immutable, thread-safe.
 *
 * @param since when maintenance was first turned on (a later {@code on} with a new message keeps it)
 * @param message what the page tells visitors; empty for a flag file written by hand
 * @param by the actor who turned it on, {@code unknown} for a flag file written by hand
 */
public record MaintenanceStatus(Instant since, String message, String by) {

    public MaintenanceStatus {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(by, "by");
    }

    /** Whether maintenance has been on longer than {@code warnAfter}: a forgotten flag is an outage. */
    public boolean isForgotten(Duration warnAfter, Clock clock) {
        return Duration.between(since, clock.instant()).compareTo(warnAfter) > 0;
    }
}
